package network

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"learnwork/store"
)

// XArchive reads data/following.js and data/follower.js from an X
// (Twitter) archive: a script assigning an array to
// window.YTD.following.part0, each element {"following": {"accountId",
// "userLink"}}. The archive names accounts only by number, so each is an
// Account: linked to a person whose profile names that number, else left
// for the person to name.
type XArchive struct{}

func (XArchive) Name() string { return "X (Twitter) follows" }

var ytd = regexp.MustCompile(`window\.YTD\.(following|follower)\.part\d+\s*=\s*\[`)

func (XArchive) Sniff(head []byte) bool { return ytd.Match(head) }

// maxArchive bounds what is read of one archive file: following.js holds
// about 150 bytes an account, so this is some 600,000 accounts.
const maxArchive = 100 << 20

type xItem struct {
	AccountID string `json:"accountId"`
	UserLink  string `json:"userLink"`
}

func (XArchive) Parse(r io.Reader, emit func(Entry) error) error {
	b, err := io.ReadAll(io.LimitReader(r, maxArchive))
	if err != nil {
		return err
	}
	loc := ytd.FindIndex(b)
	if loc == nil {
		return ErrNotFormat
	}
	start := loc[1] - 1 // the '['
	dec := json.NewDecoder(bytes.NewReader(b[start:]))
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("line %d: %w", lineAt(b, start), err)
	}
	for dec.More() {
		off := start + int(dec.InputOffset())
		for off < len(b) && strings.IndexByte(" \t\r\n,", b[off]) >= 0 {
			off++
		}
		line := lineAt(b, off)
		var item map[string]xItem
		if err := dec.Decode(&item); err != nil {
			return fmt.Errorf("line %d: the archive is cut or damaged here (%v)", line, err)
		}
		for _, it := range item {
			if err := emit(xAccount(line, it)); err != nil {
				return err
			}
		}
	}
	return nil
}

func xAccount(line int, it xItem) Entry {
	id := strings.TrimSpace(it.AccountID)
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return Entry{Line: line, Skip: fmt.Sprintf("%q is not an X account number", id)}
	}
	link := "https://twitter.com/intent/user?user_id=" + id
	p := &store.Person{Profiles: []store.Contact{{Value: link, Types: []string{"twitter"}}}}
	p.Kind = store.KindPerson
	return Entry{Line: line, Person: p, Account: &Account{Service: "twitter", ID: id, URL: firstNonEmpty(strings.TrimSpace(it.UserLink), link)}}
}

package network

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"learnwork/store"
)

// MastodonFollowing reads following_accounts.csv from Mastodon's
// Preferences > Import and export > Data export:
// Account address,Show boosts,Notify on new posts,Languages, then one
// user@host a line (servers before 3.5 wrote only the first two columns).
type MastodonFollowing struct{}

func (MastodonFollowing) Name() string { return "Mastodon follows" }

func isMastodonHeader(names []string) bool {
	return len(names) >= 1 && names[0] == "account address"
}

func (MastodonFollowing) Sniff(head []byte) bool {
	first, _, _ := strings.Cut(decodeHead(head), "\n")
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(first)), "account address")
}

func (MastodonFollowing) Parse(r io.Reader, emit func(Entry) error) error {
	t, err := readTable(r, isMastodonHeader)
	if err != nil {
		return err
	}
	return t.rows(emit, func() Entry { return mastodonAccount(t.line, t.row[0], nil) })
}

// MastodonLists reads lists.csv from the same export: no header, a list's
// title and an account a line, an account once per list it is in.
type MastodonLists struct{}

func (MastodonLists) Name() string { return "Mastodon lists" }

func (MastodonLists) Sniff(head []byte) bool {
	text := decodeHead(head)
	if len(head) >= HeadSize { // the last line may be cut short
		if i := strings.LastIndexByte(text, '\n'); i > 0 {
			text = text[:i]
		}
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	n := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return n > 0
		}
		if err != nil || len(rec) != 2 {
			return false
		}
		if _, _, ok := splitAddress(rec[1]); !ok {
			return false
		}
		n++
	}
}

func (MastodonLists) Parse(r io.Reader, emit func(Entry) error) error {
	cr := csv.NewReader(bufio.NewReader(decodeText(r)))
	cr.FieldsPerRecord, cr.LazyQuotes = -1, true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if err := emit(Entry{Line: pe.StartLine, Skip: fmt.Sprintf("this line could not be read as CSV (%v)", pe.Err)}); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		line, _ := cr.FieldPos(0)
		var e Entry
		if len(rec) < 2 {
			e = Entry{Line: line, Skip: "a list line needs the list's title and an account"}
		} else {
			e = mastodonAccount(line, rec[1], []string{strings.TrimSpace(rec[0])})
		}
		if err := emit(e); err != nil {
			return err
		}
	}
}

// splitAddress reads user@host (with or without the leading @).
func splitAddress(s string) (user, host string, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "@")
	user, host, ok = strings.Cut(s, "@")
	if !ok || user == "" || !strings.Contains(host, ".") || strings.ContainsAny(s, " /:,") || strings.Count(s, "@") != 1 {
		return "", "", false
	}
	return user, host, true
}

// mastodonAccount is a person known by their Mastodon address: named by
// it until someone better known turns out to be them.
func mastodonAccount(line int, addr string, groups []string) Entry {
	user, host, ok := splitAddress(addr)
	if !ok {
		return Entry{Line: line, Skip: fmt.Sprintf("%q is not a Mastodon address (user@server)", strings.TrimSpace(addr))}
	}
	p := &store.Person{Name: "@" + user + "@" + host}
	p.Kind = store.KindPerson
	p.Profiles = []store.Contact{{Value: "https://" + host + "/@" + user, Types: []string{"mastodon"}}}
	return Entry{Line: line, Person: p, HandleOnly: true, Groups: groups}
}

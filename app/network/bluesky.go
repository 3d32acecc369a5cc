package network

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"learnwork/store"
)

// Bluesky reads a list of Bluesky accounts, one a line: handles
// (ada.bsky.social, @ada.bsky.social), DIDs (did:plc:…) or profile links
// (https://bsky.app/profile/ada.bsky.social). Blank lines and lines
// starting with # are left alone. A DID names no one, so it is an Account.
type Bluesky struct{}

func (Bluesky) Name() string { return "Bluesky accounts" }

var (
	blueskyHandle = regexp.MustCompile(`^@?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$`)
	blueskyDID    = regexp.MustCompile(`^did:(plc|web):[a-zA-Z0-9._:%-]+$`)
)

// blueskyAccount reads one line: the handle or DID it names.
func blueskyAccount(s string) (handle, did string, ok bool) {
	s = strings.TrimSpace(s)
	if rest, found := strings.CutPrefix(s, "https://bsky.app/profile/"); found {
		s, _, _ = strings.Cut(rest, "/")
	}
	switch {
	case blueskyDID.MatchString(s):
		return "", s, true
	case blueskyHandle.MatchString(s) && !strings.EqualFold(s, "handle.invalid"): // what Bluesky shows for a broken handle
		return strings.ToLower(strings.TrimPrefix(s, "@")), "", true
	}
	return "", "", false
}

func (Bluesky) Sniff(head []byte) bool {
	text := decodeHead(head)
	if len(head) >= HeadSize {
		if i := strings.LastIndexByte(text, '\n'); i > 0 {
			text = text[:i]
		}
	}
	good, bad, bsky := 0, 0, false
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		h, did, ok := blueskyAccount(l)
		if !ok {
			bad++ // a slip in a pasted list; too many and it is some other file
			continue
		}
		// Any domain is a handle, so a list must show it is Bluesky's.
		bsky = bsky || did != "" || strings.HasSuffix(h, ".bsky.social") || strings.Contains(l, "bsky.app/")
		good++
	}
	return good > 0 && bad*4 <= good && bsky
}

func (Bluesky) Parse(r io.Reader, emit func(Entry) error) error {
	sc := bufio.NewScanner(decodeText(r))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		var e Entry
		if h, did, ok := blueskyAccount(l); ok {
			e = blueskyEntry(h, did, "")
		} else {
			e.Skip = fmt.Sprintf("%q is not a Bluesky handle or DID", l)
		}
		e.Line = line
		if err := emit(e); err != nil {
			return err
		}
	}
	return sc.Err()
}

// blueskyEntry is an account: a person named by displayName, else by
// handle, else (a DID alone) an account to link or name.
func blueskyEntry(handle, did, displayName string) Entry {
	p := &store.Person{}
	p.Kind = store.KindPerson
	if handle != "" {
		p.Profiles = append(p.Profiles, store.Contact{Value: "https://bsky.app/profile/" + handle, Types: []string{"bluesky"}})
	}
	if did != "" {
		p.Profiles = append(p.Profiles, store.Contact{Value: did, Types: []string{"bluesky"}})
	}
	switch {
	case strings.TrimSpace(displayName) != "":
		p.Name = strings.TrimSpace(displayName)
		return Entry{Person: p}
	case handle != "":
		p.Name = "@" + handle
		return Entry{Person: p, HandleOnly: true}
	}
	return Entry{Person: p, Account: &Account{Service: "bluesky", ID: did, URL: "https://bsky.app/profile/" + did}}
}

// BlueskyAPI is Bluesky's public AppView, which answers without an account.
const BlueskyAPI = "https://public.api.bsky.app"

// ErrOffline: the service could not be reached; nothing was read.
var ErrOffline = errors.New("could not reach the service")

// Follows asks Bluesky's public API whom an account (a handle or DID)
// follows, a page of 100 at a time; cancelling the context stops it
// between pages.
type Follows struct {
	Client *http.Client // nil: http.DefaultClient
	Base   string       // "": BlueskyAPI; tests pass their own server's
}

type followsPage struct {
	Follows []struct {
		DID         string `json:"did"`
		Handle      string `json:"handle"`
		DisplayName string `json:"displayName"`
	} `json:"follows"`
	Cursor string `json:"cursor"`
}

// MaxFollowPages bounds a fetch (100 accounts a page): a server that keeps
// handing out cursors cannot keep it going forever.
const MaxFollowPages = 2000

// Page fetches one page of the accounts actor follows, from cursor (""
// for the first); next is "" after the last page.
func (f Follows) Page(ctx context.Context, actor, cursor string) (entries []Entry, next string, err error) {
	h, did, ok := blueskyAccount(actor)
	if !ok {
		return nil, "", fmt.Errorf("%q is not a Bluesky handle or DID", actor)
	}
	actor = firstNonEmpty(h, did)
	client, base := f.Client, strings.TrimRight(firstNonEmpty(f.Base, BlueskyAPI), "/")
	if client == nil {
		client = http.DefaultClient
	}
	q := url.Values{"actor": {actor}, "limit": {"100"}}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/xrpc/app.bsky.graph.getFollows?"+q.Encode(), nil)
	if err != nil {
		return nil, "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		return nil, "", fmt.Errorf("bluesky: %w (%v)", ErrOffline, err)
	}
	var page followsPage
	err = json.NewDecoder(io.LimitReader(resp.Body, 8<<20)).Decode(&page)
	resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusBadRequest:
		return nil, "", fmt.Errorf("bluesky does not know %s", actor)
	case resp.StatusCode != http.StatusOK:
		return nil, "", fmt.Errorf("bluesky answered %s", resp.Status)
	case err != nil:
		return nil, "", fmt.Errorf("bluesky sent an answer that could not be read: %w", err)
	}
	for _, a := range page.Follows {
		h, _, _ := blueskyAccount(a.Handle)
		if h == "" && a.DID == "" {
			continue
		}
		entries = append(entries, blueskyEntry(h, a.DID, a.DisplayName))
	}
	if page.Cursor == cursor || len(page.Follows) == 0 {
		page.Cursor = "" // a server that keeps handing out the same cursor
	}
	return entries, page.Cursor, nil
}

package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"learnwork/app/network"
	"learnwork/store"
)

// PeopleSource is one choice of the People list's *Came from* filter: a
// kind of import (or typed in) and how many people came from it.
type PeopleSource struct {
	Key   string `json:"key"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Where people can come from, in the order the filter offers them.
var peopleSources = []PeopleSource{
	{Key: "linkedin", Name: "LinkedIn connections"},
	{Key: "google", Name: "Google contacts"},
	{Key: "outlook", Name: "Outlook contacts"},
	{Key: "mastodon", Name: "Mastodon follows"},
	{Key: "x", Name: "X (Twitter) archive"},
	{Key: "bluesky", Name: "Bluesky"},
	{Key: "vcard", Name: "a contacts file (.vcf)"},
	{Key: "csv", Name: "your own CSV"},
	{Key: "opml", Name: "a feed list (OPML)"},
	{Key: "calendar", Name: "a calendar file (.ics)"},
	{Key: "elsewhere", Name: "imported on another computer"},
	{Key: "typed", Name: "typed in"},
}

// sourceKey is the filter's choice an import falls under, by the format
// it read; imports from before formats were recorded read a contacts
// file or a calendar, told apart by the file's name.
func sourceKey(b store.Batch) string {
	switch b.Format {
	case network.LinkedIn{}.Name():
		return "linkedin"
	case network.GoogleContacts{}.Name():
		return "google"
	case network.Outlook{}.Name():
		return "outlook"
	case network.MastodonFollowing{}.Name(), network.MastodonLists{}.Name():
		return "mastodon"
	case network.XArchive{}.Name():
		return "x"
	case network.Bluesky{}.Name(), blueskyFollows:
		return "bluesky"
	case network.Custom{}.Name():
		return "csv"
	case network.OPML{}.Name():
		return "opml"
	case icalFormat{}.Name():
		return "calendar"
	case vcardFormat{}.Name():
		return "vcard"
	}
	if strings.EqualFold(filepath.Ext(b.File), ".ics") {
		return "calendar"
	}
	return "vcard"
}

// peopleFrom reads, from one snapshot, the filter's choices each person
// falls under.
func peopleFrom(r *store.Reader, dev store.DeviceID) (map[string][]string, error) {
	all, batches, err := r.PeopleCameFrom(dev)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]string, len(all))
	for id, cf := range all {
		var keys []string
		for _, b := range cf.Batches {
			if k := sourceKey(batches[b]); !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		if cf.Elsewhere {
			keys = append(keys, "elsewhere")
		}
		if cf.Typed {
			keys = append(keys, "typed")
		}
		out[id] = keys
	}
	return out, nil
}

// cameFrom is the test FilterPeople applies for a Came from choice.
func cameFrom(from map[string][]string, key string) (func(id string) bool, error) {
	if !slices.ContainsFunc(peopleSources, func(s PeopleSource) bool { return s.Key == key }) {
		return nil, fmt.Errorf("unknown place people came from %q", key)
	}
	return func(id string) bool { return slices.Contains(from[id], key) }, nil
}

// PeopleSources lists where the people here came from, for the People
// list's *Came from* filter: only the choices someone falls under, each
// with how many.
func (sv *Entities) PeopleSources() ([]PeopleSource, error) {
	out := []PeopleSource{}
	gen := sv.views.generation()
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		from, err := sv.views.peopleFrom(r, gen, sv.store.Device())
		if err != nil {
			return err
		}
		counts := map[string]int{}
		for _, keys := range from {
			for _, k := range keys {
				counts[k]++
			}
		}
		for _, s := range peopleSources {
			if s.Count = counts[s.Key]; s.Count > 0 {
				out = append(out, s)
			}
		}
		return nil
	})
	return out, friendly(err)
}

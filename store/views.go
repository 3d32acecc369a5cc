package store

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Read models for the window: filtered lists, timelines, the network graph,
// activity and topic coverage. They read index keys only where they can, so
// they stay quick on 50k people and 200k interactions.

// day is the YYYY-MM-DD part of a stored date or time.
func day(d string) string {
	if len(d) > 10 {
		return d[:10]
	}
	return d
}

// Touches are what one entity's interactions add up to: the last one and
// the give/take counts.
type Touches struct {
	Last     string `json:"last,omitempty"`
	Count    int    `json:"count"`
	Gave     int    `json:"gave"`
	Received int    `json:"received"`
	Mutual   int    `json:"mutual"`
}

// refEdge is one reference key: from (kind, id) through field to target.
type refEdge struct {
	target, kind, id, field string
}

// eachRef calls fn for every reference in the store (keys only).
func (r *Reader) eachRef(fn func(e refEdge)) error {
	return r.scanKeys([]byte(ikey(idxRef, "")), func(rest []byte) bool {
		target, more, ok1 := strings.Cut(string(rest), sep)
		kind, more, ok2 := strings.Cut(more, sep)
		id, field, ok3 := strings.Cut(more, sep)
		if ok1 && ok2 && ok3 {
			fn(refEdge{target: target, kind: kind, id: id, field: field})
		}
		return true
	})
}

// LastContacts maps every person, community and source that interactions
// name to its last interaction date, from the touch summaries the write
// path keeps (touch.go).
func (r *Reader) LastContacts() (map[string]string, error) {
	last := make(map[string]string, r.Count(KindPerson))
	for _, k := range []Kind{KindPerson, KindCommunity, KindSource} {
		err := r.EachTouch(k, func(t *Touch) bool {
			if t.Last != "" {
				last[t.ID] = t.Last
			}
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	return last, nil
}

// PeopleFilter narrows the People list. Empty fields do not filter.
type PeopleFilter struct {
	TopicID     string
	CommunityID string
	// Service: people with a profile there, as ProfileService names it
	// ("linkedin", "mastodon", "twitter", "bluesky", "github"): where
	// they were met.
	Service string
	// Contact: "never" (no interaction yet), "before" (last contact before
	// Date, or never) or "since" (last contact on or after Date).
	Contact string
	Date    string
	// LastContacts, when set, is what LastContacts returned for this
	// snapshot (callers cache it between filters).
	LastContacts map[string]string
	// Keep, when set, is one more test a person must pass (where they
	// came from, which the caller reads once with PeopleCameFrom).
	Keep   func(id string) bool
	Offset int
	Limit  int
}

// PersonRow is a row of the filtered People list.
type PersonRow struct {
	Summary
	LastContact string `json:"lastContact,omitempty"`
	// Where the row's icons open (WithLinks): their social profiles, first
	// email and first website.
	Profiles []Contact `json:"profiles,omitempty"`
	Email    string    `json:"email,omitempty"`
	Website  string    `json:"website,omitempty"`
}

// WithLinks fills in each row's profiles, first email and first website
// from its record: a page of the list at a time, not the whole list.
func (r *Reader) WithLinks(rows []PersonRow) error {
	contacts := func(rec *Record, field string) []Contact {
		var out []Contact
		for _, el := range rec.Elements(field) {
			var c Contact
			if json.Unmarshal([]byte(el), &c) == nil && c.Value != "" {
				out = append(out, c)
			}
		}
		return out
	}
	for i := range rows {
		rec, err := r.Record(KindPerson, rows[i].ID)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		rows[i].Profiles = contacts(rec, "profiles")
		if es := contacts(rec, "emails"); len(es) > 0 {
			rows[i].Email = es[0].Value
		}
		if us := contacts(rec, "urls"); len(us) > 0 {
			rows[i].Website = us[0].Value
		}
	}
	return nil
}

// FilterPeople lists people by name who match every filter, with their last
// contact, and the number that match.
func (r *Reader) FilterPeople(f PeopleFilter) ([]PersonRow, int, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	last := f.LastContacts
	if f.Contact != "" && last == nil {
		var err error
		if last, err = r.LastContacts(); err != nil {
			return nil, 0, err
		}
	}
	keep := func(id string) bool {
		if f.Keep != nil && !f.Keep(id) {
			return false
		}
		d := last[id]
		switch f.Contact {
		case "never":
			return d == ""
		case "before":
			return d == "" || d < f.Date
		case "since":
			return d != "" && d >= f.Date
		}
		return true
	}
	var ids []string // candidates when a topic or community narrows first
	narrowed := false
	if f.TopicID != "" {
		narrowed = true
		refs, err := r.Find(idxTopic, f.TopicID)
		if err != nil {
			return nil, 0, err
		}
		for _, ref := range refs {
			if ref.Kind == KindPerson {
				ids = append(ids, ref.ID)
			}
		}
	}
	if f.CommunityID != "" {
		rec, err := r.Record(KindCommunity, f.CommunityID)
		if err != nil {
			return nil, 0, err
		}
		members := rec.Elements("members")
		if narrowed {
			ids = slices.DeleteFunc(ids, func(id string) bool { return !slices.Contains(members, id) })
		} else {
			ids, narrowed = members, true
		}
	}
	if f.Service != "" {
		on, err := r.withProfileOn(f.Service)
		if err != nil {
			return nil, 0, err
		}
		if narrowed {
			ids = slices.DeleteFunc(ids, func(id string) bool { return !slices.Contains(on, id) })
		} else {
			ids, narrowed = on, true
		}
	}
	var rows []PersonRow
	if narrowed {
		for _, id := range ids {
			if !keep(id) {
				continue
			}
			s, err := r.summaryFast(KindPerson, id)
			if err != nil || s.ID == "" {
				continue // trashed or gone: not in the list
			}
			rows = append(rows, PersonRow{Summary: s, LastContact: last[id]})
		}
		slices.SortFunc(rows, func(a, b PersonRow) int {
			return cmp.Or(cmp.Compare(NormalizeName(a.Title), NormalizeName(b.Title)), cmp.Compare(a.ID, b.ID))
		})
	} else {
		// The whole list in name order; only the contact filter applies.
		// Keys carry the ID, so only the rows of the page are decoded.
		total := 0
		prefix := []byte(ikey(idxSort, string(KindPerson), ""))
		it := r.t().NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			key := it.Item().Key()
			id := sortedID(key)
			if !keep(id) {
				continue
			}
			if total >= f.Offset && total < f.Offset+f.Limit {
				var sum Summary
				if err := it.Item().Value(func(b []byte) (err error) { sum, err = decodeSummary(b, KindPerson, id); return err }); err != nil {
					return nil, 0, err
				}
				rows = append(rows, PersonRow{Summary: sum, LastContact: last[id]})
			}
			total++
		}
		return rows, total, nil
	}
	total := len(rows)
	lo := min(f.Offset, total)
	hi := min(lo+f.Limit, total)
	return rows[lo:hi], total, nil
}

// TimelineItem is one entry on an entity's timeline: something that points
// at it, and how.
type TimelineItem struct {
	Summary
	Field     string `json:"field"`               // the referring field: people, author, members, from…
	Direction string `json:"direction,omitempty"` // interactions: gave, received, mutual
}

// Timeline is everything that refers to an entity (interactions,
// learnings, events, sources it wrote, communities it belongs to), newest
// first, undated last; and the give/take its interactions add up to.
func (r *Reader) Timeline(id string) ([]TimelineItem, Touches, error) {
	var t Touches
	refs, err := r.Referrers(id)
	if err != nil {
		return nil, t, err
	}
	items := []TimelineItem{}
	seen := map[Ref]bool{}
	for _, ref := range refs {
		if seen[ref.Ref] {
			continue
		}
		seen[ref.Ref] = true
		rec, err := r.Record(ref.Kind, ref.ID)
		if err != nil || rec.Trashed() {
			continue
		}
		it := TimelineItem{Summary: rec.summary(), Field: ref.Field}
		if ref.Kind == KindInteraction {
			it.Direction = rec.Scalar("direction")
			t.Count++
			switch it.Direction {
			case "gave":
				t.Gave++
			case "received":
				t.Received++
			case "mutual":
				t.Mutual++
			}
			if d := day(it.Date); d > t.Last {
				t.Last = d
			}
		}
		items = append(items, it)
	}
	slices.SortStableFunc(items, func(a, b TimelineItem) int {
		if (a.Date == "") != (b.Date == "") {
			if a.Date == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.Title, b.Title))
	})
	return items, t, nil
}

// ActivityPoint is one month of activity.
type ActivityPoint struct {
	Month        string `json:"month"` // YYYY-MM
	Interactions int    `json:"interactions"`
	Learnings    int    `json:"learnings"`
}

// Activity counts interactions and learnings per month from the first
// month on (YYYY-MM) through the last, every month present.
func (r *Reader) Activity(first, last string) ([]ActivityPoint, error) {
	counts := map[string]*ActivityPoint{}
	months := monthsBetween(first, last)
	for _, m := range months {
		counts[m] = &ActivityPoint{Month: m}
	}
	for _, k := range []Kind{KindInteraction, KindLearning} {
		prefix := []byte(ikey(idxDate, string(k), ""))
		it := r.t().NewIterator(badger.IteratorOptions{Prefix: prefix})
		for it.Seek(append(append([]byte(nil), prefix...), first...)); it.Valid(); it.Next() {
			key := it.Item().Key()[len(prefix):]
			if len(key) < 7 {
				continue
			}
			m := string(key[:7])
			if m > last {
				break
			}
			if p := counts[m]; p != nil {
				if k == KindInteraction {
					p.Interactions++
				} else {
					p.Learnings++
				}
			}
		}
		it.Close()
	}
	out := make([]ActivityPoint, len(months))
	for i, m := range months {
		out[i] = *counts[m]
	}
	return out, nil
}

// monthsBetween lists YYYY-MM months from first through last.
func monthsBetween(first, last string) []string {
	var out []string
	if len(first) < 7 {
		return out
	}
	y, _ := strconv.Atoi(first[:4])
	m, _ := strconv.Atoi(first[5:7])
	for len(out) < 1200 {
		s := fmt.Sprintf("%04d-%02d", y, m)
		if s > last {
			break
		}
		out = append(out, s)
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	return out
}

// TopicCoverage is how well one topic is fed.
type TopicCoverage struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	People       int    `json:"people"`
	Sources      int    `json:"sources"`
	Communities  int    `json:"communities"`
	Interactions int    `json:"interactions"`
	Learnings    int    `json:"learnings"`
	LastActivity string `json:"lastActivity,omitempty"`
	SingleSource bool   `json:"singleSource"` // one person, source or community feeds it
	Stale        bool   `json:"stale"`        // nothing logged on it since the stale date
}

// Coverage reports every topic: who and what feeds it, when it was last
// active, and whether it hangs on one source or has gone stale (no
// interaction or learning on or after staleBefore).
func (r *Reader) Coverage(staleBefore string) ([]TopicCoverage, error) {
	return r.CoverageOn("", staleBefore)
}

// CoverageOn is Coverage as it stands on today (YYYY-MM-DD; "" for no
// bound): learnings and interactions dated later are counted, but being
// planned, they do not make a topic active. It is the one place topic
// coverage is worked out: the Topics screen and the nurture coverage both
// read it.
func (r *Reader) CoverageOn(today, staleBefore string) ([]TopicCoverage, error) {
	byID := map[string]*TopicCoverage{}
	get := func(id string) *TopicCoverage {
		c := byID[id]
		if c == nil {
			c = &TopicCoverage{ID: id}
			byID[id] = c
		}
		return c
	}
	if err := r.Each(KindTopic, func(rec *Record) bool {
		get(rec.ID).Name = rec.Scalar("name")
		return true
	}); err != nil {
		return nil, err
	}
	// Logged things on a topic, whose dates make it fresh or stale.
	var logged []Ref
	var loggedTopic []*TopicCoverage
	err := r.scanKeys([]byte(ikey(idxTopic, "")), func(rest []byte) bool {
		topic, more, _ := strings.Cut(string(rest), sep)
		kind, id, ok := strings.Cut(more, sep)
		if !ok {
			return true
		}
		c := get(topic)
		switch Kind(kind) {
		case KindPerson:
			c.People++
		case KindSource:
			c.Sources++
		case KindCommunity:
			c.Communities++
		case KindInteraction, KindLearning:
			if kind == string(KindInteraction) {
				c.Interactions++
			} else {
				c.Learnings++
			}
			logged = append(logged, Ref{Kind: Kind(kind), ID: id})
			loggedTopic = append(loggedTopic, c)
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	for i, ref := range logged {
		s, err := r.summaryFast(ref.Kind, ref.ID)
		if err != nil {
			continue
		}
		if d, c := day(s.Date), loggedTopic[i]; d > c.LastActivity && (today == "" || d <= today) {
			c.LastActivity = d
		}
	}
	out := make([]TopicCoverage, 0, len(byID))
	for _, c := range byID {
		if c.Name == "" {
			c.Name = r.TopicName(c.ID)
		}
		c.SingleSource = c.People+c.Sources+c.Communities == 1
		c.Stale = c.LastActivity < staleBefore
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b TopicCoverage) int {
		return cmp.Or(cmp.Compare(b.People+b.Sources+b.Communities, a.People+a.Sources+a.Communities), cmp.Compare(a.Name, b.Name))
	})
	return out, nil
}

// GraphNode is an entity in the network graph.
type GraphNode struct {
	ID     string `json:"id"`
	Kind   Kind   `json:"kind"`
	Label  string `json:"label"`
	Weight int    `json:"weight"` // interactions, members or tagged entities: drawn as size
}

// GraphEdge links two nodes.
type GraphEdge struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Kind   string `json:"kind"` // member, author, topic, together (two people in one interaction)
	Weight int    `json:"weight"`
}

// Graph is the network: people, communities, sources and topics.
type Graph struct {
	Nodes []GraphNode `json:"nodes"`
	Edges []GraphEdge `json:"edges"`
	// People is how many people there are; the graph shows the most
	// connected maxPeople of them.
	People int `json:"people"`
}

// Graph builds the network graph: every community, source and topic, and
// the maxPeople people with the most connections; edges for membership,
// authorship, topics and people met together.
func (r *Reader) Graph(maxPeople int) (Graph, error) {
	g := Graph{Nodes: []GraphNode{}, Edges: []GraphEdge{}, People: r.Count(KindPerson)}
	degree := make(map[string]int, g.People)
	type pair struct{ a, b string }
	together := map[pair]int{}
	// People per interaction: most have one, so only a second person makes
	// a list (a map of 200k small lists is what made this slow).
	firstIn := make(map[string]string, r.Count(KindInteraction))
	inInteraction := map[string][]string{}
	var edges []GraphEdge
	err := r.eachRef(func(e refEdge) {
		switch {
		case e.kind == string(KindInteraction) && e.field == "people":
			degree[e.target]++
			if first, ok := firstIn[e.id]; !ok {
				firstIn[e.id] = e.target
			} else if ps, ok := inInteraction[e.id]; ok {
				inInteraction[e.id] = append(ps, e.target)
			} else {
				inInteraction[e.id] = []string{first, e.target}
			}
		case e.kind == string(KindCommunity) && e.field == "members":
			degree[e.target]++
			degree[e.id]++
			edges = append(edges, GraphEdge{From: e.target, To: e.id, Kind: "member", Weight: 1})
		case e.kind == string(KindSource) && e.field == "author":
			degree[e.target]++
			edges = append(edges, GraphEdge{From: e.target, To: e.id, Kind: "author", Weight: 1})
		}
	})
	if err != nil {
		return g, err
	}
	for _, ps := range inInteraction {
		slices.Sort(ps)
		ps = slices.Compact(ps)
		for i := 0; i < len(ps) && i < 8; i++ {
			for j := i + 1; j < len(ps) && j < 8; j++ {
				together[pair{ps[i], ps[j]}]++
			}
		}
	}
	err = r.scanKeys([]byte(ikey(idxTopic, "")), func(rest []byte) bool {
		topic, more, _ := strings.Cut(string(rest), sep)
		kind, id, ok := strings.Cut(more, sep)
		if ok && (kind == string(KindPerson) || kind == string(KindSource) || kind == string(KindCommunity)) {
			degree[topic]++
			degree[id]++
			edges = append(edges, GraphEdge{From: id, To: topic, Kind: "topic", Weight: 1})
		}
		return true
	})
	if err != nil {
		return g, err
	}
	// People: the most connected first, then by ID for a stable picture.
	var people []string
	for id := range degree {
		if !strings.HasPrefix(id, "topic-") {
			people = append(people, id)
		}
	}
	shown := map[string]bool{}
	add := func(k Kind, id string) {
		s, err := r.summaryFast(k, id)
		if err != nil || s.ID == "" {
			return
		}
		shown[id] = true
		g.Nodes = append(g.Nodes, GraphNode{ID: id, Kind: k, Label: s.Title, Weight: degree[id]})
	}
	for _, k := range []Kind{KindCommunity, KindSource} {
		if err := r.Each(k, func(rec *Record) bool { add(k, rec.ID); return true }); err != nil {
			return g, err
		}
	}
	if err := r.Each(KindTopic, func(rec *Record) bool {
		shown[rec.ID] = true
		g.Nodes = append(g.Nodes, GraphNode{ID: rec.ID, Kind: KindTopic, Label: rec.Scalar("name"), Weight: degree[rec.ID]})
		return true
	}); err != nil {
		return g, err
	}
	people = slices.DeleteFunc(people, func(id string) bool { return shown[id] })
	slices.SortFunc(people, func(a, b string) int { return cmp.Or(cmp.Compare(degree[b], degree[a]), cmp.Compare(a, b)) })
	for _, id := range people {
		if maxPeople <= 0 {
			break
		}
		before := len(g.Nodes)
		add(KindPerson, id)
		if len(g.Nodes) > before {
			maxPeople--
		}
	}
	// Room left: people with no links yet, by name, so a small network
	// shows everyone.
	if maxPeople > 0 {
		rest, err := r.List(KindPerson, ListOptions{Limit: maxPeople + len(shown)})
		if err != nil {
			return g, err
		}
		for _, s := range rest {
			if maxPeople == 0 {
				break
			}
			if !shown[s.ID] {
				shown[s.ID] = true
				g.Nodes = append(g.Nodes, GraphNode{ID: s.ID, Kind: KindPerson, Label: s.Title})
				maxPeople--
			}
		}
	}
	for _, e := range edges {
		if shown[e.From] && shown[e.To] {
			g.Edges = append(g.Edges, e)
		}
	}
	var pairs []GraphEdge
	for p, n := range together {
		if shown[p.a] && shown[p.b] {
			pairs = append(pairs, GraphEdge{From: p.a, To: p.b, Kind: "together", Weight: n})
		}
	}
	slices.SortFunc(pairs, func(a, b GraphEdge) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	g.Edges = append(g.Edges, pairs...)
	return g, nil
}

// Trash lists what is in Trash, every kind, up to limit.
func (r *Reader) Trash(limit int) ([]Summary, error) {
	out := []Summary{}
	for _, k := range Kinds {
		if len(out) >= limit {
			break
		}
		items, err := r.List(k, ListOptions{Trash: true, Limit: limit - len(out)})
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
	}
	return out, nil
}

// withProfileOn lists the people with a profile on a service, once each:
// one range of the profile index, whose keys start with the service.
func (r *Reader) withProfileOn(service string) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	err := r.scanKeys([]byte(ikey(idxProfile, clean(strings.ToLower(service))+":")), func(rest []byte) bool {
		parts := bytes.Split(rest, []byte(sep))
		if len(parts) < 3 || Kind(parts[len(parts)-2]) != KindPerson {
			return true
		}
		if id := string(parts[len(parts)-1]); !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	// Matching indexes stay in Trash (a re-import must know the deleted);
	// the list must not show them.
	return slices.DeleteFunc(ids, func(id string) bool {
		_, err := r.t().Get([]byte(ikey(idxTrash, string(KindPerson), id)))
		return err == nil
	}), nil
}

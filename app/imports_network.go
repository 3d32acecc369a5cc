package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"learnwork/app/importer"
	"learnwork/app/network"
	"learnwork/store"
)

// networkFormats are the network exports import reads, each recognised by
// its content.
func networkFormats() []Format {
	var out []Format
	for _, f := range network.Formats() {
		out = append(out, networkFormat{f})
	}
	return out
}

// networkFormat imports one kind of network export (LinkedIn, Google and
// Outlook CSV, Mastodon, X, Bluesky, OPML, a mapped CSV) through the
// people pipeline vCard import uses: matching, held-back duplicates, one
// batch per file, dry runs. Sources (OPML) have their own small matcher.
type networkFormat struct{ f network.Format }

func (nf networkFormat) Name() string { return nf.f.Name() }

func (nf networkFormat) Sniff(_ string, head []byte) bool { return nf.f.Sniff(head) }

func (nf networkFormat) Import(ctx context.Context, s *store.Store, name string, r io.Reader, size int64, opts importer.Options) (*importer.Report, error) {
	cr := &importer.Counter{R: r}
	return importEntries(ctx, s, name, nf.f.Name(), size, opts, func(emit func(network.Entry) error) error {
		return nf.f.Parse(cr, emit)
	}, func() int64 { return cr.N })
}

// importEntries runs what parse emits through the import pipeline, as
// one batch (none in a dry run). read says how far the input is, for
// progress against size.
func importEntries(ctx context.Context, s *store.Store, name, format string, size int64, opts importer.Options,
	parse func(emit func(network.Entry) error) error, read func() int64) (*importer.Report, error) {
	defer holdHeapLimit(cardsHeapLimit)()
	people, rep, batch, err := beginPeopleImport(ctx, s, name, format, size, opts)
	if err != nil {
		return rep, err
	}
	ni := &netImport{
		people:      people,
		communities: opts.GroupsAs == importer.GroupsAsCommunities,
		members:     map[string][]string{},
		joined:      map[string]int{},
	}
	var pending []incoming
	var groups [][]string // each pending person's groups, for communities
	var accounts []string // each pending person's account address, for unnamed ones
	var sources []network.Entry
	dropped := settings{s}.dropped()
	flush := func() error {
		recs, err := ni.people.write(pending)
		for i, rec := range recs {
			if rec.Name == "" {
				rec.Name = accounts[i]
			}
			droppedAccount(&rec, dropped)
			rep.Add(rec)
			if ni.communities && (rec.Action == importer.Created || rec.Action == importer.Updated || rec.Action == importer.Unchanged) {
				for _, g := range groups[i] {
					ni.joined[g]++
					if rec.ID != "" {
						ni.members[g] = append(ni.members[g], rec.ID)
					}
				}
			}
		}
		if err == nil && len(sources) > 0 {
			var srecs []importer.Record
			srecs, err = ni.writeSources(sources)
			for _, rec := range srecs {
				rep.Add(rec)
			}
		}
		pending, groups, accounts, sources = pending[:0], groups[:0], accounts[:0], sources[:0]
		if opts.Progress != nil {
			opts.Progress(read(), size)
		}
		return err
	}
	err = parse(func(e network.Entry) error {
		switch {
		case e.Skip != "":
			rep.Add(importer.Record{Line: e.Line, Action: importer.Skipped, Kind: store.KindPerson, Reason: e.Skip})
			return nil
		case e.Source != nil:
			sources = append(sources, e)
		case e.Person != nil:
			if !ni.communities {
				e.Person.Topics = append(e.Person.Topics, e.Groups...)
			}
			in := incoming{line: e.Line, p: e.Person, notes: e.Notes, handleOnly: e.HandleOnly}
			account := ""
			if e.Account != nil {
				in.linkOnly, in.service, account = true, serviceName(e.Account.Service), e.Account.URL
			}
			pending = append(pending, in)
			groups = append(groups, e.Groups)
			accounts = append(accounts, account)
		}
		if len(pending)+len(sources) >= cardsPerTx {
			return flush()
		}
		return nil
	})
	if errors.Is(err, network.ErrNotFormat) {
		return rep, fmt.Errorf("%s: not a %s file after all: %w", name, format, err)
	}
	if err == nil {
		err = flush()
	}
	if err == nil {
		var crecs []importer.Record
		crecs, err = ni.writeCommunities()
		for _, rec := range crecs {
			rep.Add(rec)
		}
	}
	if err == nil {
		err = s.Wait()
	}
	if err != nil {
		return rep, fmt.Errorf("%s: %w", name, err)
	}
	return rep, finishImport(s, batch, rep)
}

// serviceName is a service as people call it.
func serviceName(service string) string {
	switch service {
	case "twitter":
		return "X"
	case "linkedin":
		return "LinkedIn"
	case "bluesky":
		return "Bluesky"
	case "mastodon":
		return "Mastodon"
	}
	return service
}

// netImport is the state of one network import besides the people
// pipeline's: the sources known (by feed, site and name) and the members
// each group gains when groups become communities.
type netImport struct {
	people      *cardImport
	communities bool
	members     map[string][]string // group → person IDs, in file order
	joined      map[string]int      // group → how many of the file's people are in it (a dry run stores none)
	known       map[string]string   // source match key → ID ("" for a dry run's new one)
	knownLine   map[string]int      // a dry run's new source: the line that made it
}

// sourceKeys are what a source is matched by: its feed, else its site,
// else its name.
func sourceKeys(s *store.Source) []string {
	var out []string
	if f := normalURL(s.Feed); f != "" {
		out = append(out, "feed "+f)
	}
	if u := normalURL(s.URL); u != "" && s.Feed == "" {
		out = append(out, "site "+u)
	}
	if n := store.NormalizeName(s.Name); n != "" && len(out) == 0 {
		out = append(out, "name "+n)
	}
	return out
}

// normalURL is a feed or site address as matched: no scheme, no "www.",
// no trailing slash, the host in lower case.
func normalURL(u string) string {
	u = strings.TrimSpace(u)
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	host, path, _ := strings.Cut(u, "/")
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	if path = strings.TrimRight(path, "/"); path != "" {
		return host + "/" + path
	}
	return host
}

// loadSources reads the match keys of every stored source once: a
// subscription list holds hundreds, not thousands.
func (ni *netImport) loadSources() error {
	if ni.known != nil {
		return nil
	}
	ni.known, ni.knownLine = map[string]string{}, map[string]int{}
	return ni.people.s.View(ni.people.ctx, func(r *store.Reader) error {
		return r.Each(store.KindSource, func(rec *store.Record) bool {
			for _, k := range sourceKeys(r.View(rec).(*store.Source)) {
				ni.known[k] = rec.ID
			}
			return true
		})
	})
}

// writeSources imports sources in one transaction.
func (ni *netImport) writeSources(entries []network.Entry) ([]importer.Record, error) {
	if err := ni.loadSources(); err != nil {
		return nil, err
	}
	im := ni.people
	var recs []importer.Record
	added := map[string]string{}
	err := im.update(func(tx *store.Tx) error {
		recs, added = recs[:0], map[string]string{}
		for _, e := range entries {
			src := e.Source
			rec := importer.Record{Line: e.Line, Kind: store.KindSource, Name: src.Name, Reason: strings.Join(e.Notes, "; ")}
			keys := sourceKeys(src)
			for _, k := range keys {
				id, ok := added[k]
				if !ok {
					id, ok = ni.known[k]
				}
				if ok {
					src.ID = id
					break
				}
			}
			if im.dry && src.ID == "" && slices.ContainsFunc(keys, func(k string) bool { _, ok := ni.knownLine[k]; return ok }) {
				rec.Action, rec.Reason = importer.Updated, fmt.Sprintf("same feed as line %d", ni.knownLine[keys[0]])
				recs = append(recs, rec)
				continue
			}
			existed := src.ID != ""
			id, changed, err := tx.MergeFields(src)
			if err != nil {
				return fmt.Errorf("line %d: %w", e.Line, err)
			}
			rec.ID, rec.Fields = id, changed
			switch {
			case !existed:
				rec.Action, rec.Fields = importer.Created, nil
			case len(changed) > 0:
				rec.Action = importer.Updated
			default:
				rec.Action = importer.Unchanged
			}
			for _, k := range keys {
				added[k] = id
				if im.dry && !existed {
					ni.knownLine[k] = e.Line
				}
			}
			recs = append(recs, rec)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !im.dry {
		for k, id := range added {
			ni.known[k] = id
		}
	} else {
		for i := range recs {
			recs[i].ID = "" // never stored
		}
	}
	return recs, nil
}

// writeCommunities makes each group a community (one of that name, or a
// new one) and adds the people of the file who were in it as members.
func (ni *netImport) writeCommunities() ([]importer.Record, error) {
	if len(ni.joined) == 0 {
		return nil, nil
	}
	im := ni.people
	names := make([]string, 0, len(ni.joined))
	for g := range ni.joined {
		names = append(names, g)
	}
	slices.Sort(names)
	var recs []importer.Record
	err := im.update(func(tx *store.Tx) error {
		recs = recs[:0]
		for _, g := range names {
			c := &store.Community{Name: g, Members: ni.members[g]}
			c.Kind = store.KindCommunity
			refs, err := tx.Find("name", g)
			if err != nil {
				return err
			}
			for _, ref := range refs {
				if ref.Kind == store.KindCommunity {
					c.ID = ref.ID
					break
				}
			}
			existed := c.ID != ""
			if im.dry {
				// The people of a dry run were never stored: say what the
				// group would become, not whom it would hold.
				c.Members = nil
			}
			id, changed, err := tx.MergeFields(c)
			if err != nil {
				return err
			}
			rec := importer.Record{Kind: store.KindCommunity, ID: id, Name: g, Fields: changed}
			switch {
			case !existed:
				rec.Action, rec.Fields = importer.Created, nil
				rec.Reason = fmt.Sprintf("a group of the file, with %d of its people", ni.joined[g])
			case len(changed) > 0:
				rec.Action = importer.Updated
				rec.Reason = fmt.Sprintf("%d of the file's people are in this group", ni.joined[g])
			default:
				rec.Action = importer.Unchanged
			}
			if im.dry {
				rec.ID = ""
			}
			recs = append(recs, rec)
		}
		return nil
	})
	return recs, err
}

// update runs fn in one queued transaction of the import's batch; a dry
// run's is rolled back once fn has worked out what it would do.
func (im *cardImport) update(fn func(tx *store.Tx) error) error {
	err := im.s.UpdateQueued(im.ctx, im.batch, func(tx *store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		if im.dry {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	return err
}

// ErrNoTopic: an export asked for a topic no one has.
var ErrNoTopic = errors.New("no topic of that name")

type opmlExporter struct{}

func (opmlExporter) Name() string { return "opml" }

// Export writes sources with a feed as OPML for feed readers: all of them,
// the ones named by opts.IDs, or those with opts.Topic (a starter pack for
// a colleague, filed under that topic).
func (opmlExporter) Export(ctx context.Context, s *store.Store, w io.Writer, opts importer.ExportOptions) (int, error) {
	var list []*store.Source
	title := "Learnwork sources"
	err := s.View(ctx, func(r *store.Reader) error {
		if opts.Topic != "" {
			refs, err := r.Find("topic", store.TopicID(opts.Topic))
			if err != nil {
				return err
			}
			if _, err := r.Record(store.KindTopic, store.TopicID(opts.Topic)); errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("%w: %q", ErrNoTopic, opts.Topic)
			}
			title = "Learnwork sources: " + r.TopicName(store.TopicID(opts.Topic))
			for _, ref := range refs {
				if ref.Kind == store.KindSource {
					opts.IDs = append(opts.IDs, ref.ID)
				}
			}
			if len(opts.IDs) == 0 {
				return nil
			}
		}
		if len(opts.IDs) > 0 {
			for _, id := range opts.IDs {
				e, err := r.Entity(store.KindSource, id)
				if err != nil {
					return err
				}
				if src := e.(*store.Source); !src.Trashed {
					list = append(list, src)
				}
			}
			return nil
		}
		return r.Each(store.KindSource, func(rec *store.Record) bool {
			list = append(list, r.View(rec).(*store.Source))
			return true
		})
	})
	if err != nil {
		return 0, err
	}
	if opts.Topic != "" {
		// The chosen topic first, so the reader files each under it.
		want := store.NormalizeName(opts.Topic)
		for _, src := range list {
			slices.SortStableFunc(src.Topics, func(a, b string) int {
				return boolRank(store.NormalizeName(b) == want) - boolRank(store.NormalizeName(a) == want)
			})
		}
	}
	slices.SortStableFunc(list, func(a, b *store.Source) int {
		return strings.Compare(store.NormalizeName(a.Name), store.NormalizeName(b.Name))
	})
	return network.ExportOPML(w, title, list)
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// networkPersonAt finds the person at line of a network export, for
// adding one an import held back; ok is false when the file is not one.
func networkPersonAt(f io.ReadSeeker, line int) (p *store.Person, ok bool, err error) {
	head := make([]byte, network.HeadSize)
	n, _ := io.ReadFull(f, head)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, false, err
	}
	format := network.Detect(head[:n])
	if format == nil {
		return nil, false, nil
	}
	errFound := errors.New("found")
	err = format.Parse(f, func(e network.Entry) error {
		if e.Line == line && e.Person != nil && e.Account == nil {
			p = e.Person
			p.Topics = append(p.Topics, e.Groups...)
			return errFound
		}
		return nil
	})
	switch {
	case errors.Is(err, errFound):
		return p, true, nil
	case err != nil:
		return nil, true, err
	}
	return nil, true, fmt.Errorf("no one to add at line %d of the file (was it changed?)", line)
}

// blueskyFollows is the format an import of whom an account follows on
// Bluesky records: read from its API, not from a file.
const blueskyFollows = "Bluesky follows"

// importBlueskyFollows imports the accounts actor follows on Bluesky,
// asked of its public API (f says where) page by page, as one batch like a
// file's. Offline it says so (network.ErrOffline) and
// changes nothing; cancelling ctx stops it between pages, and what was
// written stays in the batch (undo takes it back).
func importBlueskyFollows(ctx context.Context, s *store.Store, f network.Follows, actor string, opts importer.Options) (*importer.Report, error) {
	// The first page is asked for before the batch begins, so an offline
	// fetch leaves nothing behind.
	page, next, err := f.Page(ctx, actor, "")
	if err != nil {
		return nil, err
	}
	n := int64(0)
	name := "Bluesky follows of " + strings.TrimPrefix(strings.TrimSpace(actor), "@")
	return importEntries(ctx, s, name, blueskyFollows, 0, opts, func(emit func(network.Entry) error) error {
		for pages := 1; ; pages++ {
			for _, e := range page {
				if err := emit(e); err != nil {
					return err
				}
			}
			n += int64(len(page))
			if opts.Progress != nil {
				opts.Progress(n, 0) // how many there are is known only at the end
			}
			if next == "" || pages == network.MaxFollowPages {
				return nil
			}
			if page, next, err = f.Page(ctx, actor, next); err != nil {
				return err
			}
		}
	}, func() int64 { return n })
}

// savedCSVMapping is the mapping remembered for the header a file starts
// with, if any.
func savedCSVMapping(st settings, head []byte) (network.Custom, bool) {
	header, ok := network.Header(head)
	if !ok {
		return network.Custom{}, false
	}
	columns := st.csvColumns(network.Layout(header))
	return network.Custom{Header: header, Columns: columns}, len(columns) > 0
}

// saveCSVMapping remembers which column of a CSV layout is what, after
// checking that the mapping can work.
func saveCSVMapping(st settings, header []string, columns map[string]string) error {
	c := network.Custom{Header: header, Columns: map[string]string{}}
	for col, field := range columns {
		if !slices.Contains(header, col) {
			return fmt.Errorf("the file has no column %q", col)
		}
		if field != "" {
			c.Columns[col] = field
		}
	}
	if err := c.Check(); err != nil {
		return err
	}
	return st.setCSVColumns(network.Layout(header), c.Columns)
}

// ImportBlueskyFollows imports whom handle follows on Bluesky, asked of
// its public API (no account needed), as one batch like a file's. Offline
// it says so and changes nothing; CancelImport stops it between pages.
func (sv *Imports) ImportBlueskyFollows(handle string, dryRun bool) (*importer.Report, error) {
	ctx, done := sv.running.start(sv.ctx)
	defer done()
	id := "bluesky:" + handle
	opts := importer.Options{DryRun: dryRun, Progress: func(n, _ int64) { sv.window.Progress(id, "import", int(n), 0) }}
	rep, err := importBlueskyFollows(ctx, sv.store, sv.online, handle, opts)
	if errors.Is(err, network.ErrOffline) {
		return rep, fmt.Errorf("%w; nothing was changed", err)
	}
	return rep, err
}

// ImportAs is Import with the choice of what the groups of a network
// export (labels, lists, categories) become: "topics" or "communities".
func (sv *Imports) ImportAs(paths []string, dryRun bool, groupsAs string) ([]*importer.Report, error) {
	switch groupsAs {
	case "", importer.GroupsAsTopics, importer.GroupsAsCommunities:
	default:
		return nil, fmt.Errorf("groups become topics or communities, not %q", groupsAs)
	}
	return sv.ImportWith(paths, importer.Options{DryRun: dryRun, GroupsAs: groupsAs})
}

// CSVLayout is what the column step of a CSV of one's own shows: the
// file's columns, what each was mapped to last time (by header layout), and
// what a column can be. Needed: the file is a table no known format reads
// and its columns are not mapped yet, so the step must come first.
type CSVLayout struct {
	Columns []string          `json:"columns"`
	Mapping map[string]string `json:"mapping"`
	Fields  []string          `json:"fields"`
	Needed  bool              `json:"needed"`
}

// CSVColumns reads the header of a file for the column step.
func (sv *Imports) CSVColumns(path string) (CSVLayout, error) {
	head, err := readHead(path)
	if err != nil {
		return CSVLayout{}, err
	}
	header, _ := network.Header(head)
	mapping := sv.settings().csvColumns(network.Layout(header))
	if mapping == nil {
		mapping = map[string]string{}
	}
	l := CSVLayout{Columns: header, Mapping: mapping, Fields: network.CustomFields}
	if _, err := sv.detect(path, head); errors.Is(err, ErrUnmappedCSV) {
		l.Needed = true
	}
	if l.Columns == nil {
		l.Columns = []string{}
	}
	return l, nil
}

// MapCSV remembers what each column of a CSV file is (column → one of
// CSVLayout.Fields, "" to leave it out), for this file and every later one
// with the same columns.
func (sv *Imports) MapCSV(path string, columns map[string]string) error {
	head, err := readHead(path)
	if err != nil {
		return err
	}
	header, ok := network.Header(head)
	if !ok {
		return fmt.Errorf("%s: no columns found on its first line", filepath.Base(path))
	}
	return saveCSVMapping(sv.settings(), header, columns)
}

// readHead reads the first bytes of a file, as format detection sees them.
func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	head := make([]byte, network.HeadSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	return head[:n], nil
}

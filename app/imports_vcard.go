package app

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"learnwork/app/importer"
	"learnwork/app/sniff"
	"learnwork/app/vcard"
	"learnwork/store"
)

// cardsPerTx is how many cards one write transaction takes: big enough to
// amortise the commit, small enough for Badger (a batch that is still too
// big is split).
const cardsPerTx = 1000

type vcardFormat struct{}

func (vcardFormat) Name() string { return "vCard" }

// Sniff goes by content only: a vCard saved as .ics is still a vCard.
func (vcardFormat) Sniff(_ string, head []byte) bool { return sniff.Detect(head) == sniff.VCard }

// Count counts the lines that begin a card, for an interrupted import to
// say how far it got (0 for files it cannot read that way, as UTF-16).
func (vcardFormat) Count(r io.Reader) (int, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	n := 0
	for {
		line, err := br.ReadSlice('\n')
		if bytes.EqualFold(bytes.TrimSpace(line), []byte("BEGIN:VCARD")) {
			n++
		}
		for errors.Is(err, bufio.ErrBufferFull) { // a long line: no card starts in it
			_, err = br.ReadSlice('\n')
		}
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// Import reads a vCard file card by card into People, in transactions of
// cardsPerTx cards, all tagged with one batch so the import undoes as one.
// A card matching a stored person (source UID, email, phone, name) updates
// them; a likely duplicate is held back for the person to decide.
func (vcardFormat) Import(ctx context.Context, s *store.Store, name string, r io.Reader, size int64, opts importer.Options) (*importer.Report, error) {
	defer holdHeapLimit(cardsHeapLimit)()
	im, rep, batch, err := beginPeopleImport(ctx, s, name, "vCard", size, opts)
	if err != nil {
		return rep, err
	}
	// Cards are decoded on another core while the store writes.
	cards, stop := decodeAhead(vcard.NewReader(r))
	defer stop()
	var pending []incoming
	var offset int64
	flush := func() error {
		im.handled = len(rep.Records) + len(pending) // cards read so far: the skipped ones are in rep already
		recs, err := im.write(pending)
		for _, rec := range recs {
			rep.Add(rec)
		}
		pending = pending[:0]
		if opts.Progress != nil {
			opts.Progress(offset, size)
		}
		return err
	}
	for d := range cards {
		offset = d.offset
		var bad *vcard.CardError
		if errors.As(d.err, &bad) {
			rep.Add(importer.Record{Line: bad.Line, Action: importer.Skipped, Kind: store.KindPerson, Reason: bad.Reason})
			continue
		}
		if d.err != nil {
			return rep, fmt.Errorf("%s: %w", name, d.err)
		}
		pending = append(pending, incoming{line: d.c.Line, p: d.c.Person, notes: d.c.Notes})
		if len(pending) == cardsPerTx {
			if err := flush(); err != nil {
				return rep, fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	if err := flush(); err != nil {
		return rep, fmt.Errorf("%s: %w", name, err)
	}
	if err := s.Wait(); err != nil {
		return rep, fmt.Errorf("%s: %w", name, err)
	}
	// Refused cards were noted as they were read, the rest per transaction.
	return rep, finishImport(s, batch, rep)
}

// beginPeopleImport starts an import of people from a file: its report,
// its batch (none in a dry run) and the pipeline that matches and writes
// them, with a Matcher for files big enough to pay for one.
func beginPeopleImport(ctx context.Context, s *store.Store, name, format string, size int64, opts importer.Options) (*cardImport, *importer.Report, store.Batch, error) {
	rep := &importer.Report{File: name, Format: format, DryRun: opts.DryRun, Records: []importer.Record{}}
	var batch store.Batch
	if !opts.DryRun {
		var err error
		if batch, err = s.BeginImportOf(format, "import "+name, cmp.Or(opts.File, name), opts.Total); err != nil {
			return nil, rep, batch, err
		}
		rep.Batch = batch.ID
	}
	im := &cardImport{s: s, ctx: ctx, dry: opts.DryRun, batch: batch.ID, seen: map[[2]string]seenCard{}}
	if size > matcherFrom {
		err := s.View(ctx, func(r *store.Reader) (err error) {
			im.matcher, err = r.NewMatcher()
			return err
		})
		if err != nil {
			return nil, rep, batch, err
		}
	}
	return im, rep, batch, nil
}

// finishImport puts the report's records in file order and closes the
// batch with its counts.
func finishImport(s *store.Store, batch store.Batch, rep *importer.Report) error {
	slices.SortStableFunc(rep.Records, func(a, b importer.Record) int { return a.Line - b.Line })
	if rep.DryRun {
		return nil
	}
	batch.Counts = map[string]int{"created": rep.Created, "updated": rep.Updated, "unchanged": rep.Unchanged, "skipped": rep.Skipped, "duplicates": rep.Duplicates}
	if rep.Unnamed > 0 {
		batch.Counts["unnamed"] = rep.Unnamed
	}
	return s.FinishBatch(batch)
}

// decoded is one card read ahead, or why it could not be read.
type decoded struct {
	c      *vcard.Contact
	err    error
	offset int64 // bytes read so far, for progress
}

// decodeAhead reads cards in a goroutine, up to two transactions ahead of the
// writer. stop ends it and waits for it.
func decodeAhead(rd *vcard.Reader) (<-chan decoded, func()) {
	out := make(chan decoded, 2*cardsPerTx) // keeps decoding while a transaction commits
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(out)
		for {
			c, err := rd.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			select {
			case out <- decoded{c, err, rd.Offset()}:
			case <-quit:
				return
			}
			var bad *vcard.CardError
			if err != nil && !errors.As(err, &bad) {
				return // a read error ends the file
			}
		}
	}()
	return out, func() {
		close(quit)
		<-done
	}
}

// matcherFrom is the file size from which reading every stored match key
// first (store.Matcher) costs less than looking each card up.
const matcherFrom = 1 << 20

// cardImport writes cards and remembers who earlier cards of the file
// became, for cards the store's indexes cannot show yet (this transaction's
// own, and in a dry run every earlier one).
type cardImport struct {
	s       *store.Store
	ctx     context.Context
	dry     bool
	batch   string
	seen    map[[2]string]seenCard
	matcher *store.Matcher // nil for small files
	handled int            // cards of the file read when this transaction commits
}

type seenCard struct {
	id   string
	line int
	p    *store.Person // for name matches, which need a second look
	// dryNew: created by this dry run's transaction, which is rolled back;
	// later transactions see id "".
	dryNew bool
}

// incoming is one person a file brings: a card, or a row of a network
// export (imports_network.go).
type incoming struct {
	line  int
	p     *store.Person
	notes []string // what was read but not kept
	// handleOnly: p.Name is only a handle ("@ada@mastodon.social"); it
	// names a new person but never renames a matched one.
	handleOnly bool
	// linkOnly: an account without a name (an X number): it is merged into
	// the person it matches, and never created.
	linkOnly bool
	service  string // linkOnly: the service's name, for the reason
}

// write imports cards in one transaction, splitting it when Badger finds
// it too big, and returns each card's fate.
func (im *cardImport) write(cards []incoming) ([]importer.Record, error) {
	if len(cards) == 0 {
		return nil, nil
	}
	if err := im.ctx.Err(); err != nil {
		return nil, fmt.Errorf("import stopped: %w", err)
	}
	var recs []importer.Record
	var added map[[2]string]seenCard
	err := im.s.UpdateQueued(im.ctx, im.batch, func(tx *store.Tx) error {
		// Sized for a card's usual keys (two emails, a phone, a name): a
		// map grown card by card copied itself over and over.
		recs, added = recs[:0], make(map[[2]string]seenCard, 4*len(cards))
		for _, c := range cards {
			rec, err := im.card(tx, c, added)
			if err != nil {
				return fmt.Errorf("line %d: %w", c.line, err)
			}
			recs = append(recs, rec)
		}
		if im.dry {
			return errDryRun
		}
		tx.BatchDone(im.handled)
		return nil
	})
	if errors.Is(err, store.ErrTooBig) && len(cards) > 1 {
		half := len(cards) / 2
		im.handled -= len(cards) - half // the first half's transaction has not read the second
		a, err := im.write(cards[:half])
		im.handled += len(cards) - half
		if err != nil {
			return a, err
		}
		b, err := im.write(cards[half:])
		return append(a, b...), err
	}
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, err
	}
	if im.dry {
		for k, v := range added {
			if v.dryNew {
				v.id = ""
			}
			im.seen[k] = v
		}
	}
	return recs, nil
}

// card imports one card and says what happened to it.
func (im *cardImport) card(tx *store.Tx, c incoming, added map[[2]string]seenCard) (importer.Record, error) {
	p := c.p
	rec := importer.Record{Line: c.line, Kind: store.KindPerson, Name: p.Name, Reason: strings.Join(c.notes, "; ")}
	because := func(s string) {
		if rec.Reason != "" {
			s += "; " + rec.Reason
		}
		rec.Reason = s
	}
	keys := p.Keys()
	remember := func(id string, dryNew bool) {
		slim := &store.Person{Name: p.Name, Org: p.Org, Emails: p.Emails, Phones: p.Phones, UIDs: p.UIDs, Profiles: p.Profiles}
		for _, k := range keys {
			if _, ok := added[k]; !ok {
				added[k] = seenCard{id: id, line: c.line, p: slim, dryNew: dryNew}
			}
		}
	}
	// An earlier card of this file, not yet in the indexes.
	for _, k := range keys {
		earlier, ok := added[k]
		if !ok {
			earlier, ok = im.seen[k]
		}
		if !ok {
			continue
		}
		if k[0] == "phone" && store.NormalizeName(p.Name) != store.NormalizeName(earlier.p.Name) {
			continue // two entries of one address book sharing a line: two people
		}
		if k[0] == "name" && store.OtherSource(p, earlier.p) {
			continue // a namesake with a UID of their own: someone else
		}
		if k[0] == "name" && store.Disagree(p, earlier.p) {
			if newPersonByDefault(p, earlier.p) {
				because(fmt.Sprintf("same name as the card at line %d, but %s", earlier.line, strangerWords))
				continue
			}
			rec.Action, rec.MatchID, rec.Card = importer.Duplicate, earlier.id, p
			because(fmt.Sprintf("same name as the card at line %d, but a different email, phone or source: held back: listed under Held back, to add as a new person or merge", earlier.line))
			return rec, nil
		}
		if im.dry && earlier.id == "" {
			rec.Action = importer.Updated
			because(fmt.Sprintf("same %s as the card at line %d: merged into it", k[0], earlier.line))
			return rec, nil
		}
		p.ID = earlier.id
		if c.handleOnly {
			p.Name = "" // the one they are known by stays
		}
		id, changed, err := tx.MergeFields(p)
		if err != nil {
			return rec, err
		}
		rec.ID, rec.Fields, rec.Action = id, changed, importer.Unchanged
		if len(changed) > 0 {
			rec.Action = importer.Updated
		}
		because(fmt.Sprintf("same %s as the card at line %d", k[0], earlier.line))
		if earlier.dryNew {
			rec.ID = "" // never stored
		}
		remember(id, earlier.dryNew)
		return rec, nil
	}
	var m store.Match
	var err error
	if im.matcher != nil {
		m, err = im.matcher.MatchKeys(&tx.Reader, p, keys)
		defer func() { im.matcher.AddKeys(p.ID, keys) }()
	} else {
		m, err = tx.MatchPerson(p)
	}
	if err != nil {
		return rec, err
	}
	restored := false
	if m.Trashed {
		if restored, err = restoreUndone(tx, m.ID); err != nil {
			return rec, err
		}
	}
	switch {
	case m.Trashed && !restored:
		rec.Action, rec.MatchID = importer.Skipped, m.ID
		because(fmt.Sprintf("matched by %s %s, who is in Trash; restore them to import this card again", m.By, m.Value))
		return rec, nil
	case m.Likely && likeSomeoneElse(tx, p, m.ID), m.Namesake != "" && likeSomeoneElse(tx, p, m.Namesake):
		because("same name as someone stored, but " + strangerWords)
		m = store.Match{}
	case m.Namesake != "":
		because("same name as someone stored, but another address book entry with no email or phone in common: added as a new person")
	case m.Likely:
		rec.Action, rec.MatchID, rec.Card = importer.Duplicate, m.ID, p
		because("same name as someone stored, but a different email, phone or source: held back: listed under Held back, to add as a new person or merge")
		return rec, nil
	}
	if m.ID == "" && c.linkOnly {
		rec.Action, rec.Card = importer.Unnamed, p // kept in the list of accounts to name
		because(fmt.Sprintf("%s names this account only by a number, and no one here has it among their profiles: open it to see who it is, add it to their profiles and import again. Nothing was added", c.service))
		return rec, nil
	}
	if m.ID != "" && c.handleOnly {
		p.Name = ""
	}
	p.ID = m.ID
	id, changed, err := tx.MergeFields(p)
	if err != nil {
		return rec, err
	}
	rec.ID, rec.Fields = id, changed
	switch {
	case restored:
		rec.Action, rec.Fields = importer.Created, nil
		because("back from Trash, where undoing an earlier import had put them")
	case m.ID == "":
		rec.Action, rec.Fields = importer.Created, nil
	case len(changed) > 0:
		rec.Action = importer.Updated
		because(fmt.Sprintf("matched by %s %s", m.By, m.Value))
	default:
		rec.Action = importer.Unchanged
	}
	dryNew := im.dry && m.ID == ""
	if dryNew {
		rec.ID = "" // never stored; later cards of this transaction still merge into it, as they will for real
	}
	remember(id, dryNew)
	return rec, nil
}

// restoreUndone brings back a person that only the undo of an import put
// in Trash (importing the file again means it is wanted after all); one the
// person deleted stays deleted.
func restoreUndone(tx *store.Tx, id string) (bool, error) {
	rec, err := tx.Record(store.KindPerson, id)
	if err != nil {
		return false, err
	}
	for _, d := range rec.Deletes.Vals {
		if !store.UndoneBy(d.Batch) {
			return false, nil
		}
	}
	return true, tx.Restore(store.KindPerson, id)
}

type vcardExporter struct{}

func (vcardExporter) Name() string { return "vcf" }

// Export writes people as vCard 4.0 (or 3.0), to w or one file per person
// into opts.Dir.
func (vcardExporter) Export(ctx context.Context, s *store.Store, w io.Writer, opts importer.ExportOptions) (int, error) {
	enc := vcard.Encoder{Version: opts.Version}
	n := 0
	write := func(r *store.Reader, p *store.Person) error {
		if opts.Dir == "" {
			n++
			return enc.Encode(w, p)
		}
		path := filepath.Join(opts.Dir, fileName(p)+".vcf")
		var buf bytes.Buffer
		if err := enc.Encode(&buf, p); err != nil {
			return err
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return err
		}
		n++
		return nil
	}
	if opts.Dir != "" {
		if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
			return 0, err
		}
	}
	err := s.View(ctx, func(r *store.Reader) error {
		if len(opts.IDs) > 0 {
			for _, id := range opts.IDs {
				e, err := r.Entity(store.KindPerson, id)
				if err != nil {
					return err
				}
				if err := write(r, e.(*store.Person)); err != nil {
					return err
				}
			}
			return nil
		}
		var werr error
		err := r.Each(store.KindPerson, func(rec *store.Record) bool {
			werr = write(r, r.View(rec).(*store.Person))
			return werr == nil
		})
		if werr != nil {
			return werr
		}
		return err
	})
	return n, err
}

// fileName is a safe, unique file name for one person's card.
func fileName(p *store.Person) string {
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' || strings.ContainsRune(`*?"<>|`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(p.Name))
	if len([]rune(name)) > 60 {
		name = string([]rune(name)[:60])
	}
	short := p.ID
	if len(short) > 8 {
		short = short[len(short)-8:]
	}
	if name == "" {
		return short
	}
	return name + " " + short
}

// AddHeldBack creates the person of a card an import held back as a likely
// duplicate (path and line as the report gave them). The pair then shows
// in Duplicates, to merge or to dismiss.
func (sv *Imports) AddHeldBack(path string, line int) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("add from %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	if p, ok, err := networkPersonAt(f, line); ok || err != nil {
		return sv.addPerson(p, err)
	}
	rd := vcard.NewReader(f)
	for {
		c, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return "", fmt.Errorf("%s has no card at line %d (was the file changed?)", filepath.Base(path), line)
		}
		var bad *vcard.CardError
		if errors.As(err, &bad) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("%s: %w", filepath.Base(path), err)
		}
		if c.Line != line {
			continue
		}
		id, err := sv.addPerson(c.Person, nil)
		if err == nil {
			err = sv.forgetHeldBack(c.Person)
		}
		return id, err
	}
}

// addPerson creates a person an import held back.
func (sv *Imports) addPerson(p *store.Person, err error) (string, error) {
	if err != nil {
		return "", err
	}
	var id string
	err = sv.store.Update(sv.ctx, func(tx *store.Tx) (err error) {
		id, err = tx.Merge(p)
		return err
	})
	return id, err
}

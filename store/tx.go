package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"github.com/dgraph-io/badger/v4"

	"learnwork/store/hlc"
)

// Tx is a write transaction: the one path every mutation takes. Local edits
// become field-level ops in this device's log; remote changes are applied as
// they are. Both update records and indexes in the same Badger transaction.
type Tx struct {
	Reader
	s       *Store
	recs    map[string]*txRec
	order   []*txRec
	changes []*Change            // new local changes, in seq order
	raw     [][]byte             // remote changes as received, kept byte for byte
	rawc    []*Change            // raw decoded
	cur     map[DeviceID]*Change // the change each device's ops on the current entity go into
	curRec  *Record              // the entity cur is about
	made    int                  // local ops made
	vv      Vector               // the store's vector plus what this tx applied
	batch   string
	commit  Commit
	meta    map[string][]byte      // replication bookkeeping written with the data
	pending map[DeviceID][]*Change // changes and rawc by device, made when flush merges notes
}

type txRec struct {
	rec       *Record
	stored    bool     // the entity existed before this transaction
	dirty     bool     // changed in this transaction: only these are written
	oldIdx    indexSet // index entries before the first change
	wasLive   bool
	textDirty map[string]bool
}

// touch marks a record about to change, first noting what its indexes held,
// so a record only read (an import's unchanged card) costs no index work
// and no write.
func (tx *Tx) touch(tr *txRec) {
	if tr.dirty {
		return
	}
	tr.dirty = true
	if tr.stored {
		tr.oldIdx = tr.rec.indexEntries()
		tr.wasLive = !tr.rec.Trashed()
	}
}

// Update runs fn in a write transaction and commits it. Writes are
// serialised. A transaction too big for Badger fails with ErrTooBig; callers
// with large batches (imports) commit in chunks.
func (s *Store) Update(ctx context.Context, fn func(tx *Tx) error) error {
	return s.update(ctx, "", false, fn)
}

// UpdateBatch is Update with every local change tagged with batch, so the
// batch can be listed and undone as one.
func (s *Store) UpdateBatch(ctx context.Context, batch string, fn func(tx *Tx) error) error {
	return s.update(ctx, batch, false, fn)
}

// UpdateQueued is UpdateBatch for bulk work (imports, a first sync): it
// returns once the transaction is handed to Badger, so the caller builds
// its next one while this one is written. Readers, Vector and later writes
// see it as if it had committed; if its commit fails, the store refuses
// every later write with that error (they were built on it), and Wait or
// the next Update reports it.
func (s *Store) UpdateQueued(ctx context.Context, batch string, fn func(tx *Tx) error) error {
	return s.update(ctx, batch, true, fn)
}

// queued is a commit handed to Badger whose outcome is not known yet.
type queued struct {
	done    chan struct{} // written (or failed): err is set
	settled chan struct{} // and its listeners, and those before, have run
	err     error
}

// lastQueued is the newest commit handed to Badger (nil: none yet).
func (s *Store) lastQueued() *queued {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.last
}

// Wait waits for the commits handed to Badger so far, and for their
// OnCommit listeners, and says whether they (and every one before)
// succeeded.
func (s *Store) Wait() error {
	if q := s.lastQueued(); q != nil {
		<-q.settled
		return q.err
	}
	return nil
}

// written waits for the commits handed to Badger so far (not for their
// listeners, which may call it).
func (s *Store) written() {
	if q := s.lastQueued(); q != nil {
		<-q.done
	}
}

func (s *Store) update(ctx context.Context, batch string, queue bool, fn func(tx *Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	prev := s.lastQueued()
	// The Badger transaction is made at the first read or write: work
	// before that (an import's matching and encoding) overlaps prev's commit.
	// A queued write also takes a snapshot then, for the next one's early
	// record reads.
	early := s.early
	s.early = nil
	defer early.discard()
	var txn, snap *badger.Txn
	defer func() {
		if txn != nil {
			txn.Discard() // a no-op after CommitWith
		}
		if snap != nil {
			snap.Discard()
		}
	}()
	tx := &Tx{s: s, recs: map[string]*txRec{}, vv: s.wvv.Clone(), batch: batch,
		commit: Commit{Kinds: map[Kind]int{}}}
	tx.Reader = Reader{ctx: ctx, tx: tx, reuse: true, early: early, open: func() *badger.Txn {
		txn = s.db.NewTransaction(true) // waits until prev is written
		if queue {
			snap = s.db.NewTransaction(false) // the same state: nothing is queued now
		}
		return txn
	}}
	defer tx.Reader.closeKeys()
	if err := fn(tx); err != nil {
		return err
	}
	if len(tx.changes) == 0 && len(tx.raw) == 0 && len(tx.meta) == 0 {
		if queue {
			s.release.soon() // a re-import reads (and so maps) every record
		}
		return nil
	}
	if err := s.room(); err != nil {
		return err
	}
	if err := tx.flush(); err != nil {
		return err
	}
	if prev != nil {
		if <-prev.done; prev.err != nil {
			return fmt.Errorf("an earlier write failed, so this one was not made: %w", prev.err)
		}
	}
	commit := tx.commit
	q := s.hand(txn, prev, tx.vv, commit, queue)
	s.mu.Lock()
	s.last = q
	s.mu.Unlock()
	before := s.wvv
	s.wvv = tx.vv
	if snap != nil {
		s.early, snap = &earlyRecords{snap: snap, recs: tx.recs}, nil
	}
	if queue {
		return nil
	}
	if <-q.settled; q.err != nil {
		// Nothing was built on it: forget it, so later writes go on.
		s.mu.Lock()
		s.last = prev
		s.mu.Unlock()
		s.wvv = before
		clear(s.topics) // it may have named some
		return q.err
	}
	if commit.Changes > 0 {
		s.notify(commit)
	}
	return nil
}

// Vector is what the store holds with this transaction's changes.
func (tx *Tx) Vector() Vector { return tx.vv.Clone() }

// hand gives txn to Badger. Once it is written the store's vector moves on,
// and once prev's listeners have run, a queued write's hear of it.
func (s *Store) hand(txn *badger.Txn, prev *queued, vv Vector, commit Commit, queue bool) *queued {
	q := &queued{done: make(chan struct{}), settled: make(chan struct{})}
	txn.CommitWith(func(err error) {
		if prev != nil {
			if <-prev.done; err == nil {
				err = prev.err
			}
		}
		if errors.Is(err, badger.ErrTxnTooBig) {
			err = ErrTooBig
		} else if err != nil {
			err = fmt.Errorf("commit: %w", err)
		}
		if err == nil {
			s.mu.Lock()
			s.vv = vv
			s.mu.Unlock()
			if queue {
				s.release.soon() // bulk work: drop what it mapped (release_linux.go)
			}
		}
		q.err = err
		close(q.done) // before the listeners: they may read the store
		if prev != nil {
			<-prev.settled // listeners hear commits in order
		}
		if queue && err == nil && commit.Changes > 0 {
			s.notify(commit)
		}
		close(q.settled)
	})
	return q
}

func recKey(k Kind, id string) string { return pEntity + string(k) + sep + id }

// recKeyBytes is recKey built as the bytes a write needs, in one allocation.
func recKeyBytes(k Kind, id string) []byte {
	b := make([]byte, 0, len(pEntity)+len(k)+len(sep)+len(id))
	return append(append(append(append(b, pEntity...), k...), sep...), id...)
}

// keyBytes hands an index key to Badger without copying it (a new item
// writes half a dozen, each a copy and an allocation). Badger only reads a
// key it is given, and copies it when it commits; a string's bytes never
// change.
func keyBytes(k string) []byte { return unsafe.Slice(unsafe.StringData(k), len(k)) }

// load returns the transaction's working copy of a record (nil, nil if the
// entity does not exist and create is false).
func (tx *Tx) load(k Kind, id string, create bool) (*txRec, error) {
	key := recKey(k, id)
	if tr, ok := tx.recs[key]; ok {
		return tr, nil
	}
	rec, err := tx.Reader.stored(k, id)
	if err != nil {
		return nil, err
	}
	stored := rec != nil
	if !stored {
		if !create {
			return nil, nil
		}
		rec = newRecord(k, id)
	}
	tx.keep(key, &txRec{rec: rec, stored: stored, textDirty: map[string]bool{}})
	return tx.recs[key], nil
}

func (tx *Tx) keep(key string, tr *txRec) {
	tx.recs[key] = tr
	tx.order = append(tx.order, tr)
}

// op appends a local operation to the log and applies it: to this
// device's log, or, for a shared entity's shareable fields, to this
// device's log in each space it is shared in (share.go).
func (tx *Tx) op(tr *txRec, op Op) {
	spaces := tx.spacesOf(tr.rec, op)
	if len(spaces) == 0 {
		tx.opAs(tr, op, tx.s.dev)
		return
	}
	for _, sp := range spaces {
		// Each space gets the same op: its members hold only their
		// space's dots, and the op must supersede those.
		tx.opAs(tr, op, tx.s.SpaceDevice(sp))
	}
}

// opAs appends a local operation to dev's log (this device's own, or one
// of its space devices) and applies it.
func (tx *Tx) opAs(tr *txRec, op Op, dev DeviceID) Dot {
	r := tr.rec
	if tx.curRec != r {
		clear(tx.cur)
		tx.curRec = r
	}
	if tx.cur == nil {
		tx.cur = map[DeviceID]*Change{}
	}
	cur := tx.cur[dev]
	// A change belongs to one batch: an import writing a held-back card
	// into its own batch starts a new one.
	if cur == nil || cur.Batch != tx.batch {
		// Room for a new contact's ops: grown one by one they were a
		// twentieth of an import's allocations.
		cur = &Change{Device: dev, Seq: tx.vv[dev] + 1, HLC: tx.s.Clock.Tick(), Kind: r.Kind, ID: r.ID, Batch: tx.batch, Ops: make([]Op, 0, 16)}
		tx.cur[dev] = cur
		tx.changes = append(tx.changes, cur)
	}
	tx.touch(tr)
	dot := Dot{Device: dev, Seq: tx.vv[dev] + 1}
	op.Prev = sortDots(slices.Clone(op.Prev))
	cur.Ops = append(cur.Ops, op)
	r.apply(dot, cur.HLC, &op, tx.batch, func(Dot) bool { return true })
	if op.Code == OpText {
		tr.textDirty[op.Field] = true
	}
	tx.vv[dev] = dot.Seq
	tx.made++
	tx.commit.Changes++
	return dot
}

// ApplyRemote applies changes from another device, in the order each device
// made them. A change already held is skipped; one that would leave a gap in
// its device's log fails with ErrGap. Each is stored byte for byte, so
// fields and ops from a newer version are forwarded untouched.
func (tx *Tx) ApplyRemote(raw []byte) (applied bool, err error) {
	_, applied, err = tx.ApplyRemoteChange(raw)
	return applied, err
}

// ApplyRemoteChange is ApplyRemote that also returns the decoded change (nil
// if it does not decode).
func (tx *Tx) ApplyRemoteChange(raw []byte) (*Change, bool, error) {
	c, err := DecodeChange(raw)
	if err != nil {
		return nil, false, err
	}
	applied, err := tx.applyRemote(c, raw)
	return c, applied, err
}

func (tx *Tx) applyRemote(c *Change, raw []byte) (applied bool, err error) {
	have := tx.vv[c.Device]
	switch {
	case c.Last() <= have:
		return false, nil
	case c.Seq != have+1:
		return false, fmt.Errorf("%w: %s has %d, change starts at %d", ErrGap, c.Device, have, c.Seq)
	}
	if _, err := specFor(c.Kind); err != nil {
		// A kind from a newer version: keep and forward it, show nothing.
		tx.keepRaw(c, raw)
		return true, nil
	}
	if skewed := tx.s.Clock.Observe(c.HLC); skewed {
		tx.s.flagSkew(tx.t(), c)
	}
	tr, err := tx.load(c.Kind, c.ID, true)
	if err != nil {
		return false, err
	}
	tx.touch(tr)
	for i := range c.Ops {
		dot := c.Dot(i)
		// Held before this op: everything in the vector (which does not yet
		// include this change) and this change's earlier ops.
		seen := func(d Dot) bool { return tx.vv.Has(d) || d.Device == c.Device && d.Seq < dot.Seq }
		if tr.rec.apply(dot, c.HLC, &c.Ops[i], c.Batch, seen) && c.Ops[i].Code == OpText {
			tr.textDirty[c.Ops[i].Field] = true
		}
	}
	tx.keepRaw(c, raw)
	return true, nil
}

// expect sizes a transaction about to apply n remote changes: a space's
// batch of 4,096 new items grew its maps and lists a dozen times over.
func (tx *Tx) expect(n int) {
	if len(tx.recs) == 0 {
		tx.recs = make(map[string]*txRec, n)
	}
	tx.order = slices.Grow(tx.order, n)
	tx.raw = slices.Grow(tx.raw, n)
	tx.rawc = slices.Grow(tx.rawc, n)
}

func (tx *Tx) keepRaw(c *Change, raw []byte) {
	tx.raw = append(tx.raw, raw)
	tx.rawc = append(tx.rawc, c)
	tx.vv[c.Device] = c.Last()
	tx.curRec = nil
	tx.commit.Changes += len(c.Ops)
}

func logKey(d DeviceID, seq uint64) []byte {
	return u64(u64([]byte(pLog), uint64(d)), seq)
}

// flush writes the log, records, indexes and metadata. Encoding and index
// diffs are pure work on each record, so large transactions (imports) do
// them in parallel and only the writes into the Badger transaction are
// serial.
func (tx *Tx) flush() error {
	tx.Reader.closeKeys() // the writes below are not in its snapshot
	var dirty []*txRec
	for _, tr := range tx.order {
		if !tr.dirty {
			continue
		}
		if err := tx.remerge(tr); err != nil {
			return err
		}
		dirty = append(dirty, tr)
	}
	logs := make([][]byte, len(tx.changes))
	writes := make([]recWrite, len(dirty))
	err := parallel(len(tx.changes)+len(dirty), func(i int) (err error) {
		if i < len(logs) {
			logs[i], err = tx.changes[i].Encode()
			return err
		}
		writes[i-len(logs)] = prepare(dirty[i-len(logs)])
		return nil
	})
	if err != nil {
		return err
	}
	txn := tx.t()
	for i, c := range tx.changes {
		if err := txn.Set(logKey(c.Device, c.Seq), logs[i]); err != nil {
			return tx.tooBig(err)
		}
	}
	for i, raw := range tx.raw {
		c := tx.rawc[i]
		if err := txn.Set(logKey(c.Device, c.Seq), raw); err != nil {
			return tx.tooBig(err)
		}
	}
	counts := map[Kind]int{}
	touches := newTouchDelta()
	posts := make(postings, len(dirty)) // a new item brings a word of its own at least
	for i, tr := range dirty {
		r, w := tr.rec, &writes[i]
		posts.add(r.Kind, r.ID, w.words)
		touches.merge(w.touch)
		touches.reread(r, tr.stored, tr.wasLive, w.live, len(tx.raw) > 0)
		if err := txn.Set(recKeyBytes(r.Kind, r.ID), w.rec); err != nil {
			return tx.tooBig(err)
		}
		for _, k := range w.dels {
			if err := txn.Delete(keyBytes(k)); err != nil {
				return tx.tooBig(err)
			}
		}
		for _, kv := range w.sets {
			if err := txn.Set(keyBytes(kv.k), kv.v); err != nil {
				return tx.tooBig(err)
			}
		}
		live := w.live
		if live && !tr.wasLive && tr.stored && len(tx.raw) > 0 && r.deleted() {
			if err := tx.notice(Notice{Kind: r.Kind, ID: r.ID, Message: fmt.Sprintf("%q came back from Trash: it was edited on another device after being deleted here", r.summary().Title)}); err != nil {
				return err
			}
		}
		switch {
		case live && !tr.wasLive:
			counts[r.Kind]++
		case !live && tr.wasLive:
			counts[r.Kind]--
		}
		tx.commit.Kinds[r.Kind]++
		if len(tx.commit.IDs) < 500 {
			tx.commit.IDs = append(tx.commit.IDs, r.ID)
		}
	}
	if err := tx.refreshTouches(touches); err != nil {
		return err
	}
	if err := posts.write(txn.Set, tx.s.Clock.Tick()); err != nil {
		return tx.tooBig(err)
	}
	for k, d := range counts {
		if d == 0 {
			continue
		}
		n := tx.Reader.Count(k) + d
		if err := txn.Set([]byte(pMeta+"count/"+string(k)), u64(nil, uint64(max(n, 0)))); err != nil {
			return tx.tooBig(err)
		}
	}
	for d, seq := range tx.vv {
		if err := txn.Set(vvKey(d), u64(nil, seq)); err != nil {
			return tx.tooBig(err)
		}
	}
	if err := tx.recordBatch(); err != nil {
		return err
	}
	if err := tx.flushMeta(); err != nil {
		return err
	}
	tx.commit.Local = len(tx.changes) > 0
	if err := txn.Set([]byte(pMeta+"hlc"), u64(nil, uint64(tx.s.Clock.Last()))); err != nil {
		return tx.tooBig(err)
	}
	for _, tr := range dirty {
		if r := tr.rec; r.Kind == KindTopic {
			if r.Scalar("name") != "" && !r.Trashed() {
				tx.s.topics[r.ID] = true
			} else {
				delete(tx.s.topics, r.ID)
			}
		}
	}
	return nil
}

func vvKey(d DeviceID) []byte { return u64([]byte(pMeta+"vv/"), uint64(d)) }

func (tx *Tx) tooBig(err error) error {
	if errors.Is(err, badger.ErrTxnTooBig) {
		return ErrTooBig
	}
	return err
}

// --- local edits -----------------------------------------------------------

func (tx *Tx) spec(k Kind, field string) (*fieldSpec, error) {
	ks, err := specFor(k)
	if err != nil {
		return nil, err
	}
	fs, ok := ks.byName[strings.ToLower(field)]
	if !ok {
		return nil, fmt.Errorf("%w: %s has no field %q (fields: %s)", ErrInvalid, k, field, strings.Join(Fields(k), ", "))
	}
	return fs, nil
}

// Create starts a new entity and returns its ID.
func (tx *Tx) Create(k Kind) (string, error) {
	if _, err := specFor(k); err != nil {
		return "", err
	}
	if k == KindTopic {
		return "", fmt.Errorf("%w: topics are created by name (EnsureTopic)", ErrInvalid)
	}
	// A new UUIDv7 is in no store yet: no need to look it up.
	id := NewID()
	tx.keep(recKey(k, id), &txRec{rec: newRecord(k, id), textDirty: map[string]bool{}})
	return id, nil
}

// CreateID starts an entity with a given ID unless one has it already
// (live or in Trash), and reports whether it did. An ID derived from what
// the entity is (a subscribed calendar's event UID) lets two devices that
// create it before they sync end with one entity, not two.
func (tx *Tx) CreateID(k Kind, id string) (created bool, err error) {
	if _, err := specFor(k); err != nil {
		return false, err
	}
	if k == KindTopic || id == "" {
		return false, fmt.Errorf("%w: topics are created by name (EnsureTopic), other entities need an ID", ErrInvalid)
	}
	if _, ok := tx.recs[recKey(k, id)]; ok {
		return false, nil
	}
	tr, err := tx.load(k, id, true)
	if err != nil {
		return false, err
	}
	return !tr.stored, nil
}

// Set writes a register or text field. Writing what is already shown does
// nothing, so re-imports of the same data make no changes.
func (tx *Tx) Set(k Kind, id, field, value string) error {
	fs, tr, err := tx.editField(k, id, field)
	if err != nil {
		return err
	}
	return tx.set(tr, fs, value)
}

// editable loads a record that is new in this transaction or live.
// editField is the field spec and working record an edit of one field needs.
func (tx *Tx) editField(k Kind, id, field string) (*fieldSpec, *txRec, error) {
	fs, err := tx.spec(k, field)
	if err != nil {
		return nil, nil, err
	}
	if fs.name == fieldSpaces {
		return nil, nil, fmt.Errorf("%w: an item joins or leaves a team space by sharing or unsharing it", ErrInvalid)
	}
	tr, err := tx.editable(k, id)
	return fs, tr, err
}

func (tx *Tx) editable(k Kind, id string) (*txRec, error) {
	tr, err := tx.load(k, id, false)
	if err != nil {
		return nil, err
	}
	if tr == nil || tr.rec.Trashed() {
		return nil, fmt.Errorf("%s %s: %w", k, id, ErrNotFound)
	}
	return tr, nil
}

func (tx *Tx) set(tr *txRec, fs *fieldSpec, value string) error {
	value = strings.TrimSpace(value)
	if fs.typ == set {
		return fmt.Errorf("%w: %s %w; add or remove its elements", ErrInvalid, fs.name, ErrIsList)
	}
	if fs.typ == text {
		value = strings.ReplaceAll(value, "\r\n", "\n")
	}
	r := tr.rec
	if r.Scalar(fs.name) == value {
		return nil // shown already; a conflict stays until resolved
	}
	code := OpSet
	if fs.typ == text {
		code = OpText
	}
	tx.op(tr, Op{Field: fs.name, Code: code, Value: value, Prev: r.dotsOf(fs.name, nil)})
	return nil
}

// Add puts an element into a set field (given as text: "ada@example.org",
// "ada@example.org (work)" or the element's JSON). Topic elements are names.
func (tx *Tx) Add(k Kind, id, field, value string) error {
	fs, tr, err := tx.editField(k, id, field)
	if err != nil {
		return err
	}
	el, err := tx.element(fs, value)
	if err != nil || el == "" {
		return err
	}
	return tx.add(tr, fs, el)
}

func (tx *Tx) element(fs *fieldSpec, value string) (string, error) {
	if fs.typ != set {
		return "", fmt.Errorf("%w: %s %w; set it", ErrInvalid, fs.name, ErrNotList)
	}
	if fs.ref == KindTopic {
		return tx.EnsureTopic(value)
	}
	return parseElement(fs, value)
}

func (tx *Tx) add(tr *txRec, fs *fieldSpec, el string) error {
	if slices.Contains(tr.rec.Elements(fs.name), el) {
		return nil
	}
	tx.op(tr, Op{Field: fs.name, Code: OpAdd, Value: el})
	return nil
}

// Remove takes an element out of a set field; only the adds seen here are
// removed, so a concurrent add elsewhere wins.
func (tx *Tx) Remove(k Kind, id, field, value string) error {
	fs, tr, err := tx.editField(k, id, field)
	if err != nil {
		return err
	}
	el := value
	if fs.ref == KindTopic {
		el = TopicID(value)
		if strings.HasPrefix(value, "topic-") {
			el = value
		}
	} else if !slices.Contains(tr.rec.Elements(fs.name), value) {
		if el, err = parseElement(fs, value); err != nil {
			return err
		}
	}
	return tx.remove(tr, fs, el)
}

func (tx *Tx) remove(tr *txRec, fs *fieldSpec, el string) error {
	prev := tr.rec.dotsOf(fs.name, func(v string) bool { return v == el })
	if len(prev) == 0 {
		return nil
	}
	tx.op(tr, Op{Field: fs.name, Code: OpRemove, Prev: prev})
	return nil
}

// Clear removes every element of a set field, or empties a register.
func (tx *Tx) Clear(k Kind, id, field string) error {
	fs, tr, err := tx.editField(k, id, field)
	if err != nil {
		return err
	}
	if fs.typ != set {
		return tx.set(tr, fs, "")
	}
	if prev := tr.rec.dotsOf(fs.name, nil); len(prev) > 0 {
		tx.op(tr, Op{Field: fs.name, Code: OpRemove, Prev: prev})
	}
	return nil
}

// Resolve settles a conflicted field on one value: a normal change that
// supersedes every concurrent value and syncs like any other. A field not in
// conflict fails with ErrNoConflict and nothing changes.
func (tx *Tx) Resolve(k Kind, id, field, value string) error {
	fs, tr, err := tx.editField(k, id, field)
	if err != nil {
		return err
	}
	if fs.typ == set {
		return fmt.Errorf("%w: lists do not conflict", ErrInvalid)
	}
	if !tr.rec.InConflict(fs.name) {
		return fmt.Errorf("resolve %s: %w", fs.name, ErrNoConflict)
	}
	code := OpSet
	if fs.typ == text {
		code = OpText
	}
	tx.op(tr, Op{Field: fs.name, Code: code, Value: strings.TrimSpace(value), Prev: tr.rec.dotsOf(fs.name, nil)})
	return nil
}

// Delete moves an entity to Trash. The delete records every value it saw:
// an edit it had not seen, made on another device, brings the entity back.
func (tx *Tx) Delete(k Kind, id string) error {
	tr, err := tx.editable(k, id)
	if err != nil {
		return err
	}
	tx.op(tr, Op{Code: OpDelete, Prev: tr.rec.liveDots()})
	return nil
}

// Restore brings an entity back from Trash: it undoes the deletes it saw
// (and earlier restores' marks), and wins over a delete made concurrently
// on another device, as an edit does.
func (tx *Tx) Restore(k Kind, id string) error {
	tr, err := tx.load(k, id, false)
	if err != nil {
		return err
	}
	if tr == nil {
		return fmt.Errorf("%s %s: %w", k, id, ErrNotFound)
	}
	if !tr.rec.Trashed() {
		return nil
	}
	var prev []Dot
	for _, d := range tr.rec.Deletes.Vals {
		prev = append(prev, d.Dot)
	}
	tx.op(tr, Op{Code: OpRestore, Prev: prev})
	return nil
}

// EnsureTopic returns the topic's ID, creating the topic if it is new.
func (tx *Tx) EnsureTopic(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if strings.HasPrefix(name, "topic-") {
		return name, nil // already an ID
	}
	if NormalizeName(name) == "" {
		return "", nil
	}
	id := TopicID(name)
	if tx.s.topics[id] {
		return id, nil // no read: it would wait for the commit ahead
	}
	tr, err := tx.load(KindTopic, id, true)
	if err != nil {
		return "", err
	}
	if tr.rec.Scalar("name") == "" {
		tx.op(tr, Op{Field: "name", Code: OpSet, Value: name, Prev: tr.rec.dotsOf("name", nil)})
	} else if tr.rec.Trashed() {
		if err := tx.Restore(KindTopic, id); err != nil {
			return "", err
		}
	}
	return id, nil
}

// Put writes a whole entity view: fields that differ from what is stored are
// changed, the rest untouched. An empty ID creates the entity. Conflicted
// fields left as shown stay in conflict; Resolve settles them.
func (tx *Tx) Put(e Entity) (string, error) { return tx.write(e, false, nil) }

// Merge writes an entity view the way imports do: it fills empty fields,
// replaces fields that an earlier import wrote (a person's own edits win),
// and adds missing elements to lists, removing nothing.
func (tx *Tx) Merge(e Entity) (string, error) { return tx.write(e, true, nil) }

// MergeFields is Merge that also names the fields it changed (none: the
// entity already held everything), for import reports.
func (tx *Tx) MergeFields(e Entity) (id string, changed []string, err error) {
	id, err = tx.write(e, true, &changed)
	return id, changed, err
}

func (tx *Tx) write(e Entity, merge bool, changed *[]string) (string, error) {
	m := e.Base()
	ks, err := specFor(m.Kind)
	if err != nil {
		return "", err
	}
	if m.ID == "" {
		if m.ID, err = tx.Create(m.Kind); err != nil {
			return "", err
		}
	}
	tr, err := tx.load(m.Kind, m.ID, false)
	if err != nil {
		return "", err
	}
	if tr == nil {
		return "", fmt.Errorf("%s %s: %w", m.Kind, m.ID, ErrNotFound)
	}
	v := reflect.ValueOf(e).Elem()
	for _, fs := range ks.fields {
		if fs.name == fieldSpaces {
			continue // only Share and Unshare change it: a view saved from an older read must not unshare
		}
		made := tx.made
		if err := tx.writeField(tr, fs, fieldValues(fs, v), merge); err != nil {
			return "", err
		}
		if changed != nil && tx.made != made {
			*changed = append(*changed, fs.name)
		}
	}
	return m.ID, nil
}

// writeField brings one field to the wanted values (see Put and Merge).
func (tx *Tx) writeField(tr *txRec, fs *fieldSpec, want []string, merge bool) (err error) {
	if fs.typ != set {
		w := want[0]
		cur := tr.rec.Scalar(fs.name)
		if cur == w {
			return nil
		}
		if merge {
			win, ok := tr.rec.Fields[fs.name].winner()
			if w == "" || ok && win.Batch == "" && cur != "" {
				return nil
			}
		}
		return tx.set(tr, fs, w)
	}
	if fs.ref == KindTopic {
		for i, name := range want {
			if want[i], err = tx.EnsureTopic(name); err != nil {
				return err
			}
		}
	}
	have := tr.rec.Elements(fs.name)
	var held map[string]bool // merge: emails and phones held, as matched
	for _, el := range want {
		if el == "" || slices.Contains(have, el) {
			continue
		}
		if merge && len(have) > 0 && (fs.idx == idxEmail || fs.idx == idxPhone || fs.idx == idxProfile) {
			// The same address written another way ("ADA@x", "(555)
			// 010-7788", "x.com/ada" for "twitter.com/Ada") is not a new one.
			if held == nil {
				held = map[string]bool{}
				for _, h := range have {
					held[contactKey(fs.idx, h)] = true
				}
			}
			if k := contactKey(fs.idx, el); k != "" && held[k] {
				continue
			}
		}
		if err := tx.add(tr, fs, el); err != nil {
			return err
		}
	}
	if merge {
		return nil
	}
	for _, el := range have {
		if !slices.Contains(want, el) {
			if err := tx.remove(tr, fs, el); err != nil {
				return err
			}
		}
	}
	return nil
}

// Batch is the batch this transaction tags its changes with.
func (tx *Tx) Batch() string { return tx.batch }

// Now is the transaction's clock reading.
func (tx *Tx) Now() hlc.Time { return tx.s.Clock.Last() }

// Context of the transaction.
func (tx *Tx) Context() context.Context { return tx.ctx }

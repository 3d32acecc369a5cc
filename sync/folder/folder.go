// Package folder syncs through a shared folder: a USB stick carried between
// machines, or a directory Syncthing or Dropbox keeps in step. Each device
// writes only its own directory of immutable, signed, age-encrypted segment
// files; readers go by file names, never modification times, so late,
// partial or doubled delivery only delays a sync.
package folder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// Dir is the directory inside the shared folder that Learnwork uses.
const Dir = "learnwork"

// segmentTarget closes a segment at about this many bytes of batches.
const segmentTarget = 4 << 20

// Options tune a folder sync.
type Options struct {
	AllowMassDelete bool
	// Progress hears how many changes came in so far, of about how many.
	Progress func(done, total int)
	Now      func() time.Time
}

// Report says what a folder sync did.
type Report struct {
	Folder       string             `json:"folder"`
	Received     int                `json:"received"`     // changes applied here
	Sent         int                `json:"sent"`         // changes written to the folder
	BytesWritten int64              `json:"bytesWritten"` // size of the segments written
	SegmentsRead int                `json:"segmentsRead"`
	Written      []string           `json:"written,omitempty"` // segment files written
	Kinds        map[store.Kind]int `json:"kinds,omitempty"`
	Refs         []store.Ref        `json:"refs,omitempty"`     // entities changed here (at most 200)
	Waiting      int                `json:"waiting,omitempty"`  // changes other devices hold that no segment here brought yet (late, or lost)
	Problems     []string           `json:"problems,omitempty"` // segments or folders rejected, with why
	Reported     bool               `json:"reported,omitempty"` // wrote this device's lacks report (what it could not use)
	Devices      []DeviceState      `json:"devices"`            // what each device in the folder holds

	bad []string // segments rejected, as "<writer ID>/<name>", for this device's lacks report
}

// reject notes a segment this sync could not use: in the problems a person
// reads, and in the report that asks the devices holding its changes to
// write them again.
func (rep *Report) reject(w *writer, s segFile, why string) {
	rep.Problems = append(rep.Problems, fmt.Sprintf("%s: %s; nothing in it was applied, and the devices that hold its changes are asked to write them again", w.label(s), why))
	rep.bad = append(rep.bad, w.id+"/"+s.name)
}

// DeviceState is a device's directory as this sync saw it.
type DeviceState struct {
	ID       string       `json:"id"`
	Name     string       `json:"name"`
	Segments int          `json:"segments"`
	Vector   store.Vector `json:"-"`
	Behind   uint64       `json:"behind"` // changes held here that the device had not seen at its last segment
}

// ErrNotFolder is a PATH that is not a usable directory.
var ErrNotFolder = errors.New("not a folder")

// Sync reads what paired devices wrote to root, applies it, then writes
// what this device holds that the folder lacks. A sync with nothing new
// writes nothing.
func Sync(ctx context.Context, st devsync.Log, list *trust.List, root string, opts Options) (*Report, error) {
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("sync folder %s: %w (is the drive connected?)", root, ErrNotFolder)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	self := list.Self()
	if st.Device() != self.Device() {
		return nil, fmt.Errorf("sync folder: the store belongs to device %s, not this key's %s", st.Device(), self.Device())
	}
	base := filepath.Join(root, Dir)
	if err := os.MkdirAll(filepath.Join(base, self.ID()), 0o700); err != nil {
		return nil, fmt.Errorf("sync folder %s: %w", root, err)
	}
	rep := &Report{Folder: root, Kinds: map[store.Kind]int{}}
	writers, err := scan(base, list, self, rep)
	if err != nil {
		return rep, err
	}
	heads := headers{}
	if err := receive(ctx, st, list, self, writers, heads, opts, rep); err != nil {
		return rep, err
	}
	if err := publish(ctx, st, list, self, base, writers, heads, opts, rep); err != nil {
		return rep, err
	}
	have := st.Vector()
	announced := store.Vector{}
	for i, d := range rep.Devices {
		rep.Devices[i].Behind = have.Missing(d.Vector)
		announced.Merge(d.Vector)
	}
	// Changes the devices say they hold that no segment here brought: late,
	// or lost with a deleted file. Either way they wait, and the report
	// asks for them.
	rep.Waiting = max(rep.Waiting, int(min(announced.Missing(have), 1<<30)))
	if err := report(base, self, writers, have, rep, opts); err != nil {
		return rep, err
	}
	return rep, acknowledge(st, self, rep.Devices)
}

// report writes this device's lacks report while it could not use part of
// the folder, and once more when all is well again; otherwise nothing.
func report(base string, self *identity.Identity, writers []*writer, have store.Vector, rep *Report, opts Options) error {
	var prev *lacks
	for _, w := range writers {
		if w.self {
			prev = w.lacks
		}
	}
	slices.Sort(rep.bad)
	now := &lacks{Holds: have, Bad: slices.Compact(rep.bad), Waiting: rep.Waiting, Created: opts.Now().Unix()}
	if !now.wrong() && !prev.wrong() || now.same(prev) {
		return nil
	}
	rep.Reported = true
	return writeLacks(filepath.Join(base, self.ID()), self, *now)
}

// segFile is one segment file, known by its name.
type segFile struct {
	path        string
	name        string
	first, last uint64
}

// writer is one device directory in the folder.
type writer struct {
	id    string
	dev   trust.Device
	segs  []segFile
	self  bool
	lacks *lacks // what it last reported it could not use, nil if nothing
}

// parseName reads "<first>-<last>.seg". Anything else (temporary files,
// a sync tool's conflict copies) is not a segment.
func parseName(name string) (first, last uint64, ok bool) {
	stem, found := strings.CutSuffix(name, ".seg")
	a, b, dash := strings.Cut(stem, "-")
	if !found || !dash || len(a) != 12 || len(b) != 12 {
		return 0, 0, false
	}
	f, err1 := strconv.ParseUint(a, 10, 64)
	l, err2 := strconv.ParseUint(b, 10, 64)
	return f, l, err1 == nil && err2 == nil && f >= 1 && l >= f
}

func segName(first, last uint64) string { return fmt.Sprintf("%012d-%012d.seg", first, last) }

func scan(base string, list *trust.List, self *identity.Identity, rep *Report) ([]*writer, error) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", base, err)
	}
	var out []*writer
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		w := &writer{id: e.Name(), self: e.Name() == self.ID()}
		if !w.self {
			id, err := identity.ParseID(e.Name())
			if err != nil || id != e.Name() {
				continue // not a device directory
			}
			dev, err := list.Check(id)
			if errors.Is(err, trust.ErrRevoked) {
				continue // revoked: not read, not reported again
			}
			if err != nil {
				if hasSegments(filepath.Join(base, e.Name())) {
					rep.Problems = append(rep.Problems, fmt.Sprintf("%s: %v; its changes were not read (pair with it first: learnwork sync accept)", filepath.Join(Dir, e.Name()), err))
				}
				continue
			}
			w.dev = dev
		} else {
			w.dev = trust.Device{ID: self.ID(), Name: list.Name(), PublicKey: self.Public()}
		}
		files, err := os.ReadDir(filepath.Join(base, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", e.Name(), err)
		}
		for _, f := range files {
			if first, last, ok := parseName(f.Name()); ok && f.Type().IsRegular() {
				w.segs = append(w.segs, segFile{path: filepath.Join(base, e.Name(), f.Name()), name: f.Name(), first: first, last: last})
			}
		}
		slices.SortFunc(w.segs, func(a, b segFile) int { return strings.Compare(a.name, b.name) })
		w.lacks = readLacks(filepath.Join(base, e.Name(), lacksName), w.dev.PublicKey)
		out = append(out, w)
	}
	return out, nil
}

func hasSegments(dir string) bool {
	files, _ := os.ReadDir(dir)
	return slices.ContainsFunc(files, func(f os.DirEntry) bool { _, _, ok := parseName(f.Name()); return ok })
}

func (w *writer) label(s segFile) string {
	return filepath.Join(Dir, w.id[:8]+"…", s.name) + " from " + w.dev.Name
}

// candidate is a segment holding changes this store lacks.
type candidate struct {
	w *writer
	s segFile
	h header
}

// headers reads each segment's header once per sync.
type headers map[string]headerResult

type headerResult struct {
	h   header
	err error
}

func (hs headers) get(path string, key []byte) (header, error) {
	if r, ok := hs[path]; ok {
		return r.h, r.err
	}
	h, err := headerOf(path, key)
	hs[path] = headerResult{h, err}
	return h, err
}

func receive(ctx context.Context, st devsync.Log, list *trust.List, self *identity.Identity, writers []*writer, heads headers, opts Options, rep *Report) error {
	have := st.Vector()
	var cands []candidate
	for _, w := range writers {
		if w.self {
			continue
		}
		latest := store.Vector{}
		for _, s := range w.segs {
			h, err := heads.get(s.path, w.dev.PublicKey)
			if err != nil {
				rep.reject(w, s, err.Error())
				continue
			}
			if h.First != s.first || h.Last != s.last {
				rep.reject(w, s, fmt.Sprintf("%v: its header names %s (a copy under another name)", ErrRejected, segName(h.First, h.Last)))
				continue
			}
			latest.Merge(h.Covers)
			if !have.Covers(h.Covers) {
				cands = append(cands, candidate{w: w, s: s, h: h})
			}
		}
		rep.Devices = append(rep.Devices, DeviceState{ID: w.id, Name: w.dev.Name, Segments: len(w.segs), Vector: latest})
	}
	if len(cands) == 0 {
		return nil
	}
	// First pass: the plans, for the mass-delete guard and the total.
	var deletes []store.Ref
	total := 0
	var usable, notForMe []candidate
	readable := map[*writer]store.Vector{}
	for _, c := range cands {
		p, err := readPlan(c, self)
		if err != nil {
			if errors.Is(err, errNotForMe) {
				notForMe = append(notForMe, c)
			} else {
				rep.reject(c.w, c.s, err.Error())
			}
			continue
		}
		deletes = append(deletes, p.Deletes...)
		total += p.Changes
		usable = append(usable, c)
		if readable[c.w] == nil {
			readable[c.w] = store.Vector{}
		}
		readable[c.w].Merge(c.h.Covers)
	}
	for _, c := range notForMe {
		// Written before pairing; fine if the writer has since rewritten it.
		if !readable[c.w].Covers(c.h.Covers) {
			rep.Problems = append(rep.Problems, fmt.Sprintf("%s: written before the two devices were paired; %s rewrites it for this device at its next sync", c.w.label(c.s), c.w.dev.Name))
		}
	}
	if err := devsync.GuardDeletes(ctx, st, "the folder "+rep.Folder, deletes, opts.AllowMassDelete); err != nil {
		return err
	}
	// Second pass: apply, each batch atomically. The file is read and
	// checked again: it may have changed since the first pass.
	app := devsync.NewApplier(st)
	for _, c := range usable {
		if err := applySegment(ctx, app, c, self, total, opts); err != nil {
			if errors.Is(err, ErrRejected) {
				rep.reject(c.w, c.s, err.Error())
				continue
			}
			return err
		}
		rep.SegmentsRead++
		_ = list.Seen(c.w.id)
	}
	rep.Received, rep.Waiting, rep.Refs = app.Applied, app.Waiting(), app.Refs
	for k, n := range app.Kinds {
		rep.Kinds[k] += n
	}
	return nil
}

// acknowledge records what each device's latest segment says it holds,
// only when something moved.
func acknowledge(st devsync.Log, self *identity.Identity, ds []DeviceState) error {
	for _, d := range ds {
		if d.ID != self.ID() && st.PeerVector(d.ID).Compare(d.Vector) != store.Equal {
			if err := st.Acknowledged(d.ID, d.Vector); err != nil {
				return err
			}
		}
	}
	return nil
}

func readPlan(c candidate, self *identity.Identity) (devsync.Plan, error) {
	data, err := readFile(c.s.path)
	if err != nil {
		return devsync.Plan{}, err
	}
	_, body, err := segmentBody(data, c.w.dev.PublicKey, self)
	if err != nil {
		return devsync.Plan{}, err
	}
	return body.plan()
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSegment+maxHeader+1))
	if err == nil && len(data) > maxSegment+maxHeader {
		return nil, fmt.Errorf("%w: larger than any segment", ErrRejected)
	}
	return data, err
}

func applySegment(ctx context.Context, app *devsync.Applier, c candidate, self *identity.Identity, total int, opts Options) error {
	data, err := readFile(c.s.path)
	if err != nil {
		return err
	}
	h, body, err := segmentBody(data, c.w.dev.PublicKey, self)
	if err != nil {
		return err
	}
	if h.First != c.h.First || h.Last != c.h.Last {
		return fmt.Errorf("%w: replaced while being read", ErrRejected)
	}
	if _, err := body.plan(); err != nil {
		return err
	}
	for {
		chunk, err := body.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		raws, err := devsync.DecodeBatch(chunk)
		if err != nil {
			return fmt.Errorf("%w: %v", ErrRejected, err)
		}
		if err := app.Apply(ctx, raws, store.Ack{}); err != nil {
			if errors.Is(err, store.ErrInvalid) || errors.Is(err, store.ErrBadChange) {
				return fmt.Errorf("%w: %v", ErrRejected, err)
			}
			return err
		}
		if opts.Progress != nil {
			opts.Progress(app.Applied, total)
		}
	}
}

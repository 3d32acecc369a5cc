package store

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Team spaces (sync/space) share part of the network with other people.
// A space is a namespace of the one log: each device writes what it shares
// into a space under a dot device of its own for that space
// (SpaceDeviceOf), so a space's log is exactly the changes of its members'
// space devices, gapless per device like any other. The merge rules, the
// applier and ChangesSince work on it unchanged; a transport publishes a
// space device's log and nothing else, so what was never written under one
// never leaves this person's devices.

// fieldSpaces is the set of space IDs an entity is shared in.
const fieldSpaces = "spaces"

// SpaceDeviceOf is the dot device a device (by its public key) writes
// under in a space. Members compute it for each other from the keys in the
// space's membership, so a change can be checked against its sender.
func SpaceDeviceOf(pub ed25519.PublicKey, space string) DeviceID {
	h := sha256.New()
	h.Write([]byte("learnwork space device v1\x00"))
	h.Write(pub)
	h.Write([]byte(space))
	return DeviceID(binary.BigEndian.Uint64(h.Sum(nil)[:8]))
}

// SpaceDevice is this device's dot device in a space.
func (s *Store) SpaceDevice(space string) DeviceID {
	return SpaceDeviceOf(s.key.Public().(ed25519.PublicKey), space)
}

// Shareable reports whether entities of a kind can be shared into a space:
// every kind but interactions, which are a person's own history.
func Shareable(k Kind) bool { return k != KindInteraction && schema[k] != nil }

// Spaces are the spaces the entity is shared in.
func (r *Record) Spaces() []string { return r.Elements(fieldSpaces) }

// Private reports whether a kind's field stays on the owner's devices
// when the entity is shared.
func Private(k Kind, field string) bool {
	ks, err := specFor(k)
	if err != nil {
		return true
	}
	fs, ok := ks.byName[field]
	return !ok || fs.private
}

// spacesOf are the spaces a local op on rec goes to: none for a private
// field or an unshared entity.
func (tx *Tx) spacesOf(rec *Record, op Op) []string {
	if !Shareable(rec.Kind) || op.Field == fieldSpaces {
		return nil
	}
	spaces := rec.Spaces()
	if len(spaces) == 0 {
		return nil
	}
	if op.Field != "" && Private(rec.Kind, op.Field) {
		return nil
	}
	return spaces
}

// Share writes the entity into a space: its membership of the space and a
// snapshot of its shareable fields, under this device's space device, so
// the space's members receive it whole; from then on edits of those
// fields go to the space too. Its topics (and a community's schedule and
// the schedule's changed sessions) are shared with it; people it names are
// not: a person is shared only by name. Sharing what is already shared
// does nothing.
func (tx *Tx) Share(k Kind, id, space string) error {
	if space == "" {
		return fmt.Errorf("%w: no space", ErrInvalid)
	}
	if !Shareable(k) {
		return fmt.Errorf("%w: %ss are never shared", ErrInvalid, k)
	}
	tr, err := tx.editable(k, id)
	if err != nil {
		return err
	}
	rec := tr.rec
	in := rec.Spaces()
	if slices.Contains(in, space) {
		return nil
	}
	if len(in) > 0 && k != KindTopic {
		// Each space is a log of its own: an edit a member of one makes
		// would never reach the other's members, whose copies would then
		// disagree. A topic is named by what it is, so it can be in many.
		return fmt.Errorf("%w: %s %s %w", ErrInvalid, k, id, ErrSharedElsewhere)
	}
	dev := tx.s.SpaceDevice(space)
	tx.opAs(tr, Op{Field: fieldSpaces, Code: OpAdd, Value: space}, dev)
	ks := schema[k]
	for _, fs := range ks.fields {
		if fs.private || fs.name == fieldSpaces {
			continue
		}
		f := rec.Fields[fs.name]
		if f == nil || len(f.Vals) == 0 {
			continue
		}
		switch fs.typ {
		case set:
			// Each add supersedes the element's adds here, so a member's
			// remove (which knows only this one) removes it here too.
			for _, el := range rec.Elements(fs.name) {
				prev := snapshotPrev(in, rec.dotsOf(fs.name, func(v string) bool { return v == el }))
				tx.opAs(tr, Op{Field: fs.name, Code: OpAdd, Value: el, Prev: prev}, dev)
			}
		case text:
			tx.opAs(tr, Op{Field: fs.name, Code: OpText, Value: rec.Scalar(fs.name), Prev: snapshotPrev(in, rec.dotsOf(fs.name, nil))}, dev)
		default:
			// A register in conflict is shared as shown, which settles it:
			// members must hold what the owner holds.
			tx.opAs(tr, Op{Field: fs.name, Code: OpSet, Value: rec.Scalar(fs.name), Prev: snapshotPrev(in, rec.dotsOf(fs.name, nil))}, dev)
		}
	}
	for _, ref := range tx.goesWith(rec) {
		if tx.Reader.Live(ref.Kind, ref.ID) || tx.recs[recKey(ref.Kind, ref.ID)] != nil {
			if err := tx.Share(ref.Kind, ref.ID, space); err != nil {
				return fmt.Errorf("share %s %s with %s %s: %w", ref.Kind, ref.ID, k, id, err)
			}
		}
	}
	return nil
}

// snapshotPrev is what a shared snapshot of a field supersedes here: the
// value it copies, unless another space holds that value (a topic in two
// spaces), whose members must keep seeing it: then both stay, equal.
func snapshotPrev(spaces []string, dots []Dot) []Dot {
	if len(spaces) > 0 {
		return nil
	}
	return dots
}

// ErrSharedElsewhere: an item is shared in one space at a time.
var ErrSharedElsewhere = errors.New("is shared in another space already; unshare it there first")

// goesWith are the entities shared along with rec: its topics, a
// community's schedule, a series' changed sessions.
func (tx *Tx) goesWith(rec *Record) []Ref {
	var out []Ref
	for _, t := range rec.Elements("topics") {
		out = append(out, Ref{Kind: KindTopic, ID: t})
	}
	switch rec.Kind {
	case KindCommunity:
		if ev := rec.Scalar("schedule"); ev != "" {
			out = append(out, Ref{Kind: KindEvent, ID: ev})
		}
	case KindEvent:
		refs, err := tx.Referrers(rec.ID)
		if err != nil {
			return out // the sessions are shared when next edited from the series
		}
		for _, r := range refs {
			if r.Kind == KindEvent && r.Field == "series" {
				out = append(out, r.Ref)
			}
		}
	}
	return out
}

// Unshare takes the entity out of a space: members keep the copy they
// have (it stops being the space's, and their edits of it stay theirs),
// and nothing written here after reaches the space. Unsharing what is not
// shared does nothing.
func (tx *Tx) Unshare(k Kind, id, space string) error {
	tr, err := tx.load(k, id, false)
	if err != nil {
		return err
	}
	if tr == nil {
		return fmt.Errorf("%s %s: %w", k, id, ErrNotFound)
	}
	prev := tr.rec.dotsOf(fieldSpaces, func(v string) bool { return v == space })
	if len(prev) == 0 {
		return nil
	}
	tx.opAs(tr, Op{Field: fieldSpaces, Code: OpRemove, Prev: prev}, tx.s.SpaceDevice(space))
	return nil
}

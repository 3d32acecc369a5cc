package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"learnwork/app/importer"
	"learnwork/store"
)

// strangerWords say why a card of a stored person's name was added as a
// new person (newPersonByDefault).
const strangerWords = "another organisation, email and source: added as a new person"

// newPersonByDefault tells a card that only shares a name with a person:
// both name an organisation and differ there, both have emails and share
// none, and the card's source UIDs are not the person's. It is someone
// else, not a duplicate to hold back.
func newPersonByDefault(card, stored *store.Person) bool {
	org, other := store.NormalizeName(card.Org), store.NormalizeName(stored.Org)
	if org == "" || other == "" || org == other || len(card.Emails) == 0 || len(stored.Emails) == 0 {
		return false
	}
	for _, e := range card.Emails {
		if slices.ContainsFunc(stored.Emails, func(f store.Contact) bool { return store.NormalizeEmail(f.Value) == store.NormalizeEmail(e.Value) }) {
			return false
		}
	}
	return !slices.ContainsFunc(card.UIDs, func(u string) bool { return slices.Contains(stored.UIDs, u) })
}

// likeSomeoneElse is newPersonByDefault against the stored person id.
func likeSomeoneElse(tx *store.Tx, card *store.Person, id string) bool {
	e, err := tx.Entity(store.KindPerson, id)
	if err != nil {
		return false
	}
	return newPersonByDefault(card, e.(*store.Person))
}

// HeldBack is a card an import held back because it looks like someone
// stored: it waits, listed, until the person adds it as a new person or
// merges it into someone.
type HeldBack struct {
	ID       string        `json:"id"`
	Batch    string        `json:"batch"` // the import that held it back
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Imported string        `json:"imported"` // RFC 3339
	Reason   string        `json:"reason"`
	Like     store.Summary `json:"like"` // the person it looks like (empty: gone since)
	Card     store.Person  `json:"card"`
}

// heldBackMax bounds the list kept: past it the oldest go (they are still
// in their files).
const heldBackMax = 500

// errNotHeld is a held-back card that is no longer in the list.
var errNotHeld = errors.New("that card is no longer held back (added or merged already?)")

func (st settings) heldBack() []HeldBack {
	var out []HeldBack
	_ = json.Unmarshal([]byte(st.s.Setting(keyHeldBack)), &out)
	return out
}

func (st settings) setHeldBack(hs []HeldBack) error {
	if len(hs) > heldBackMax {
		hs = hs[len(hs)-heldBackMax:]
	}
	return st.setJSON(keyHeldBack, hs)
}

// keepHeldBack lists the cards an import held back. The same card held
// back again (the file imported twice) replaces its earlier entry.
func (sv *Imports) keepHeldBack(rep *importer.Report) error {
	hs := sv.settings().heldBack()
	added := false
	for _, r := range rep.Records {
		if r.Action != importer.Duplicate || r.Card == nil {
			continue
		}
		h := HeldBack{ID: store.NewID(), Batch: rep.Batch, File: rep.File, Line: r.Line, Imported: sv.now().UTC().Format(time.RFC3339),
			Reason: r.Reason, Like: store.Summary{ID: r.MatchID}, Card: *r.Card}
		h.Card.ID = ""
		hs = slices.DeleteFunc(hs, func(o HeldBack) bool { return sameCard(&o.Card, &h.Card) })
		hs = append(hs, h)
		added = true
	}
	if !added {
		return nil
	}
	return sv.settings().setHeldBack(hs)
}

// sameCard: the same name, emails and source UIDs.
func sameCard(a, b *store.Person) bool {
	key := func(p *store.Person) string {
		parts := []string{store.NormalizeName(p.Name)}
		for _, e := range p.Emails {
			parts = append(parts, store.NormalizeEmail(e.Value))
		}
		return strings.Join(append(parts, p.UIDs...), "\x00")
	}
	return key(a) == key(b)
}

// forgetHeldBack takes a card added some other way off the list.
func (sv *Imports) forgetHeldBack(card *store.Person) error {
	hs := sv.settings().heldBack()
	n := len(hs)
	if hs = slices.DeleteFunc(hs, func(h HeldBack) bool { return sameCard(&h.Card, card) }); len(hs) == n {
		return nil
	}
	return sv.settings().setHeldBack(hs)
}

// HeldBack lists the cards imports held back, newest first, each with the
// person it looks like.
func (sv *Imports) HeldBack() ([]HeldBack, error) {
	hs := sv.settings().heldBack()
	slices.Reverse(hs)
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		for i := range hs {
			if s, err := r.Summary(store.KindPerson, hs[i].Like.ID); err == nil && r.Live(store.KindPerson, hs[i].Like.ID) {
				hs[i].Like = s
			} else {
				hs[i].Like = store.Summary{}
			}
		}
		return nil
	})
	if hs == nil {
		hs = []HeldBack{}
	}
	return hs, err
}

// AddHeldBackAsNew adds a held-back card as a new person and takes it off
// the list; it returns the person's ID.
func (sv *Imports) AddHeldBackAsNew(id string) (string, error) {
	return sv.settleHeldBack(id, "")
}

// MergeHeldBack merges a held-back card into a person (as an import
// would: empty fields filled, emails and phones added, nothing removed)
// and takes it off the list.
func (sv *Imports) MergeHeldBack(id, into string) (string, error) {
	if into == "" {
		return "", errors.New("say whom to merge the card into")
	}
	return sv.settleHeldBack(id, into)
}

// DismissHeldBack takes a held-back card off the list without adding it.
func (sv *Imports) DismissHeldBack(id string) error {
	hs := sv.settings().heldBack()
	n := len(hs)
	hs = slices.DeleteFunc(hs, func(h HeldBack) bool { return h.ID == id })
	if len(hs) == n {
		return errNotHeld
	}
	return sv.settings().setHeldBack(hs)
}

func (sv *Imports) settleHeldBack(id, into string) (string, error) {
	hs := sv.settings().heldBack()
	i := slices.IndexFunc(hs, func(h HeldBack) bool { return h.ID == id })
	if i < 0 {
		return "", errNotHeld
	}
	card := hs[i].Card
	card.Kind, card.ID = store.KindPerson, into
	var pid string
	// In the batch of the import that held it back: its values came from
	// that file (Origins says so), and undoing the import takes them back.
	err := sv.store.UpdateBatch(sv.ctx, hs[i].Batch, func(tx *store.Tx) (err error) {
		pid, err = tx.Merge(&card)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("%s: %w", card.Name, friendly(err))
	}
	return pid, sv.settings().setHeldBack(slices.Delete(hs, i, i+1))
}

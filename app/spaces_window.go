package app

import (
	"cmp"
	"fmt"
	"io"
	"os"

	"learnwork/store"
	"learnwork/sync/space"
)

// What the window needs about sharing beyond the Spaces service's own
// calls: the badges of every list at once, an item's Share control, and
// invitations as files.

// ItemSharing is what an item's Share control shows: whether its kind can
// be shared at all, the spaces it is in, and which of its kind's fields
// never leave this person's devices even when it is shared.
type ItemSharing struct {
	Shareable bool         `json:"shareable"`
	Spaces    []SpaceBadge `json:"spaces"`
	Private   []string     `json:"private"` // the store's field names
}

// Sharing is an item's sharing, for the control on its page.
func (sv *Spaces) Sharing(id string) (ItemSharing, error) {
	out := ItemSharing{Spaces: []SpaceBadge{}, Private: []string{}}
	var k store.Kind
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		e, err := r.Lookup(id)
		if err != nil {
			return err
		}
		k = e.Base().Kind
		return nil
	})
	if err != nil {
		return out, friendly(err)
	}
	out.Shareable = store.Shareable(k)
	if !out.Shareable {
		return out, nil
	}
	if out.Private, err = sv.PrivateFields(string(k)); err != nil {
		return out, err
	}
	out.Spaces, err = sv.SharedIn(id)
	return out, err
}

// Badges are the spaces of every shared item, by the item's ID: one call
// gives every list its badges. Empty when this device is in no space.
func (sv *Spaces) Badges() (map[string][]SpaceBadge, error) {
	out := map[string][]SpaceBadge{}
	spaces := sv.eng.List()
	if len(spaces) == 0 {
		return out, nil
	}
	names := map[string]string{}
	for _, sp := range spaces {
		names[sp.ID] = sp.Name
	}
	err := sv.eachShared(func(r *store.Reader, rec *store.Record, in []string) {
		for _, s := range in {
			out[rec.ID] = append(out[rec.ID], SpaceBadge{ID: s, Name: cmp.Or(names[s], "a space you are not in")})
		}
	})
	return out, err
}

// eachShared calls fn with every live item shared in at least one space.
func (sv *Spaces) eachShared(fn func(r *store.Reader, rec *store.Record, in []string)) error {
	return sv.store.View(sv.ctx, func(r *store.Reader) error {
		for _, k := range store.Kinds {
			if !store.Shareable(k) {
				continue
			}
			if err := r.Each(k, func(rec *store.Record) bool {
				if in := rec.Spaces(); len(in) > 0 {
					fn(r, rec, in)
				}
				return true
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

// SaveInvitation writes an invitation's file text where the person chose
// to save it, to send to a colleague; only an invitation is written.
func (sv *Spaces) SaveInvitation(path, text string) error {
	if _, err := space.ParseInvitation(text); err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		return fmt.Errorf("save the invitation: %w", err)
	}
	return nil
}

// JoinFile joins with an invitation file a colleague sent.
func (sv *Spaces) JoinFile(path, creds string) (SpaceView, error) {
	f, err := os.Open(path)
	if err != nil {
		return SpaceView{}, fmt.Errorf("open the invitation: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 64<<10)) // an invitation is a few hundred bytes
	if err != nil {
		return SpaceView{}, fmt.Errorf("read the invitation: %w", err)
	}
	return sv.Join(string(b), creds)
}

package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"learnwork/app/importer"
	"learnwork/store"
)

// UnnamedAccount is an account an export names only by its number (X
// follows): nobody here has it among their profiles, so it waits in a
// list until the person names it (a new person with that profile), links
// it to someone, or drops it. The list is kept on this computer, like
// held-back cards: it is a to-do from a file read here, not part of the
// network; what comes of it (a person, a profile) syncs as usual.
type UnnamedAccount struct {
	Key      string        `json:"key"`     // the profile's match key: what names, links and drops it
	Service  string        `json:"service"` // as people call it: X
	URL      string        `json:"url"`     // where it opens, to see who it is
	Profile  store.Contact `json:"profile"` // what the person it becomes gets
	Batch    string        `json:"batch"`   // the import that listed it
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Imported string        `json:"imported"` // RFC 3339
}

// errNotUnnamed is an account no longer in the list.
var errNotUnnamed = errors.New("that account is no longer waiting for a name (named or dropped already?)")

func (st settings) unnamed() []UnnamedAccount {
	var out []UnnamedAccount
	_ = json.Unmarshal([]byte(st.s.Setting(keyUnnamed)), &out)
	return out
}

func (st settings) setUnnamed(as []UnnamedAccount) error { return st.setJSON(keyUnnamed, as) }

// dropped are the profile keys of the accounts the person dropped: an
// import of the same archive lists them no more.
func (st settings) dropped() map[string]bool { return st.stringSet(keyDropped) }

func (st settings) drop(key string) error {
	set := st.dropped()
	if set[key] {
		return nil
	}
	keys := slices.Sorted(maps.Keys(set))
	return st.setJSON(keyDropped, append(keys, key))
}

// unnamedKey is the match key of an unnamed account's profile.
func unnamedKey(p *store.Person) (string, store.Contact) {
	if p == nil || len(p.Profiles) == 0 {
		return "", store.Contact{}
	}
	keys := p.ProfileKeys()
	if len(keys) == 0 {
		return "", store.Contact{}
	}
	return keys[0], p.Profiles[0]
}

// droppedAccount turns the record of an account the person dropped
// before into a skipped one, so it is not listed again.
func droppedAccount(rec *importer.Record, dropped map[string]bool) {
	if rec.Action != importer.Unnamed {
		return
	}
	if k, _ := unnamedKey(rec.Card); k != "" && dropped[k] {
		rec.Action, rec.Card = importer.Skipped, nil
		rec.Reason = "you dropped this account from the ones to name"
	}
}

// keepUnnamed lists the accounts an import could not name, each once.
func (sv *Imports) keepUnnamed(rep *importer.Report) error {
	if rep.Unnamed == 0 {
		return nil
	}
	as := sv.settings().unnamed()
	listed := map[string]bool{}
	for _, a := range as {
		listed[a.Key] = true
	}
	now := sv.now().UTC().Format(time.RFC3339)
	for _, r := range rep.Records {
		if r.Action != importer.Unnamed {
			continue
		}
		k, profile := unnamedKey(r.Card)
		if k == "" || listed[k] {
			continue
		}
		listed[k] = true
		service := serviceName(store.ProfileService(k))
		as = append(as, UnnamedAccount{Key: k, Service: service, URL: r.Name, Profile: profile, Batch: rep.Batch, File: rep.File, Line: r.Line, Imported: now})
	}
	return sv.settings().setUnnamed(as)
}

// UnnamedAccounts lists the accounts waiting for a name, in the order
// their files listed them. One that someone here has among their profiles
// since (added by hand) is taken off the list.
func (sv *Imports) UnnamedAccounts() ([]UnnamedAccount, error) {
	as := sv.settings().unnamed()
	n := len(as)
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		var err error
		as = slices.DeleteFunc(as, func(a UnnamedAccount) bool {
			refs, ferr := r.Find(store.IndexProfile, a.Key)
			if ferr != nil {
				err = ferr
			}
			return slices.ContainsFunc(refs, func(ref store.Ref) bool { return r.Live(ref.Kind, ref.ID) })
		})
		return err
	})
	if err != nil {
		return nil, friendly(err)
	}
	if len(as) != n {
		if err := sv.settings().setUnnamed(as); err != nil {
			return nil, err
		}
	}
	if as == nil {
		as = []UnnamedAccount{}
	}
	return as, nil
}

// NameAccount makes an unnamed account a new person called name, with the
// account among their profiles; it returns the person's ID.
func (sv *Imports) NameAccount(key, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", errors.New("type the name of the person behind this account")
	}
	return sv.settleAccount(key, func(tx *store.Tx) (string, error) {
		p := &store.Person{Name: name}
		p.Kind = store.KindPerson
		return tx.Merge(p)
	})
}

// LinkAccount adds an unnamed account to the profiles of a person here.
func (sv *Imports) LinkAccount(key, person string) (string, error) {
	if person == "" {
		return "", errors.New("say whose account it is")
	}
	return sv.settleAccount(key, func(tx *store.Tx) (string, error) {
		rec, err := tx.Record(store.KindPerson, person)
		if err != nil {
			return "", err
		}
		if rec.Trashed() {
			return "", fmt.Errorf("%s is in Trash: restore them first", rec.Scalar("name"))
		}
		return person, nil
	})
}

// DropAccount takes an account off the list for good: importing the same
// archive again does not bring it back.
func (sv *Imports) DropAccount(key string) error {
	as := sv.settings().unnamed()
	i := slices.IndexFunc(as, func(a UnnamedAccount) bool { return a.Key == key })
	if i < 0 {
		return errNotUnnamed
	}
	if err := sv.settings().drop(key); err != nil {
		return err
	}
	return sv.settings().setUnnamed(slices.Delete(as, i, i+1))
}

// settleAccount gives an account to the person who picks (a new or a
// stored one) and takes it off the list. The person is the user's doing;
// the profile is written in the batch of the import that listed it, so it
// says it came from that file and goes with its undo.
func (sv *Imports) settleAccount(key string, who func(tx *store.Tx) (string, error)) (string, error) {
	as := sv.settings().unnamed()
	i := slices.IndexFunc(as, func(a UnnamedAccount) bool { return a.Key == key })
	if i < 0 {
		return "", errNotUnnamed
	}
	a := as[i]
	var id string
	err := sv.store.Update(sv.ctx, func(tx *store.Tx) (err error) {
		id, err = who(tx)
		return err
	})
	if err == nil {
		err = sv.store.UpdateBatch(sv.ctx, a.Batch, func(tx *store.Tx) error {
			p := &store.Person{Profiles: []store.Contact{a.Profile}}
			p.Kind, p.ID = store.KindPerson, id
			_, err := tx.Merge(p)
			return err
		})
	}
	if err != nil {
		return "", friendly(err)
	}
	return id, sv.settings().setUnnamed(slices.Delete(as, i, i+1))
}

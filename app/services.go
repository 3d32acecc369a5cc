// Package app holds the application services the window and the CLI share:
// one method per user action, over the store. It is the only package that
// talks to Wails, and only through the Window interface (window.go).
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"learnwork/app/nurture"
	"learnwork/store"
)

// Services are the user actions. Methods take no context so the window can
// call them; they use the one the services were made with.
type Services struct {
	store  *store.Store
	ctx    context.Context
	window Window
	now    func() time.Time
	events eventCache // compiled series for the agenda (events.go)
	// calendarFor expands community schedules over a read snapshot.
	calendarFor func(r *store.Reader) nurture.Calendar
	views       viewCache
}

// Option configures the services.
type Option func(*Services)

// WithNow injects the time (tests).
func WithNow(now func() time.Time) Option { return func(sv *Services) { sv.now = now } }

// WithCalendar sets how community schedules are expanded into sessions.
func WithCalendar(f func(r *store.Reader) nurture.Calendar) Option {
	return func(sv *Services) { sv.calendarFor = f }
}

// WithWindow sends events to a window.
func WithWindow(w Window) Option { return func(sv *Services) { sv.window = w } }

// New makes the services over an open store. The context bounds every
// call (the window cancels it at shutdown).
func New(ctx context.Context, s *store.Store, opts ...Option) *Services {
	sv := &Services{store: s, ctx: ctx, window: noWindow{}, now: time.Now}
	for _, o := range opts {
		o(sv)
	}
	if sv.calendarFor == nil {
		sv.calendarFor = func(r *store.Reader) nurture.Calendar { return newStoreCalendar(r, sv.now().Location()) }
	}
	sv.watchEvents()
	s.OnCommit(func(store.Commit) { sv.views.invalidate() })
	return sv
}

// Overview is what the window shows first: where the data is and how much.
type Overview struct {
	DataDir string         `json:"dataDir"`
	Device  string         `json:"device"`
	Counts  map[string]int `json:"counts"`
}

// Overview counts what is stored.
func (sv *Services) Overview() (Overview, error) {
	o := Overview{DataDir: sv.store.Dir(), Device: sv.store.Device().String(), Counts: map[string]int{}}
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		for _, k := range store.Kinds {
			o.Counts[string(k)] = r.Count(k)
		}
		return nil
	})
	return o, err
}

// ListQuery selects a page of a list.
type ListQuery struct {
	Offset  int    `json:"offset"`
	Limit   int    `json:"limit"`
	Newest  bool   `json:"newest"` // dated kinds newest first
	From    string `json:"from"`
	To      string `json:"to"`
	Trash   bool   `json:"trash"`
	Query   string `json:"query"` // words to search for instead of paging
	TopicID string `json:"topicId"`
}

// Page is one page of a list and the list's length.
type Page struct {
	Total int             `json:"total"`
	Items []store.Summary `json:"items"`
}

// List pages through entities of a kind in display order.
func (sv *Services) List(kind string, q ListQuery) (Page, error) {
	k, ok := store.ParseKind(kind)
	if !ok {
		return Page{}, fmt.Errorf("unknown kind %q (one of people, sources, communities, events, interactions, learnings, goals, topics)", kind)
	}
	var p Page
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		if strings.TrimSpace(q.Query) != "" {
			hits, err := r.Search(q.Query, max(q.Limit, 200), k)
			if err != nil {
				return err
			}
			p.Total = len(hits)
			for _, h := range hits {
				p.Items = append(p.Items, h.Summary)
			}
			return nil
		}
		if q.TopicID != "" {
			refs, err := r.Find("topic", q.TopicID)
			if err != nil {
				return err
			}
			for _, ref := range refs {
				if ref.Kind != k {
					continue
				}
				if s, err := r.Summary(ref.Kind, ref.ID); err == nil {
					p.Items = append(p.Items, s)
				}
			}
			p.Total = len(p.Items)
			return nil
		}
		items, err := r.List(k, store.ListOptions{Offset: q.Offset, Limit: q.Limit, Reverse: q.Newest, From: q.From, To: q.To, Trash: q.Trash})
		p.Items = items
		p.Total = r.Count(k)
		return err
	})
	if p.Items == nil {
		p.Items = []store.Summary{}
	}
	return p, err
}

// Search finds anything by the start of its words, best first.
func (sv *Services) Search(query string, limit int) ([]store.Hit, error) {
	var hits []store.Hit
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		var err error
		hits, err = r.Search(query, limit)
		return err
	})
	return hits, err
}

// Show returns any entity's view by ID.
func (sv *Services) Show(id string) (any, error) { return sv.lookup(id) }

func (sv *Services) lookup(id string) (store.Entity, error) {
	var e store.Entity
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		var err error
		e, err = r.Lookup(id)
		return err
	})
	return e, err
}

func get[T store.Entity](sv *Services, k store.Kind, id string) (T, error) {
	var out T
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		e, err := r.Entity(k, id)
		if err != nil {
			return err
		}
		out = e.(T)
		return nil
	})
	return out, err
}

func (sv *Services) save(e store.Entity) (string, error) {
	var id string
	err := sv.store.Update(sv.ctx, func(tx *store.Tx) error {
		var err error
		id, err = tx.Put(e)
		return err
	})
	return id, friendly(err)
}

// friendly turns store errors into words for people.
func friendly(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("%w (it may have been deleted)", err)
	}
	return err
}

// The typed getters and savers the window binds to. Save with an empty ID
// creates; otherwise only the fields that changed are written.

func (sv *Services) GetPerson(id string) (*store.Person, error) {
	return get[*store.Person](sv, store.KindPerson, id)
}
func (sv *Services) SavePerson(p store.Person) (string, error) {
	p.Kind = store.KindPerson
	if strings.TrimSpace(p.Name) == "" && strings.TrimSpace(p.Given+p.Family) == "" {
		return "", errors.New("a person needs a name")
	}
	return sv.save(&p)
}
func (sv *Services) GetSource(id string) (*store.Source, error) {
	return get[*store.Source](sv, store.KindSource, id)
}
func (sv *Services) SaveSource(s store.Source) (string, error) {
	s.Kind = store.KindSource
	if strings.TrimSpace(s.Name) == "" {
		return "", errors.New("a source needs a name")
	}
	return sv.save(&s)
}
func (sv *Services) GetCommunity(id string) (*store.Community, error) {
	return get[*store.Community](sv, store.KindCommunity, id)
}
func (sv *Services) SaveCommunity(c store.Community) (string, error) {
	c.Kind = store.KindCommunity
	if strings.TrimSpace(c.Name) == "" {
		return "", errors.New("a community needs a name")
	}
	return sv.save(&c)
}
func (sv *Services) GetEvent(id string) (*store.Event, error) {
	return get[*store.Event](sv, store.KindEvent, id)
}
func (sv *Services) SaveEvent(e store.Event) (string, error) {
	e.Kind = store.KindEvent
	if strings.TrimSpace(e.Title) == "" {
		return "", errors.New("an event needs a title")
	}
	return sv.save(&e)
}
func (sv *Services) GetInteraction(id string) (*store.Interaction, error) {
	return get[*store.Interaction](sv, store.KindInteraction, id)
}
func (sv *Services) SaveInteraction(i store.Interaction) (string, error) {
	i.Kind = store.KindInteraction
	if i.Date == "" {
		i.Date = sv.now().Format("2006-01-02")
	}
	return sv.save(&i)
}
func (sv *Services) GetLearning(id string) (*store.Learning, error) {
	return get[*store.Learning](sv, store.KindLearning, id)
}
func (sv *Services) SaveLearning(l store.Learning) (string, error) {
	l.Kind = store.KindLearning
	if strings.TrimSpace(l.What) == "" {
		return "", errors.New("say what you learned")
	}
	if l.Date == "" {
		l.Date = sv.now().Format("2006-01-02")
	}
	return sv.save(&l)
}
func (sv *Services) GetGoal(id string) (*store.Goal, error) {
	return get[*store.Goal](sv, store.KindGoal, id)
}
func (sv *Services) SaveGoal(g store.Goal) (string, error) {
	g.Kind = store.KindGoal
	if strings.TrimSpace(g.Title) == "" {
		return "", errors.New("a goal needs a title")
	}
	return sv.save(&g)
}
func (sv *Services) GetTopic(id string) (*store.Topic, error) {
	return get[*store.Topic](sv, store.KindTopic, id)
}

// Delete moves an entity to Trash.
func (sv *Services) Delete(id string) error {
	e, err := sv.lookup(id)
	if err != nil {
		return friendly(err)
	}
	return sv.store.Update(sv.ctx, func(tx *store.Tx) error { return tx.Delete(kindOf(e), id) })
}

// Undelete brings an entity back from Trash.
func (sv *Services) Undelete(id string) error {
	e, err := sv.lookup(id)
	if err != nil {
		return friendly(err)
	}
	return sv.store.Update(sv.ctx, func(tx *store.Tx) error { return tx.Restore(kindOf(e), id) })
}

func kindOf(e store.Entity) store.Kind { return e.Base().Kind }

// FieldEdit is one change to one field, as the CLI's field=value,
// field+=value, field-=value give it.
type FieldEdit struct {
	Field string `json:"field"`
	Op    string `json:"op"` // set (or add, for lists), add, remove
	Value string `json:"value"`
}

// Add creates an entity of a kind from field edits and returns its ID.
func (sv *Services) Add(kind string, edits []FieldEdit) (string, error) {
	k, ok := store.ParseKind(kind)
	if !ok {
		return "", fmt.Errorf("unknown kind %q (one of person, source, community, event, interaction, learning, goal, topic)", kind)
	}
	if len(edits) == 0 {
		return "", fmt.Errorf("give at least one field=value (fields of %s: %s)", k, strings.Join(store.Fields(k), ", "))
	}
	var id string
	err := sv.store.Update(sv.ctx, func(tx *store.Tx) error {
		if k == store.KindTopic {
			for _, e := range edits {
				if e.Field == "name" {
					var err error
					id, err = tx.EnsureTopic(e.Value)
					return err
				}
			}
			return errors.New("a topic needs name=")
		}
		var err error
		if id, err = tx.Create(k); err != nil {
			return err
		}
		if k == store.KindInteraction || k == store.KindLearning {
			if err := tx.Set(k, id, "date", sv.now().Format("2006-01-02")); err != nil {
				return err
			}
		}
		return applyEdits(tx, k, id, edits)
	})
	return id, err
}

// Edit changes fields of an existing entity.
func (sv *Services) Edit(id string, edits []FieldEdit) error {
	e, err := sv.lookup(id)
	if err != nil {
		return friendly(err)
	}
	return sv.store.Update(sv.ctx, func(tx *store.Tx) error { return applyEdits(tx, kindOf(e), id, edits) })
}

func applyEdits(tx *store.Tx, k store.Kind, id string, edits []FieldEdit) error {
	for _, e := range edits {
		var err error
		switch e.Op {
		case "add":
			err = tx.Add(k, id, e.Field, e.Value)
		case "remove":
			err = tx.Remove(k, id, e.Field, e.Value)
		case "set", "":
			if e.Value == "" {
				err = tx.Clear(k, id, e.Field)
			} else if err = tx.Set(k, id, e.Field, e.Value); errors.Is(err, store.ErrInvalid) && strings.Contains(err.Error(), "is a list") {
				err = tx.Add(k, id, e.Field, e.Value)
			}
		default:
			err = fmt.Errorf("unknown edit %q", e.Op)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Resolve settles a conflicted field on the value a person picked.
func (sv *Services) Resolve(id, field, value string) error {
	e, err := sv.lookup(id)
	if err != nil {
		return friendly(err)
	}
	return sv.store.Update(sv.ctx, func(tx *store.Tx) error { return tx.Resolve(kindOf(e), id, field, value) })
}

// ConflictItem is an entity with fields in conflict.
type ConflictItem struct {
	store.Summary
	Fields []store.Conflict `json:"fields"`
}

// Conflicts lists everything with concurrent values waiting for a choice.
func (sv *Services) Conflicts() ([]ConflictItem, error) {
	out := []ConflictItem{}
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		refs, err := r.Conflicted()
		if err != nil {
			return err
		}
		for _, ref := range refs {
			e, err := r.Entity(ref.Kind, ref.ID)
			if err != nil {
				continue
			}
			s, _ := r.Summary(ref.Kind, ref.ID)
			out = append(out, ConflictItem{Summary: s, Fields: e.Base().Conflicts})
		}
		return nil
	})
	return out, err
}

// Backup writes a JSON backup of everything to path.
func (sv *Services) Backup(path string) (int, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".learnwork-backup-*")
	if err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	n, err := sv.store.Backup(sv.ctx, f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path) // a half-written backup never replaces a good one
	}
	if err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	}
	return n, nil
}

// RestoreBackup merges a JSON backup into this store.
func (sv *Services) RestoreBackup(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("restore from %s: %w", path, err)
	}
	defer f.Close()
	n, err := sv.store.Restore(sv.ctx, f, func(done, total int) { sv.window.Progress("restore", "restore", done, total) })
	if err != nil {
		return n, fmt.Errorf("%s: %w", path, err)
	}
	return n, nil
}

package app

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"learnwork/app/importer"
	"learnwork/store"
)

// Entities is the entities area: add, edit, delete and restore anything,
// list, search and show it, typed get and save for the window's forms,
// conflicts, backup and restore, and the views over many entities (People
// filters, timeline, activity, coverage, graph, Trash: entities_views.go).
type Entities struct {
	core
	views viewCache
}

// Overview is what the window shows first: where the data is and how much.
type Overview struct {
	DataDir string         `json:"dataDir"`
	Device  string         `json:"device"`
	Counts  map[string]int `json:"counts"`
	// Interrupted imports, each to undo or finish (a notice's words in Message).
	Interrupted []InterruptedImport `json:"interrupted,omitempty"`
	// ReadOnly says why edits are refused (the disk was full at start).
	ReadOnly string `json:"readOnly,omitempty"`
}

// Overview counts what is stored.
func (sv *Entities) Overview() (Overview, error) {
	o := Overview{DataDir: sv.store.Dir(), Device: sv.store.Device().String(), Counts: map[string]int{}}
	if err := sv.store.ReadOnly(); err != nil {
		o.ReadOnly = err.Error()
	}
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		for _, k := range store.Kinds {
			o.Counts[string(k)] = r.Count(k)
		}
		return nil
	})
	if err == nil {
		o.Interrupted, err = sv.interrupted()
	}
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
func (sv *Entities) List(kind string, q ListQuery) (Page, error) {
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
			refs, err := r.Find(store.IndexTopic, q.TopicID)
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
func (sv *Entities) Search(query string, limit int) ([]store.Hit, error) {
	var hits []store.Hit
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		var err error
		hits, err = r.Search(query, limit)
		return err
	})
	return hits, err
}

// Show returns any entity's view by ID.
func (sv *Entities) Show(id string) (any, error) { return sv.lookup(id) }

func get[T store.Entity](sv *Entities, k store.Kind, id string) (T, error) {
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

func (sv core) save(e store.Entity) (string, error) { return sv.saveWith(e, nil) }

// NewPerson is a name typed into a form that matches no one: the person is
// added in the same commit as the record whose field names them, so a save
// never half happens and never loses the name.
type NewPerson struct {
	Field string `json:"field"` // the record's field that names the person: people, members, author…
	Name  string `json:"name"`
}

// errNotPeopleField refuses a new person for a field that names no people.
var errNotPeopleField = errors.New("names no people")

// saveWith saves a record and adds the new people it names, all in one
// store transaction. The same name twice is one person.
func (sv core) saveWith(e store.Entity, news []NewPerson) (string, error) {
	k := kindOf(e)
	for _, n := range news {
		if ref := store.RefersTo(k, n.Field); ref != store.KindPerson && ref != "any" {
			return "", fmt.Errorf("a new person in %s: %s %w", n.Field, k, errNotPeopleField)
		}
	}
	var id string
	err := sv.store.Update(sv.ctx, func(tx *store.Tx) error {
		var err error
		if id, err = tx.Put(e); err != nil {
			return err
		}
		made := map[string]string{}
		for _, n := range news {
			name := strings.Join(strings.Fields(n.Name), " ")
			if name == "" {
				continue
			}
			pid, ok := made[store.NormalizeName(name)]
			if !ok {
				if pid, err = tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: name}); err != nil {
					return fmt.Errorf("add %s: %w", name, err)
				}
				made[store.NormalizeName(name)] = pid
			}
			if err := applyEdits(tx, k, id, []FieldEdit{{Field: n.Field, Op: "set", Value: pid}}); err != nil {
				return err
			}
		}
		return nil
	})
	return id, friendly(err)
}

// The typed getters and savers the window binds to. Save with an empty ID
// creates; otherwise only the fields that changed are written.

func (sv *Entities) GetPerson(id string) (*store.Person, error) {
	return get[*store.Person](sv, store.KindPerson, id)
}
func (sv *Entities) SavePerson(p store.Person) (string, error) {
	p.Kind = store.KindPerson
	if strings.TrimSpace(p.Name) == "" && strings.TrimSpace(p.Given+p.Family) == "" {
		return "", errors.New("a person needs a name")
	}
	return sv.save(&p)
}
func (sv *Entities) GetSource(id string) (*store.Source, error) {
	return get[*store.Source](sv, store.KindSource, id)
}
func (sv *Entities) SaveSource(s store.Source) (string, error) { return sv.SaveSourceWith(s, nil) }

// SaveSourceWith saves a source and adds the new people it names (its
// author) in the same commit.
func (sv *Entities) SaveSourceWith(s store.Source, news []NewPerson) (string, error) {
	s.Kind = store.KindSource
	if strings.TrimSpace(s.Name) == "" {
		return "", errors.New("a source needs a name")
	}
	return sv.saveWith(&s, news)
}
func (sv *Entities) GetCommunity(id string) (*store.Community, error) {
	return get[*store.Community](sv, store.KindCommunity, id)
}
func (sv *Entities) SaveCommunity(c store.Community) (string, error) {
	return sv.SaveCommunityWith(c, nil)
}

// SaveCommunityWith saves a community and adds the new people it names
// (members) in the same commit.
func (sv *Entities) SaveCommunityWith(c store.Community, news []NewPerson) (string, error) {
	c.Kind = store.KindCommunity
	if strings.TrimSpace(c.Name) == "" {
		return "", errors.New("a community needs a name")
	}
	var err error
	if c.Since, err = memberSince(c.Since); err != nil {
		return "", err
	}
	return sv.saveWith(&c, news)
}
func (sv *Entities) GetEvent(id string) (*store.Event, error) {
	return get[*store.Event](sv, store.KindEvent, id)
}
func (sv *Entities) SaveEvent(e store.Event) (string, error) {
	e.Kind = store.KindEvent
	if strings.TrimSpace(e.Title) == "" {
		return "", errors.New("an event needs a title")
	}
	return sv.save(&e)
}
func (sv *Entities) GetInteraction(id string) (*store.Interaction, error) {
	return get[*store.Interaction](sv, store.KindInteraction, id)
}
func (sv *Entities) SaveInteraction(i store.Interaction) (string, error) {
	return sv.saveInteraction(i, nil)
}

// SaveInteractionWith saves an interaction and adds the new people it
// names (with whom) in the same commit.
func (sv *Entities) SaveInteractionWith(i store.Interaction, news []NewPerson) (string, error) {
	return sv.saveInteraction(i, news)
}

// saveInteraction saves an interaction dated today unless it says a day
// (nurture's quick log uses it too).
func (sv core) saveInteraction(i store.Interaction, news []NewPerson) (string, error) {
	i.Kind = store.KindInteraction
	if i.Date == "" {
		i.Date = sv.now().Format("2006-01-02")
	}
	return sv.saveWith(&i, news)
}
func (sv *Entities) GetLearning(id string) (*store.Learning, error) {
	return get[*store.Learning](sv, store.KindLearning, id)
}
func (sv *Entities) SaveLearning(l store.Learning) (string, error) {
	return sv.SaveLearningWith(l, nil)
}

// SaveLearningWith saves a learning and adds the new people it names
// (learned from, shared with) in the same commit.
func (sv *Entities) SaveLearningWith(l store.Learning, news []NewPerson) (string, error) {
	l.Kind = store.KindLearning
	if strings.TrimSpace(l.What) == "" {
		return "", errors.New("say what you learned")
	}
	if l.Date == "" {
		l.Date = sv.now().Format("2006-01-02")
	}
	return sv.saveWith(&l, news)
}
func (sv *Entities) GetGoal(id string) (*store.Goal, error) {
	return get[*store.Goal](sv, store.KindGoal, id)
}
func (sv *Entities) SaveGoal(g store.Goal) (string, error) { return sv.SaveGoalWith(g, nil) }

// SaveGoalWith saves a goal and adds the new people it names in the same
// commit.
func (sv *Entities) SaveGoalWith(g store.Goal, news []NewPerson) (string, error) {
	g.Kind = store.KindGoal
	if strings.TrimSpace(g.Title) == "" {
		return "", errors.New("a goal needs a title")
	}
	return sv.saveWith(&g, news)
}
func (sv *Entities) GetTopic(id string) (*store.Topic, error) {
	return get[*store.Topic](sv, store.KindTopic, id)
}

// Delete moves an entity to Trash.
func (sv *Entities) Delete(id string) error {
	e, err := sv.lookup(id)
	if err != nil {
		return friendly(err)
	}
	return sv.store.Update(sv.ctx, func(tx *store.Tx) error { return tx.Delete(kindOf(e), id) })
}

// Undelete brings an entity back from Trash.
func (sv *Entities) Undelete(id string) error {
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
func (sv *Entities) Add(kind string, edits []FieldEdit) (string, error) {
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
				if e.Field == store.FieldName {
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
			if err := tx.Set(k, id, store.FieldDate, sv.now().Format("2006-01-02")); err != nil {
				return err
			}
		}
		return applyEdits(tx, k, id, edits)
	})
	return id, err
}

// Edit changes fields of an existing entity.
func (sv *Entities) Edit(id string, edits []FieldEdit) error {
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
			} else if err = tx.Set(k, id, e.Field, e.Value); errors.Is(err, store.ErrIsList) {
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
func (sv *Entities) Resolve(id, field, value string) error {
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
func (sv *Entities) Conflicts() ([]ConflictItem, error) {
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
func (sv *Entities) Backup(path string) (int, error) {
	n, err := exportFile(sv.core, backupExporter{}, path, importer.ExportOptions{})
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	return n, nil
}

// RestoreBackup merges a JSON backup into this store.
func (sv *Entities) RestoreBackup(path string) (int, error) {
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

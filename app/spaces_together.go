package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"learnwork/store"
	"learnwork/sync/space"
)

// Together is what a space's page shows about learning together.
type Together struct {
	Learned    []TeamLearning `json:"learned"`    // shared learnings of the last 7 days, newest first
	Sources    []TeamSource   `json:"sources"`    // the sources the team's learnings come from, most used first
	SoleTopics []TeamTopic    `json:"soleTopics"` // topics only one member shares anything about
	Sessions   []TeamSession  `json:"sessions"`   // the next session of each shared community
}

// TeamLearning is a shared learning and who wrote it.
type TeamLearning struct {
	ID   string `json:"id"`
	What string `json:"what"`
	Date string `json:"date"`
	By   string `json:"by"`
}

// TeamSource is a shared source and how much the team learns from it.
type TeamSource struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Learnings int      `json:"learnings"`
	Members   []string `json:"members"`
}

// TeamTopic is a topic one member covers alone.
type TeamTopic struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Member string `json:"member"`
}

// TeamSession is a shared community's next session and who plans to go.
type TeamSession struct {
	CommunityID string   `json:"communityId"`
	Community   string   `json:"community"`
	Date        string   `json:"date"` // YYYY-MM-DD
	Going       []string `json:"going"`
}

// author names the member whose space device wrote a dot ("you" for
// this device).
func (sv *Spaces) authors(sp space.Space) func(store.DeviceID) string {
	names := map[store.DeviceID]string{}
	for _, m := range sp.Members {
		names[m.Device(sp.ID)] = m.Name
	}
	mine := sv.store.SpaceDevice(sp.ID)
	return func(d store.DeviceID) string {
		if d == mine || d == sv.store.Device() {
			return "you"
		}
		return cmp.Or(names[d], "a former member")
	}
}

// writer is the device that wrote a field's shown value.
func writer(rec *store.Record, field string) store.DeviceID {
	f := rec.Fields[field]
	if f == nil || len(f.Vals) == 0 {
		return 0
	}
	return slices.MaxFunc(f.Vals, func(a, b store.Val) int { return cmp.Compare(a.HLC, b.HLC) }).Dot.Device
}

// Together is a space's learning-together views as of now.
func (sv *Spaces) Together(ref string) (Together, error) {
	sp, err := sv.find(ref)
	if err != nil {
		return Together{}, err
	}
	return sv.together(sp, sv.now())
}

func (sv *Spaces) together(sp space.Space, now time.Time) (Together, error) {
	out := Together{Learned: []TeamLearning{}, Sources: []TeamSource{}, SoleTopics: []TeamTopic{}, Sessions: []TeamSession{}}
	by := sv.authors(sp)
	weekAgo := now.AddDate(0, 0, -7).Format(time.DateOnly)
	sources := map[string]*TeamSource{}
	sharers := map[string]map[string]bool{} // topic → who shared something about it
	var communities []*store.Community
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		for _, k := range store.Kinds {
			if !store.Shareable(k) || k == store.KindTopic {
				continue
			}
			err := r.Each(k, func(rec *store.Record) bool {
				if rec.Trashed() || !slices.Contains(rec.Spaces(), sp.ID) {
					return true
				}
				sharer := by(writer(rec, "spaces"))
				for _, t := range rec.Elements("topics") {
					if sharers[t] == nil {
						sharers[t] = map[string]bool{}
					}
					sharers[t][sharer] = true
				}
				switch v := r.View(rec).(type) {
				case *store.Learning:
					who := by(writer(rec, "what"))
					if v.Date >= weekAgo {
						out.Learned = append(out.Learned, TeamLearning{ID: v.ID, What: v.What, Date: v.Date, By: who})
					}
					for _, from := range v.From {
						if s := sources[from]; s != nil || r.Live(store.KindSource, from) {
							if s == nil {
								s = &TeamSource{ID: from}
								sources[from] = s
							}
							s.Learnings++
							if !slices.Contains(s.Members, who) {
								s.Members = append(s.Members, who)
							}
						}
					}
				case *store.Source:
					if sources[v.ID] == nil {
						sources[v.ID] = &TeamSource{ID: v.ID}
					}
					sources[v.ID].Name = v.Name
				case *store.Community:
					communities = append(communities, v)
				}
				return true
			})
			if err != nil {
				return err
			}
		}
		for _, s := range sources {
			if s.Name == "" {
				if e, err := r.Entity(store.KindSource, s.ID); err == nil {
					s.Name = e.(*store.Source).Name
				}
			}
			s.Members = append([]string{}, s.Members...)
			out.Sources = append(out.Sources, *s)
		}
		if len(sp.Members) > 1 {
			for t, who := range sharers {
				if len(who) == 1 {
					for m := range who {
						out.SoleTopics = append(out.SoleTopics, TeamTopic{ID: t, Name: r.TopicName(t), Member: m})
					}
				}
			}
		}
		cal := sv.schedules(r)
		for _, c := range communities {
			if c.Schedule == "" {
				continue
			}
			next, err := cal.Sessions(c.Schedule, now, now.AddDate(0, 0, 60))
			if err != nil || len(next) == 0 {
				continue
			}
			day := next[0].Format(time.DateOnly)
			s := TeamSession{CommunityID: c.ID, Community: c.Name, Date: day, Going: []string{}}
			for _, g := range c.Going {
				if d, who, ok := strings.Cut(g, " "); ok && d == day {
					s.Going = append(s.Going, who)
				}
			}
			out.Sessions = append(out.Sessions, s)
		}
		return nil
	})
	slices.SortFunc(out.Learned, func(a, b TeamLearning) int { return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.What, b.What)) })
	slices.SortFunc(out.Sources, func(a, b TeamSource) int {
		return cmp.Or(cmp.Compare(b.Learnings, a.Learnings), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(out.SoleTopics, func(a, b TeamTopic) int { return cmp.Compare(a.Name, b.Name) })
	slices.SortFunc(out.Sessions, func(a, b TeamSession) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Community, b.Community))
	})
	return out, err
}

// TeamDigest is a line or two per space for Today: what the team learned
// this week and its next session.
func (sv *Spaces) TeamDigest() ([]string, error) {
	lines := []string{}
	now := sv.now()
	for _, sp := range sv.eng.List() {
		if sp.Gone {
			continue
		}
		t, err := sv.together(sp, now)
		if err != nil {
			return nil, err
		}
		var who []string
		for _, l := range t.Learned {
			if !slices.Contains(who, l.By) {
				who = append(who, l.By)
			}
		}
		line := sp.Name + ": "
		if len(t.Learned) == 0 {
			line += "nothing new learned this week"
		} else {
			line += fmt.Sprintf("%s this week, from %s", plural(len(t.Learned), "learning", "learnings"), strings.Join(who, ", "))
		}
		if len(t.Sessions) > 0 {
			s := t.Sessions[0]
			d, _ := time.Parse(time.DateOnly, s.Date)
			line += fmt.Sprintf("; next: %s on %s", s.Community, d.Format("Mon 2 Jan"))
			if len(s.Going) > 0 {
				line += fmt.Sprintf(" (%s going)", strings.Join(s.Going, ", "))
			}
		}
		lines = append(lines, line)
	}
	return lines, nil
}

package app

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"learnwork/app/nurture"
)

// Reminders turn what is due into desktop notifications while the app
// runs: the daily digest at the chosen hour (or at the first check after
// it, when the app was closed then) and a nudge shortly before a community
// session. Nothing is scheduled ahead: each check computes from the store,
// so nothing is lost while the app is closed.
type Reminders struct {
	sv   *Nurture
	n    Notifier
	sent map[string]bool // session nudges sent, by community and start
}

// SessionLead is how long before a session its nudge comes.
const SessionLead = 15 * time.Minute

// digestLines is how many lines of the digest a notification carries.
const digestLines = 6

// NewReminders sends what sv computes through n.
func NewReminders(sv *Nurture, n Notifier) *Reminders {
	return &Reminders{sv: sv, n: n, sent: map[string]bool{}}
}

// Run checks now and then every interval until ctx ends. Failures to
// notify are logged once per kind and never stop the loop.
func (r *Reminders) Run(ctx context.Context, every time.Duration) {
	last := ""
	check := func() {
		if err := r.Check(); err != nil && err.Error() != last {
			last = err.Error()
			log.Printf("learnwork: reminders: %v", err)
		}
	}
	check()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			check()
		}
	}
}

// Check sends what is owed as of the services' clock.
func (r *Reminders) Check() error {
	set, err := r.sv.NurtureSettings()
	if err != nil || !set.Reminders {
		return err
	}
	now := r.sv.now()
	d, err := r.sv.Digest()
	if err != nil {
		return err
	}
	for _, s := range d.Upcoming {
		key := s.CommunityID + "@" + s.Start.Format(time.RFC3339)
		if left := s.Start.Sub(now); left > 0 && left <= SessionLead && !r.sent[key] {
			body := "See you there."
			if s.Streak > 1 {
				body = fmt.Sprintf("You have been %d times in a row.", s.Streak)
			} else if s.MissedInRow > 0 {
				body = "You were missed last time."
			}
			if err := r.n.Notify(fmt.Sprintf("%s starts at %s", s.Community, s.Start.In(now.Location()).Format("15:04")), body); err != nil {
				return err // not marked sent: the next check tries again
			}
			r.sent[key] = true
		}
	}
	today := nurture.Today(now).String()
	if now.Hour() < set.Hour || r.sv.settings().notified() == today {
		return nil
	}
	if worthSaying(d, now) {
		lines := d.Lines[:min(len(d.Lines), digestLines)]
		if err := r.n.Notify("Learnwork: "+d.Headline, strings.Join(lines, "\n")); err != nil {
			return err // not marked sent: the next check tries again
		}
	}
	return r.sv.settings().setNotified(today)
}

// worthSaying: a digest interrupts only for something to do; the weekly
// prompt alone comes on Fridays.
func worthSaying(d nurture.Digest, now time.Time) bool {
	if d.Red+d.Amber > 0 || len(d.ToMark) > 0 {
		return true
	}
	for _, s := range d.Upcoming {
		if s.Date == d.Date {
			return true
		}
	}
	return d.Prompt.Show && now.Weekday() == time.Friday
}

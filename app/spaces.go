package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"learnwork/app/nurture"
	"learnwork/store"
	devsync "learnwork/sync"
	"learnwork/sync/identity"
	"learnwork/sync/space"
	"learnwork/sync/trust"
)

// Spaces are team spaces for the window and the CLI: create, invite,
// join, share, and what the team learns together, over sync/space.
type Spaces struct {
	core
	eng       *space.Engine
	self      *identity.Identity
	sched     *devsync.Schedule
	schedules func(r *store.Reader) nurture.Calendar
}

// Spaces sync 5 s after local edits settle, every minute, and soon after
// a member publishes (the engine's live subscription kicks the schedule).
const (
	SpacesDebounce = 5 * time.Second
	SpacesEvery    = time.Minute
)

func newSpaces(c core, id *identity.Identity, tl *trust.List, schedules func(r *store.Reader) nurture.Calendar) *Spaces {
	sv := &Spaces{core: c, self: id, sched: devsync.NewSchedule(SpacesDebounce, SpacesEvery), schedules: schedules}
	sv.eng = space.NewEngine(c.store, id, c.store.Dir(), tl.Name, c.now)
	// A kick while the window's loop is not running waits in the
	// schedule, harmless: the CLI never runs it.
	sv.eng.OnNews = func(string) { sv.sched.Kick("") }
	return sv
}

func (sv *Spaces) close() { sv.eng.Close() }

// RunSpaces syncs every space on the schedule until ctx ends (the window).
func RunSpaces(ctx context.Context, sv *Spaces) {
	sv.sched.Run(ctx, sv.store, func(ctx context.Context, target string) {
		for _, sp := range sv.eng.List() {
			if !sp.Gone {
				_, _ = sv.eng.Sync(ctx, sp.ID) // the status says what went wrong
			}
		}
		sv.window.Emit("spaces:status", sv.statuses())
	})
}

// SpaceView is a space as the Spaces screen shows it.
type SpaceView struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	Server  string       `json:"server"`
	Members []MemberView `json:"members"`
	Status  SpaceStatus  `json:"status"`
	Shared  int          `json:"shared"` // items shared in it
}

// MemberView is one member device.
type MemberView struct {
	ID     string `json:"id"` // the device's ID, short
	Name   string `json:"name"`
	Joined string `json:"joined"` // YYYY-MM-DD
	You    bool   `json:"you,omitempty"`
}

// SpaceStatus is a space's connection in words: "connected · up to date ·
// last exchange 2 minutes ago".
type SpaceStatus struct {
	space.Status
	Words string `json:"words"`
}

// SpaceInvitation is an invitation as a code to paste and a file's text.
type SpaceInvitation struct {
	Code string `json:"code"`
	File string `json:"file"`
}

// SpaceBadge names a space an item is shared in.
type SpaceBadge struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (sv *Spaces) statuses() []SpaceStatus {
	var out []SpaceStatus
	for _, st := range sv.eng.Status() {
		st.Server = shownServer(st.Server)
		out = append(out, SpaceStatus{Status: st, Words: statusWords(st, sv.now())})
	}
	return out
}

// statusWords says a space's state for a person.
func statusWords(st space.Status, now time.Time) string {
	var parts []string
	switch {
	case st.Gone:
		return "you are no longer a member of this space"
	case st.Connected:
		parts = append(parts, "connected")
	default:
		parts = append(parts, "not connected")
	}
	switch {
	case st.Behind > 0 && st.Unsent > 0:
		parts = append(parts, fmt.Sprintf("%s to fetch, %s to send", plural(int(st.Behind), "update", "updates"), plural(int(st.Unsent), "change", "changes")))
	case st.Behind > 0:
		parts = append(parts, fmt.Sprintf("behind by %s", plural(int(st.Behind), "update", "updates")))
	case st.Unsent > 0:
		parts = append(parts, fmt.Sprintf("%s waiting to be sent", plural(int(st.Unsent), "change", "changes")))
	case !st.Connected:
		parts = append(parts, "nothing waiting to be sent") // what the others wrote is not known until it connects
	default:
		parts = append(parts, "up to date")
	}
	if !st.LastExchange.IsZero() {
		parts = append(parts, "last exchange "+agoWords(now.Sub(st.LastExchange), now, st.LastExchange))
	} else {
		parts = append(parts, "no exchange yet")
	}
	return strings.Join(parts, " · ")
}

func agoWords(d time.Duration, now, then time.Time) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute", "minutes") + " ago"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour", "hours") + " ago"
	}
	return nurture.Ago(int(now.Sub(then).Hours() / 24))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// shownServer is a server address without its token or password, as
// the window and the CLI show it.
func shownServer(addr string) string {
	var out []string
	for _, a := range strings.Split(addr, ",") {
		if u, err := url.Parse(strings.TrimSpace(a)); err == nil && u.User != nil {
			u.User = nil
			a = u.String()
		}
		out = append(out, a)
	}
	return strings.Join(out, ",")
}

func (sv *Spaces) view(sp space.Space) SpaceView {
	v := SpaceView{ID: sp.ID, Name: sp.Name, Server: shownServer(sp.Server), Members: []MemberView{}}
	for _, m := range sp.Members {
		v.Members = append(v.Members, MemberView{ID: identity.Short(m.ID()), Name: m.Name,
			Joined: time.Unix(m.Joined, 0).UTC().Format(time.DateOnly), You: string(m.Pub) == string(sv.self.Public())})
	}
	for _, st := range sv.statuses() {
		if st.ID == sp.ID {
			v.Status = st
		}
	}
	refs, _ := sv.sharedRefs(sp.ID)
	v.Shared = len(refs)
	return v
}

// List is every space this device is in, by name.
func (sv *Spaces) List() ([]SpaceView, error) {
	out := []SpaceView{}
	for _, sp := range sv.eng.List() {
		out = append(out, sv.view(sp))
	}
	return out, nil
}

// find resolves a space by ID or name (any case).
func (sv *Spaces) find(ref string) (space.Space, error) {
	ref = strings.TrimSpace(ref)
	for _, sp := range sv.eng.List() {
		if sp.ID == ref || strings.EqualFold(sp.Name, ref) {
			return sp, nil
		}
	}
	return space.Space{}, fmt.Errorf("no team space called %q here; `learnwork space status` lists them", ref)
}

// Create makes a space on a NATS server (nats://host:port; tls:// for
// TLS; creds a credentials file, "" for none).
func (sv *Spaces) Create(name, server, creds string) (SpaceView, error) {
	if server == "" {
		server = "nats://127.0.0.1:4222"
	}
	sp, err := sv.eng.Create(sv.ctx, name, server, creds)
	if err != nil {
		return SpaceView{}, err
	}
	return sv.view(sp), nil
}

// Invite makes a one-time invitation to a space.
func (sv *Spaces) Invite(ref string) (SpaceInvitation, error) {
	sp, err := sv.find(ref)
	if err != nil {
		return SpaceInvitation{}, err
	}
	inv, err := sv.eng.Invite(sv.ctx, sp.ID)
	if err != nil {
		return SpaceInvitation{}, err
	}
	return SpaceInvitation{Code: inv.Code(), File: inv.File()}, nil
}

// Join uses an invitation (its code, or the whole file's text); creds is
// a NATS credentials file if the team's server asks for one.
func (sv *Spaces) Join(code, creds string) (SpaceView, error) {
	inv, err := space.ParseInvitation(code)
	if err != nil {
		return SpaceView{}, err
	}
	sp, err := sv.eng.Join(sv.ctx, inv, creds)
	if err != nil {
		return SpaceView{}, err
	}
	return sv.view(sp), nil
}

// Members are a space's member devices.
func (sv *Spaces) Members(ref string) ([]MemberView, error) {
	sp, err := sv.find(ref)
	if err != nil {
		return nil, err
	}
	return sv.view(sp).Members, nil
}

// Remove takes a member device (by name or ID) out of a space; it can
// read nothing shared from then on. It returns who was removed.
func (sv *Spaces) Remove(ref, member string) (MemberView, error) {
	sp, err := sv.find(ref)
	if err != nil {
		return MemberView{}, err
	}
	member = strings.TrimSpace(member)
	v := sv.view(sp)
	var found []int
	for i, m := range sp.Members {
		id := m.ID()
		if strings.EqualFold(m.Name, member) || strings.HasPrefix(id, strings.ToUpper(strings.ReplaceAll(member, "-", ""))) && len(member) >= 5 {
			found = append(found, i)
		}
	}
	switch len(found) {
	case 0:
		return MemberView{}, fmt.Errorf("no member %q in %s", member, sp.Name)
	case 1:
		return v.Members[found[0]], sv.eng.Remove(sv.ctx, sp.ID, sp.Members[found[0]].Pub)
	}
	return MemberView{}, fmt.Errorf("%d members of %s are called %q; say which by the start of its device ID (learnwork space members --json lists them)", len(found), sp.Name, member)
}

// Leave takes this device out of a space: the items it shared stay
// with the members as they are, and stop being the space's here.
func (sv *Spaces) Leave(ref string) error {
	sp, err := sv.find(ref)
	if err != nil {
		return err
	}
	refs, err := sv.sharedRefs(sp.ID)
	if err != nil {
		return err
	}
	if err := sv.eng.Leave(sv.ctx, sp.ID); err != nil {
		return err
	}
	return sv.store.Update(sv.ctx, func(tx *store.Tx) error {
		for _, r := range refs {
			if err := tx.Unshare(r.Kind, r.ID, sp.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// sharedRefs are the live items shared in a space.
func (sv *Spaces) sharedRefs(id string) ([]store.Ref, error) {
	var out []store.Ref
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		for _, k := range store.Kinds {
			if !store.Shareable(k) {
				continue
			}
			if err := r.Each(k, func(rec *store.Record) bool {
				if !rec.Trashed() && slices.Contains(rec.Spaces(), id) {
					out = append(out, store.Ref{Kind: k, ID: rec.ID})
				}
				return true
			}); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// Items are what is shared in a space, as lists show them, by kind and
// title (the space's page).
func (sv *Spaces) Items(ref string) ([]store.Summary, error) {
	sp, err := sv.find(ref)
	if err != nil {
		return nil, err
	}
	refs, err := sv.sharedRefs(sp.ID)
	if err != nil {
		return nil, err
	}
	out := []store.Summary{}
	err = sv.store.View(sv.ctx, func(r *store.Reader) error {
		for _, x := range refs {
			if sum, err := r.Summary(x.Kind, x.ID); err == nil {
				out = append(out, sum)
			}
		}
		return nil
	})
	return out, err
}

// Share shares items (by ID) into a space; returns how many were new
// there. People are shared only this way, never along with something.
func (sv *Spaces) Share(ref string, ids []string) (int, error) {
	sp, err := sv.find(ref)
	if err != nil {
		return 0, err
	}
	return sv.changeSharing(sp, ids, true)
}

// Unshare takes items out of a space: members keep the copies they have,
// and nothing more about them is sent.
func (sv *Spaces) Unshare(ref string, ids []string) (int, error) {
	sp, err := sv.find(ref)
	if err != nil {
		return 0, err
	}
	return sv.changeSharing(sp, ids, false)
}

func (sv *Spaces) changeSharing(sp space.Space, ids []string, share bool) (int, error) {
	n := 0
	err := sv.store.Update(sv.ctx, func(tx *store.Tx) error {
		for _, id := range ids {
			e, err := tx.Lookup(strings.TrimSpace(id))
			if err != nil {
				return friendly(fmt.Errorf("%s: %w", id, err))
			}
			m := e.Base()
			rec, err := tx.Record(m.Kind, m.ID)
			if err != nil {
				return err
			}
			was := slices.Contains(rec.Spaces(), sp.ID)
			if share {
				err = tx.Share(m.Kind, m.ID, sp.ID)
			} else {
				err = tx.Unshare(m.Kind, m.ID, sp.ID)
			}
			if errors.Is(err, store.ErrSharedElsewhere) {
				sum, _ := tx.Summary(m.Kind, m.ID)
				return fmt.Errorf("%q is shared in another space already; unshare it there first", sum.Title)
			}
			if err != nil {
				return err
			}
			if was != share {
				n++
			}
		}
		return nil
	})
	if err == nil && n > 0 {
		sv.sched.Kick(sp.ID)
	}
	return n, err
}

// ShareTopic shares a topic and every community, source, event,
// learning and goal about it (people stay unshared).
func (sv *Spaces) ShareTopic(ref, topic string) (int, error) {
	sp, err := sv.find(ref)
	if err != nil {
		return 0, err
	}
	tid := topic
	if !strings.HasPrefix(tid, "topic-") {
		tid = store.TopicID(topic)
	}
	var ids []string
	err = sv.store.View(sv.ctx, func(r *store.Reader) error {
		if !r.Live(store.KindTopic, tid) {
			return fmt.Errorf("no topic %q", topic)
		}
		ids = append(ids, tid)
		refs, err := r.Find("topic", tid)
		for _, x := range refs {
			if x.Kind != store.KindPerson && store.Shareable(x.Kind) && r.Live(x.Kind, x.ID) {
				ids = append(ids, x.ID)
			}
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	return sv.changeSharing(sp, ids, true)
}

// SharedIn names the spaces an item is shared in, for its badge.
func (sv *Spaces) SharedIn(id string) ([]SpaceBadge, error) {
	out := []SpaceBadge{}
	err := sv.store.View(sv.ctx, func(r *store.Reader) error {
		e, err := r.Lookup(id)
		if err != nil {
			return err
		}
		rec, err := r.Record(e.Base().Kind, id)
		if err != nil {
			return err
		}
		names := map[string]string{}
		for _, sp := range sv.eng.List() {
			names[sp.ID] = sp.Name
		}
		for _, s := range rec.Spaces() {
			out = append(out, SpaceBadge{ID: s, Name: cmp.Or(names[s], "a space you are not in")})
		}
		return nil
	})
	return out, friendly(err)
}

// Sync syncs one space now and returns it.
func (sv *Spaces) Sync(ref string) (SpaceView, error) {
	sp, err := sv.find(ref)
	if err != nil {
		return SpaceView{}, err
	}
	sp, err = sv.eng.Sync(sv.ctx, sp.ID)
	if err != nil {
		return sv.view(sp), err
	}
	return sv.view(sp), nil
}

// Status is every space's state, without a round trip.
func (sv *Spaces) Status() ([]SpaceStatus, error) {
	return append([]SpaceStatus{}, sv.statuses()...), nil
}

// PrivateFields are a kind's fields that never leave this person's
// devices when an item of it is shared, for the window to mark them.
func (sv *Spaces) PrivateFields(kind string) ([]string, error) {
	k, ok := store.ParseKind(kind)
	if !ok {
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	out := []string{}
	if !store.Shareable(k) {
		return store.Fields(k), nil // never shared at all
	}
	for _, f := range store.Fields(k) {
		if store.Private(k, f) {
			out = append(out, f)
		}
	}
	return out, nil
}

// PlanToGo says this device's person plans to go to a shared
// community's session on a day (YYYY-MM-DD); the members see it.
func (sv *Spaces) PlanToGo(community, date string) error {
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return fmt.Errorf("%q is not a date (YYYY-MM-DD)", date)
	}
	name, _ := sv.myName()
	return sv.store.Update(sv.ctx, func(tx *store.Tx) error {
		return tx.Add(store.KindCommunity, community, "going", date+" "+name)
	})
}

func (sv *Spaces) myName() (string, bool) {
	for _, sp := range sv.eng.List() {
		for _, m := range sp.Members {
			if string(m.Pub) == string(sv.self.Public()) {
				return m.Name, true
			}
		}
	}
	return identity.Short(sv.self.ID()), false
}

// Package app is Learnwork's application layer: one service per area of
// the window (entities, imports and exports, calendar, nurture, sync), each
// made once by Open and shared by the window and the CLI. Only desktop.go
// talks to Wails, through the Window interface (window.go).
package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"learnwork/app/fetch"
	"learnwork/app/nurture"
	"learnwork/store"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// App is Learnwork over one data directory: the store, this device's key
// and paired devices, and every service the window binds and the CLI
// calls. Open makes each of them once; Close undoes it.
type App struct {
	Store    *store.Store
	Identity *identity.Identity

	Entities *Entities
	Imports  *Imports
	Calendar *Calendar
	Nurture  *Nurture
	Sync     *Sync
	Feeds    *Feeds
	Spaces   *Spaces

	ctx    context.Context // bounds every service call; Close cancels it
	cancel context.CancelFunc
	unhook []func()
}

// Options steer Open. The zero value is the CLI without a window.
type Options struct {
	// Window hears events and progress (nil: nobody listens).
	Window Window
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Schedules expands community schedules into sessions for nurture
	// (nil: the calendar's, from the store's events).
	Schedules func(r *store.Reader) nurture.Calendar
	// Store tunes the store (rebuild notice, low memory).
	Store []store.Option
	// Context bounds every service call besides Close (nil: until Close):
	// the CLI's is cancelled by Ctrl+C and SIGTERM.
	Context context.Context
	// Fetch tunes how feeds and calendars are fetched (zero: the defaults).
	Fetch fetch.Options
}

// Open opens the data directory (the device key first, so the store's
// device is the key's device) and every service. The paired devices are
// read when sync first needs them, so a damaged list stops only sync.
func Open(dataDir string, opts Options) (*App, error) {
	s, id, err := OpenStore(dataDir, opts.Store...)
	if err != nil {
		return nil, err
	}
	if err := migrateSettings(s); err != nil {
		s.Close()
		return nil, err
	}
	return wire(s, id, func() (*trust.List, error) { return trust.Load(dataDir, id) }, opts), nil
}

// wire makes every service over an open store, registers each commit
// hook once, and hands the store to the App (Close closes it).
func wire(s *store.Store, id *identity.Identity, loadTrust func() (*trust.List, error), opts Options) *App {
	ctx, cancel := context.WithCancel(cmp.Or[context.Context](opts.Context, context.Background()))
	c := core{store: s, ctx: ctx, window: opts.Window, now: opts.Now}
	if c.window == nil {
		c.window = noWindow{}
	}
	if c.now == nil {
		c.now = time.Now
	}
	a := &App{Store: s, Identity: id, ctx: ctx, cancel: cancel}
	a.Entities = &Entities{core: c}
	a.Calendar = &Calendar{core: c}
	a.Imports = newImports(c)
	a.Nurture = &Nurture{core: c, schedules: opts.Schedules}
	if a.Nurture.schedules == nil {
		a.Nurture.schedules = a.Calendar.schedules
	}
	a.Sync = newSync(c, id, loadTrust)
	a.Feeds = newFeeds(c, opts.Fetch)
	a.Spaces = newSpaces(c, id, a.Sync.deviceName, a.Calendar.schedules)
	a.Nurture.readings = func(now time.Time) ([]nurture.Reading, error) { return a.Feeds.news.Readings(ctx, now) }
	a.Nurture.published = func(since time.Time) (map[string]int, error) { return a.Feeds.news.PublishedByTopic(ctx, since) }
	a.unhook = append(a.unhook, s.OnCommit(func(cm store.Commit) {
		a.Entities.views.invalidate(len(cm.Kinds) == 0 || cm.Kinds[store.KindPerson] > 0)
		a.Calendar.committed(cm)
		c.window.Emit("store:changed", cm)
	}))
	return a
}

// Bound is every service the window binds (app/desktop.go) and the web
// bridge serves, by type name: the names frontend/src/lib/api.ts calls.
func (a *App) Bound() []any {
	return []any{a.Entities, a.Imports, a.Calendar, a.Nurture, a.Sync, a.Feeds, a.Spaces}
}

// Close stops the services, then closes the store.
func (a *App) Close() error {
	a.stop()
	return a.Store.Close()
}

// stop ends what the services run (sync's listener on the network, calls in
// flight, subscription writes) and removes their commit hooks.
func (a *App) stop() {
	a.cancel()
	a.Sync.close()
	a.Spaces.close()
	for _, f := range a.unhook {
		f()
	}
	a.Calendar.wait()
	a.Feeds.wait()
}

// core is what every service shares: the store, the context that bounds
// each call (bound methods take none, so the window can call them), the
// window that hears events, and the clock.
type core struct {
	store  *store.Store
	ctx    context.Context
	window Window
	now    func() time.Time
}

// settings are this device's local settings (settings.go).
func (c core) settings() settings { return settings{c.store} }

// lookup reads any entity by ID.
func (c core) lookup(id string) (store.Entity, error) {
	var e store.Entity
	err := c.store.View(c.ctx, func(r *store.Reader) error {
		var err error
		e, err = r.Lookup(id)
		return err
	})
	return e, err
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

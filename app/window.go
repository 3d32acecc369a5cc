package app

import (
	"sync"
	"time"
)

// Window is what the services need from the desktop window: events and
// native dialogs. The Wails implementation lives in desktop.go; the CLI
// and tests use noWindow or a recording fake.
type Window interface {
	// Emit sends an event named area:what to the frontend.
	Emit(name string, payload any)
	// Progress reports long work, at most every 100 ms.
	Progress(id, kind string, done, total int)
}

// ProgressEvent is the one payload of every progress event.
type ProgressEvent struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
	Error string `json:"error,omitempty"`
}

type noWindow struct{}

func (noWindow) Emit(string, any)                  {}
func (noWindow) Progress(string, string, int, int) {}

// ProgressThrottle sends progress events at most every 100 ms per id, and
// always the last one, so long work does not flood the window.
type ProgressThrottle struct {
	mu   sync.Mutex
	last map[string]time.Time
}

// Send emits kind:progress through emit unless one went out for id less
// than 100 ms ago and the work is not done.
func (t *ProgressThrottle) Send(emit func(name string, payload any), id, kind string, done, total int) {
	t.mu.Lock()
	now := time.Now()
	if done < total && now.Sub(t.last[id]) < 100*time.Millisecond {
		t.mu.Unlock()
		return
	}
	if t.last == nil {
		t.last = map[string]time.Time{}
	}
	t.last[id] = now
	t.mu.Unlock()
	emit(kind+":progress", ProgressEvent{ID: id, Kind: kind, Done: done, Total: total})
}

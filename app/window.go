package app

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

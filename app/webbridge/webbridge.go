// Package webbridge serves the window's frontend and the services it binds
// to a plain browser, as JSON over HTTP on 127.0.0.1, so end-to-end tests
// can drive the real frontend against the real services and store. It is
// for tests and development only; the desktop window uses Wails bindings.
package webbridge

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"time"

	"learnwork/app"
)

// Server answers /api/NAME/METHOD calls on the bound values, streams
// events on /api/events, and serves the built frontend for everything else.
type Server struct {
	bound  map[string]reflect.Value
	assets fs.FS

	mu       sync.Mutex
	clients  map[chan []byte]bool
	progress app.ProgressThrottle
}

// New makes a bridge over the built frontend (the dist folder) and the
// values the window binds, by the names the bindings use ("Entities").
func New(assets fs.FS, bound map[string]any) *Server {
	s := &Server{bound: map[string]reflect.Value{}, assets: assets, clients: map[chan []byte]bool{}}
	for name, v := range bound {
		s.bound[name] = reflect.ValueOf(v)
	}
	s.bound["Window"] = reflect.ValueOf(Window{s})
	return s
}

// Window stands in for what the window itself does to the page: files
// dropped on it ("import:dropped" with their paths, as app.RunDesktop
// emits it from the drop).
type Window struct{ s *Server }

// DropFiles is files dropped on the window.
func (w Window) DropFiles(paths []string) { w.s.Emit("import:dropped", paths) }

// Bind adds a value after New (the services need the bridge as their
// window before they exist).
func (s *Server) Bind(name string, v any) { s.bound[name] = reflect.ValueOf(v) }

// BindAll adds values by their type's name, as Wails names their bindings:
// pass what the window binds (app.App.Bound) to serve the same calls.
func (s *Server) BindAll(values ...any) {
	for _, v := range values {
		s.Bind(reflect.Indirect(reflect.ValueOf(v)).Type().Name(), v)
	}
}

// Emit sends an event to every connected page, as the window's runtime does.
func (s *Server) Emit(name string, payload any) {
	b, err := json.Marshal(map[string]any{"name": name, "payload": payload})
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		select {
		case c <- b:
		default: // a slow page misses an event rather than stalling the services
		}
	}
}

// Progress emits kind:progress as the window does.
func (s *Server) Progress(id, kind string, done, total int) {
	s.progress.Send(s.Emit, id, kind, done, total)
}

// Listen serves on a free port of 127.0.0.1 and returns the base URL and a
// function that stops the server.
func (s *Server) Listen() (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("web bridge: %w", err)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/api/events":
		s.events(w, r)
	case strings.HasPrefix(r.URL.Path, "/api/"):
		s.call(w, r)
	default:
		s.static(w, r)
	}
}

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// call runs one bound method with the JSON array of arguments in the body
// and writes its result as JSON, or its error as plain text with status 500
// (the page shows the text, as the window shows a rejected promise).
func (s *Server) call(w http.ResponseWriter, r *http.Request) {
	name, method, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/api/"), "/")
	v, ok := s.bound[name]
	if !ok || r.Method != http.MethodPost {
		http.Error(w, "no such call "+r.URL.Path, http.StatusNotFound)
		return
	}
	m := v.MethodByName(method)
	if !m.IsValid() {
		http.Error(w, fmt.Sprintf("%s has no method %s", name, method), http.StatusNotFound)
		return
	}
	var raw []json.RawMessage
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
	if err == nil && len(body) > 0 {
		err = json.Unmarshal(body, &raw)
	}
	t := m.Type()
	if err == nil && len(raw) != t.NumIn() {
		err = fmt.Errorf("%s.%s takes %d arguments, got %d", name, method, t.NumIn(), len(raw))
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	args := make([]reflect.Value, len(raw))
	for i, a := range raw {
		p := reflect.New(t.In(i))
		if err := json.Unmarshal(a, p.Interface()); err != nil {
			http.Error(w, fmt.Sprintf("%s.%s argument %d: %v", name, method, i+1, err), http.StatusBadRequest)
			return
		}
		args[i] = p.Elem()
	}
	out := m.Call(args)
	if n := len(out); n > 0 && t.Out(n-1) == errorType {
		if e, _ := out[n-1].Interface().(error); e != nil {
			http.Error(w, e.Error(), http.StatusInternalServerError)
			return
		}
		out = out[:n-1]
	}
	w.Header().Set("Content-Type", "application/json")
	if len(out) == 0 {
		w.Write([]byte("null"))
		return
	}
	if err := json.NewEncoder(w).Encode(out[0].Interface()); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// events streams events to one page as server-sent events.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan []byte, 64)
	s.mu.Lock()
	s.clients[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case b := <-c:
			fmt.Fprintf(w, "data: %s\n\n", b)
			flusher.Flush()
		}
	}
}

// static serves the built frontend; unknown paths get index.html.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	if p == "" {
		p = "index.html"
	}
	if _, err := fs.Stat(s.assets, p); errors.Is(err, fs.ErrNotExist) {
		p = "index.html"
	}
	http.ServeFileFS(w, r, s.assets, p)
}

// Dialogs stands in for the window's native file dialogs: each call takes
// the next answer a test queued with Answer (or "" when none is queued, as
// when a person cancels).
type Dialogs struct {
	mu      sync.Mutex
	answers [][]string
}

// Answer queues the paths the next dialog returns.
func (d *Dialogs) Answer(paths []string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.answers = append(d.answers, paths)
}

func (d *Dialogs) next() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.answers) == 0 {
		return nil
	}
	a := d.answers[0]
	d.answers = d.answers[1:]
	return a
}

func (d *Dialogs) one() string {
	if a := d.next(); len(a) > 0 {
		return a[0]
	}
	return ""
}

// The methods of app.Desktop, answered from the queue.

func (d *Dialogs) ChooseFile(title, patterns string) (string, error) { return d.one(), nil }
func (d *Dialogs) ChooseFiles(title, patterns string) ([]string, error) {
	a := d.next()
	if a == nil {
		a = []string{}
	}
	return a, nil
}
func (d *Dialogs) ChooseSaveFile(title, name string) (string, error) { return d.one(), nil }
func (d *Dialogs) ChooseDirectory(title string) (string, error)      { return d.one(), nil }

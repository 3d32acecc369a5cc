package app

import (
	"context"
	"fmt"
	"io/fs"
	stdsync "sync"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"learnwork/store"
	"learnwork/sync/trust"
)

// Desktop is the window's own side: native dialogs and menus. Only it and
// wailsWindow call the Wails runtime, and only with the context Wails gave
// OnStartup.
type Desktop struct {
	sv      *Services
	ctx     context.Context
	started chan struct{}
}

// RunWindow opens the store in dataDir and shows the window until it closes.
func RunWindow(dataDir string, assets fs.FS) error {
	s, id, err := OpenStore(dataDir)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := trust.Load(dataDir, id)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	win := &wailsWindow{last: map[string]time.Time{}}
	sv := New(ctx, s, WithWindow(win))
	sy := NewSync(ctx, s, list, win)
	d := &Desktop{sv: sv, started: make(chan struct{})}
	s.OnCommit(func(c store.Commit) { win.Emit("store:changed", c) })
	return wails.Run(&options.App{
		Title:            "Learnwork",
		Width:            1280,
		Height:           800,
		MinWidth:         900,
		MinHeight:        600,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 246, G: 245, B: 242, A: 255},
		Menu:             d.menu(),
		DragAndDrop:      &options.DragAndDrop{EnableFileDrop: true},
		Linux:            &linux.Options{ProgramName: "learnwork", WebviewGpuPolicy: linux.WebviewGpuPolicyNever},
		OnStartup: func(wctx context.Context) {
			d.ctx = wctx
			win.setContext(wctx)
			runtime.OnFileDrop(wctx, func(x, y int, paths []string) {
				win.Emit("import:dropped", paths)
			})
			close(d.started)
			go sy.RunFolderSync(ctx)
			openToday := func() {
				runtime.WindowShow(wctx)
				win.Emit("menu:navigate", "today")
			}
			go NewReminders(sv, NewDesktopNotifier(openToday)).Run(ctx, time.Minute)
		},
		OnShutdown: func(context.Context) { cancel() },
		Bind:       []any{sv, d, sy},
	})
}

func (d *Desktop) menu() *menu.Menu {
	m := menu.NewMenu()
	nav := func(screen string) func(*menu.CallbackData) {
		return func(*menu.CallbackData) { d.emit("menu:navigate", screen) }
	}
	file := m.AddSubmenu("File")
	file.AddText("New Person…", keys.CmdOrCtrl("n"), func(*menu.CallbackData) { d.emit("menu:new", "person") })
	file.AddText("Import…", keys.CmdOrCtrl("i"), nav("import"))
	file.AddSeparator()
	file.AddText("Back Up…", nil, func(*menu.CallbackData) { d.emit("menu:backup", nil) })
	file.AddSeparator()
	file.AddText("Quit", keys.CmdOrCtrl("q"), func(*menu.CallbackData) { d.wait(); runtime.Quit(d.ctx) })
	m.Append(menu.EditMenu())
	view := m.AddSubmenu("View")
	view.AddText("Search…", keys.CmdOrCtrl("k"), func(*menu.CallbackData) { d.emit("menu:search", nil) })
	for i, s := range []struct{ label, screen string }{
		{"Today", "today"}, {"People", "people"}, {"Communities", "communities"}, {"Sources", "sources"},
		{"Events", "events"}, {"Log", "log"}, {"Topics", "topics"},
	} {
		view.AddText(s.label, keys.CmdOrCtrl(fmt.Sprint(i+1)), nav(s.screen))
	}
	view.AddSeparator()
	view.AddText("Toggle Dark Mode", keys.Combo("d", keys.CmdOrCtrlKey, keys.ShiftKey), func(*menu.CallbackData) { d.emit("menu:theme", nil) })
	return m
}

func (d *Desktop) wait() { <-d.started }

func (d *Desktop) emit(name string, payload any) {
	d.wait()
	runtime.EventsEmit(d.ctx, name, payload)
}

// ChooseFile shows the native open dialog; "" if cancelled.
func (d *Desktop) ChooseFile(title string, patterns string) (string, error) {
	d.wait()
	opts := runtime.OpenDialogOptions{Title: title}
	if patterns != "" {
		opts.Filters = []runtime.FileFilter{{DisplayName: patterns, Pattern: patterns}}
	}
	return runtime.OpenFileDialog(d.ctx, opts)
}

// ChooseFiles shows the native open dialog for several files.
func (d *Desktop) ChooseFiles(title string, patterns string) ([]string, error) {
	d.wait()
	opts := runtime.OpenDialogOptions{Title: title}
	if patterns != "" {
		opts.Filters = []runtime.FileFilter{{DisplayName: patterns, Pattern: patterns}}
	}
	return runtime.OpenMultipleFilesDialog(d.ctx, opts)
}

// ChooseSaveFile shows the native save dialog; "" if cancelled.
func (d *Desktop) ChooseSaveFile(title, name string) (string, error) {
	d.wait()
	return runtime.SaveFileDialog(d.ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: name})
}

// ChooseDirectory shows the native folder dialog; "" if cancelled.
func (d *Desktop) ChooseDirectory(title string) (string, error) {
	d.wait()
	return runtime.OpenDirectoryDialog(d.ctx, runtime.OpenDialogOptions{Title: title, CanCreateDirectories: true})
}

// wailsWindow sends events through the Wails runtime once it has started.
type wailsWindow struct {
	mu   stdsync.Mutex
	ctx  context.Context
	last map[string]time.Time
}

func (w *wailsWindow) setContext(ctx context.Context) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ctx = ctx
}

func (w *wailsWindow) Emit(name string, payload any) {
	w.mu.Lock()
	ctx := w.ctx
	w.mu.Unlock()
	if ctx != nil {
		runtime.EventsEmit(ctx, name, payload)
	}
}

// Progress emits name-spaced progress at most every 100 ms, and always the end.
func (w *wailsWindow) Progress(id, kind string, done, total int) {
	w.mu.Lock()
	now := time.Now()
	if done < total && now.Sub(w.last[id]) < 100*time.Millisecond {
		w.mu.Unlock()
		return
	}
	w.last[id] = now
	w.mu.Unlock()
	w.Emit(kind+":progress", ProgressEvent{ID: id, Kind: kind, Done: done, Total: total})
}

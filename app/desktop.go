package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
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
)

// Desktop is the window's own side: native dialogs and menus. Only it and
// wailsWindow call the Wails runtime, and only with the context Wails gave
// OnStartup.
type Desktop struct {
	screens []Screen
	ctx     context.Context
	started chan struct{}
}

// RunWindow opens the data directory and shows the window until it
// closes. screens is frontend/src/lib/screens.json, the window's one list
// of screens, which the View menu follows.
func RunWindow(dataDir string, assets fs.FS, screens []byte) error {
	var menuScreens []Screen
	if err := json.Unmarshal(screens, &menuScreens); err != nil {
		return fmt.Errorf("read the list of screens: %w", err)
	}
	win := &wailsWindow{}
	// The window opens once the store is open: say why it may take a while.
	a, err := Open(dataDir, Options{Window: win, Store: []store.Option{store.OnRebuild(func() {
		_ = NewDesktopNotifier(nil, nil).Notify("Learnwork is updating its indexes",
			"Data written by an older version gets faster search. This happens once; the window opens when it is done.")
	})}})
	if err != nil {
		return err
	}
	defer a.Close()
	d := &Desktop{screens: menuScreens, started: make(chan struct{})}
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
			go RunFolderSync(a.ctx, a.Sync)
			go a.Sync.start()           // serves and syncs on the network if the user turned it on
			go RunFeeds(a.ctx, a.Feeds) // feeds and calendars as they fall due
			go RunSpaces(a.ctx, a.Spaces)
			openToday := func() {
				runtime.WindowShow(wctx)
				win.Emit("menu:navigate", "today")
			}
			go NewReminders(a.Nurture, NewDesktopNotifier(wctx, openToday)).Run(a.ctx, time.Minute)
		},
		OnShutdown: func(context.Context) { a.cancel() },
		Bind:       append(a.Bound(), d),
	})
}

// Screen is one entry of frontend/src/lib/screens.json.
type Screen struct{ Screen, Label, Key, Menu string }

// accelerator turns a screen's key ("1", "Shift+S") into Ctrl (or Cmd) and it.
func (s Screen) accelerator() *keys.Accelerator {
	parts := strings.Split(strings.ToLower(s.Key), "+")
	if len(parts) == 2 && parts[0] == "shift" {
		return keys.Combo(parts[1], keys.CmdOrCtrlKey, keys.ShiftKey)
	}
	return keys.CmdOrCtrl(parts[len(parts)-1])
}

func (d *Desktop) menu() *menu.Menu {
	m := menu.NewMenu()
	nav := func(screen string) func(*menu.CallbackData) {
		return func(*menu.CallbackData) { d.emit("menu:navigate", screen) }
	}
	send := func(name string, payload any) func(*menu.CallbackData) {
		return func(*menu.CallbackData) { d.emit(name, payload) }
	}
	file := m.AddSubmenu("File")
	file.AddText("New Person…", keys.CmdOrCtrl("n"), send("menu:new", "person"))
	file.AddText("Log Interaction or Learning…", keys.CmdOrCtrl("l"), send("menu:log", nil))
	file.AddText("Import…", keys.CmdOrCtrl("i"), nav("import"))
	file.AddSeparator()
	file.AddText("Back Up…", nil, send("menu:backup", nil))
	file.AddText("Trash", nil, nav("trash"))
	file.AddSeparator()
	file.AddText("Quit", keys.CmdOrCtrl("q"), func(*menu.CallbackData) { d.wait(); runtime.Quit(d.ctx) })
	// Wails builds no Edit menu on Linux (its roles are macOS only), and a
	// GTK accelerator takes the key before WebKitGTK sees it: each item asks
	// the page to do the edit (frontend/src/lib/edit.ts).
	edit := m.AddSubmenu("Edit")
	for _, e := range []struct {
		label, cmd string
		key        *keys.Accelerator
	}{
		{"Undo", "undo", keys.CmdOrCtrl("z")}, {"Redo", "redo", keys.Combo("z", keys.CmdOrCtrlKey, keys.ShiftKey)}, {},
		{"Cut", "cut", keys.CmdOrCtrl("x")}, {"Copy", "copy", keys.CmdOrCtrl("c")}, {"Paste", "paste", keys.CmdOrCtrl("v")},
		{"Select All", "selectAll", keys.CmdOrCtrl("a")},
	} {
		if e.label == "" {
			edit.AddSeparator()
			continue
		}
		edit.AddText(e.label, e.key, send("menu:edit", e.cmd))
	}
	view := m.AddSubmenu("View")
	view.AddText("Search…", keys.CmdOrCtrl("k"), send("menu:search", nil))
	for _, s := range d.screens {
		if s.Menu == "" {
			view.AddText(s.Label, s.accelerator(), nav(s.Screen))
		}
	}
	view.AddSeparator()
	view.AddText("Toggle Dark Mode", keys.Combo("d", keys.CmdOrCtrlKey, keys.ShiftKey), send("menu:theme", nil))
	view.AddText("Keyboard Shortcuts", keys.Key("f1"), send("menu:help", nil))
	view.AddText("Getting Started", nil, send("menu:guide", nil))
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
	mu       stdsync.Mutex
	ctx      context.Context
	progress ProgressThrottle
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

func (w *wailsWindow) Progress(id, kind string, done, total int) {
	w.progress.Send(w.Emit, id, kind, done, total)
}

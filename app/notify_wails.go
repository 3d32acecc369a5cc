package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	stdsync "sync"
	"sync/atomic"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// ErrNotificationsDenied is the person having turned Learnwork's
// notifications off in the system settings (macOS asks once).
var ErrNotificationsDenied = errors.New("notifications are turned off for Learnwork in the system settings")

// notificationRuntime is the part of Wails' runtime wailsNotifier uses.
type notificationRuntime struct {
	initialize func(context.Context) error
	authorize  func(context.Context) (bool, error)
	send       func(context.Context, runtime.NotificationOptions) error
	onResponse func(context.Context, func(runtime.NotificationResult))
}

var wailsNotifications = notificationRuntime{
	initialize: runtime.InitializeNotifications,
	authorize:  runtime.RequestNotificationAuthorization,
	send:       runtime.SendNotification,
	onResponse: runtime.OnNotificationResponse,
}

// wailsNotifier sends through Wails' runtime, which needs the context
// Wails gave OnStartup: with any other it ends the process (log.Fatal), so
// without one nothing is called.
type wailsNotifier struct {
	wctx   context.Context
	onOpen func()
	rt     notificationRuntime

	mu    stdsync.Mutex
	ready bool // initialized and allowed; under mu
	seq   atomic.Uint64
}

func newWailsNotifier(wctx context.Context, onOpen func(), rt notificationRuntime) *wailsNotifier {
	return &wailsNotifier{wctx: wctx, onOpen: onOpen, rt: rt}
}

// notificationIDPrefix marks Learnwork's notifications, so a click on
// another one (Wails shares the callback) opens nothing.
const notificationIDPrefix = "learnwork-"

func (w *wailsNotifier) Notify(title, body string) error {
	if w.wctx == nil {
		return fmt.Errorf("desktop notifications: %w", ErrNoWindow)
	}
	if err := w.start(); err != nil {
		return fmt.Errorf("desktop notifications: %w", err)
	}
	id := notificationIDPrefix + strconv.FormatUint(w.seq.Add(1), 10)
	if err := w.rt.send(w.wctx, runtime.NotificationOptions{ID: id, Title: title, Body: body}); err != nil {
		return fmt.Errorf("desktop notifications: %w", err)
	}
	return nil
}

// start initializes Wails' notifications once, asks for permission (only
// macOS asks the person; elsewhere it is granted) and listens for clicks.
// A failure is tried again at the next notification.
func (w *wailsNotifier) start() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ready {
		return nil
	}
	if err := w.rt.initialize(w.wctx); err != nil {
		return err
	}
	ok, err := w.rt.authorize(w.wctx)
	if err != nil {
		return err
	}
	if !ok {
		return ErrNotificationsDenied
	}
	w.rt.onResponse(w.wctx, func(r runtime.NotificationResult) {
		if r.Error == nil && strings.HasPrefix(r.Response.ID, notificationIDPrefix) && w.onOpen != nil {
			w.onOpen()
		}
	})
	w.ready = true
	return nil
}

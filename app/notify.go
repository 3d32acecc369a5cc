package app

import (
	"context"
	"errors"
)

// Notifier shows a desktop notification.
type Notifier interface {
	Notify(title, body string) error
}

// ErrNoWindow is a notification asked for where only the window can show
// it, before the window has started.
var ErrNoWindow = errors.New("the window has not started")

// NewDesktopNotifier returns the Notifier that reaches this desktop: the
// freedesktop notification service on Linux, Wails' own notifications
// (Windows toasts, the macOS Notification Center) elsewhere. wctx is the
// context Wails gave OnStartup, nil before the window started; onOpen (may
// be nil) runs when a notification is clicked.
func NewDesktopNotifier(wctx context.Context, onOpen func()) Notifier {
	return newPlatformNotifier(wctx, onOpen)
}

//go:build !linux

package app

import "context"

// Elsewhere Wails' runtime reaches the system's notifications.
func newPlatformNotifier(wctx context.Context, onOpen func()) Notifier {
	return newWailsNotifier(wctx, onOpen, wailsNotifications)
}

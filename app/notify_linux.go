package app

import "context"

// On Linux the session D-Bus reaches every notification daemon, also
// before the window starts (the index rebuild notice).
func newPlatformNotifier(_ context.Context, onOpen func()) Notifier { return newDBusNotifier(onOpen) }

package app

import (
	"context"
	"errors"
	"testing"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// fakeNotifications records what wailsNotifier asks of Wails' runtime.
type fakeNotifications struct {
	inits, asks int
	allow       bool
	sent        []runtime.NotificationOptions
	clicked     func(runtime.NotificationResult)
	ctxs        []context.Context
}

func (f *fakeNotifications) runtime() notificationRuntime {
	return notificationRuntime{
		initialize: func(ctx context.Context) error { f.inits++; f.ctxs = append(f.ctxs, ctx); return nil },
		authorize:  func(ctx context.Context) (bool, error) { f.asks++; f.ctxs = append(f.ctxs, ctx); return f.allow, nil },
		send: func(ctx context.Context, o runtime.NotificationOptions) error {
			f.ctxs = append(f.ctxs, ctx)
			f.sent = append(f.sent, o)
			return nil
		},
		onResponse: func(ctx context.Context, cb func(runtime.NotificationResult)) {
			f.ctxs = append(f.ctxs, ctx)
			f.clicked = cb
		},
	}
}

type wailsCtxKey struct{}

func TestWailsNotifier(t *testing.T) {
	// Before the window started there is no Wails context: nothing may
	// reach Wails, which would end the process.
	f := &fakeNotifications{allow: true}
	if err := newWailsNotifier(nil, nil, f.runtime()).Notify("Learnwork is updating its indexes", "once"); !errors.Is(err, ErrNoWindow) {
		t.Errorf("before the window: %v, want ErrNoWindow", err)
	}
	if f.inits+f.asks+len(f.sent) != 0 {
		t.Fatalf("Wails was called without its context: %+v", f)
	}

	// Denied on macOS: said plainly, and asked again at the next one.
	f.allow = false
	wctx := context.WithValue(context.Background(), wailsCtxKey{}, "wails")
	opened := 0
	n := newWailsNotifier(wctx, func() { opened++ }, f.runtime())
	if err := n.Notify("Learnwork: 1 due", "Ada"); !errors.Is(err, ErrNotificationsDenied) {
		t.Errorf("denied: %v, want ErrNotificationsDenied", err)
	}
	f.allow = true
	for _, title := range []string{"Learnwork: 1 due to reconnect", "#lrnchat starts at 20:00"} {
		if err := n.Notify(title, "Ada Lovelace: last talked 40 days ago"); err != nil {
			t.Fatal(err)
		}
	}
	if f.inits != 2 || f.asks != 2 || len(f.sent) != 2 {
		t.Errorf("initialized %d times, asked %d, sent %d: want 2, 2 (once denied) and 2", f.inits, f.asks, len(f.sent))
	}
	if f.sent[0].Title != "Learnwork: 1 due to reconnect" || f.sent[0].Body != "Ada Lovelace: last talked 40 days ago" || f.sent[0].ID == f.sent[1].ID {
		t.Errorf("sent %+v", f.sent)
	}
	for _, c := range f.ctxs {
		if c != wctx {
			t.Fatalf("Wails called with a context it did not give: %v", c)
		}
	}

	// A click on ours opens Today; on another app's, or a failed one, not.
	f.clicked(runtime.NotificationResult{Response: runtime.NotificationResponse{ID: f.sent[1].ID, ActionIdentifier: "DEFAULT_ACTION"}})
	f.clicked(runtime.NotificationResult{Response: runtime.NotificationResponse{ID: "another-app-1"}})
	f.clicked(runtime.NotificationResult{Error: errors.New("bad payload")})
	if opened != 1 {
		t.Errorf("clicks opened the window %d times, want 1", opened)
	}
}

//go:build linux

package app

import (
	"fmt"
	"io"
	"log"
	stdsync "sync"
	"time"

	"github.com/esiqveland/notify"
	"github.com/godbus/dbus/v5"
)

// desktopNotifier sends through the freedesktop notification service on
// the session D-Bus (GNOME, KDE, XFCE, dunst, mako…). It connects on first
// use and again after a failure, so a notification daemon started after
// Learnwork still gets the next reminder.
type desktopNotifier struct {
	mu     stdsync.Mutex
	conn   *dbus.Conn
	n      notify.Notifier
	onOpen func() // the notification was clicked
}

func newDBusNotifier(onOpen func()) Notifier { return &desktopNotifier{onOpen: onOpen} }

func (d *desktopNotifier) Notify(title, body string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.n == nil {
		conn, err := dbus.ConnectSessionBus()
		if err != nil {
			return fmt.Errorf("desktop notifications: no session bus: %w", err)
		}
		n, err := notify.New(conn, notify.WithLogger(log.New(io.Discard, "", 0)), // failures come back as errors
			notify.WithOnAction(func(s *notify.ActionInvokedSignal) {
				if s.ActionKey == "default" && d.onOpen != nil {
					d.onOpen()
				}
			}))
		if err != nil {
			conn.Close()
			return fmt.Errorf("desktop notifications: %w", err)
		}
		d.conn, d.n = conn, n
	}
	_, err := d.n.SendNotification(notify.Notification{
		AppName:       "Learnwork",
		AppIcon:       "learnwork",
		Summary:       title,
		Body:          body,
		Actions:       []notify.Action{notify.NewDefaultAction("Open Today")},
		ExpireTimeout: 20 * time.Second,
	})
	if err != nil {
		d.n.Close()
		d.conn.Close()
		d.n, d.conn = nil, nil
		return fmt.Errorf("desktop notifications: %w", err)
	}
	return nil
}

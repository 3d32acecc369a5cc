//go:build linux

package app

import (
	"bufio"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// notificationServer is a stand-in for the desktop's notification daemon
// on a private session bus.
type notificationServer struct{ got chan [2]string }

func (s *notificationServer) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	s.got <- [2]string{app + ": " + summary, body + " [" + strings.Join(actions, ",") + "]"}
	return 7, nil
}

// The desktop notifier talks to a real D-Bus session bus the way the
// freedesktop notification service expects.
func TestDesktopNotifierOnASessionBus(t *testing.T) {
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Skip("dbus-daemon is not installed")
	}
	cmd := exec.Command(daemon, "--session", "--nofork", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", strings.TrimSpace(addr))

	opened := make(chan bool, 1)
	n := newDBusNotifier(func() { opened <- true })
	if err := n.Notify("Learnwork: 1 due", "Ada"); err == nil || !strings.Contains(err.Error(), "desktop notifications") {
		t.Errorf("with no notification service: %v", err)
	}

	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	srv := &notificationServer{got: make(chan [2]string, 1)}
	if err := conn.Export(srv, "/org/freedesktop/Notifications", "org.freedesktop.Notifications"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName("org.freedesktop.Notifications", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own the notification name: %v %v", reply, err)
	}
	// A daemon started after Learnwork still gets the next one.
	if err := n.Notify("Learnwork: 1 due to reconnect", "Ada Lovelace: last talked 40 days ago, cadence 30"); err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-srv.got:
		want := [2]string{"Learnwork: Learnwork: 1 due to reconnect", "Ada Lovelace: last talked 40 days ago, cadence 30 [default,Open Today]"}
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no notification arrived")
	}
	// Clicking it opens Today.
	if err := conn.Emit("/org/freedesktop/Notifications", "org.freedesktop.Notifications.ActionInvoked", uint32(7), "default"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-opened:
	case <-time.After(5 * time.Second):
		t.Error("a click did not open the window")
	}
}

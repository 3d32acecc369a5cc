package direct

import (
	"context"
	"net"
	"testing"
	"time"

	"learnwork/sync/identity"
)

func TestAdvertiseAndFind(t *testing.T) {
	id := identity.New().ID()
	stop, err := Advertise(id, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 47123})
	if err != nil {
		t.Skipf("no multicast here: %v", err)
	}
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	addr, err := Find(ctx, Is(id), 2*time.Second)
	if err != nil || addr == "" {
		t.Skipf("multicast does not loop back here (%q, %v)", addr, err)
	}
	if addr != "127.0.0.1:47123" {
		t.Errorf("found %s, want 127.0.0.1:47123", addr)
	}
	// Another device's ID is not found.
	if other, _ := Find(ctx, Is(identity.New().ID()), 500*time.Millisecond); other != "" {
		t.Errorf("found %s for a device that is not there", other)
	}
	if byCode, _ := Find(ctx, HasPrefix(Code{Prefix: id[:prefixLen]}), time.Second); byCode != addr {
		t.Errorf("found %q by the code's prefix, want %s", byCode, addr)
	}
}

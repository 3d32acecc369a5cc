package direct

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/mdns"
)

// mdnsService is the DNS-SD service paired devices announce on the LAN.
// An announcement carries only the device ID, which is public: finding a
// device grants nothing, the TLS handshake still pins it.
const mdnsService = "_learnwork._tcp"

var quiet = log.New(io.Discard, "", 0)

// Advertise announces the device with this ID, listening at addr, on the
// local network until stop is called.
func Advertise(id string, addr *net.TCPAddr) (stop func(), err error) {
	ips := []net.IP{addr.IP}
	if addr.IP.IsUnspecified() {
		if ips = localIPs(); len(ips) == 0 {
			ips = []net.IP{net.IPv4(127, 0, 0, 1)}
		}
	}
	port := addr.Port
	host := "learnwork-" + strings.ToLower(id[:min(len(id), 12)]) + ".local."
	svc, err := mdns.NewMDNSService(id, mdnsService, "", host, port, ips, []string{"id=" + id})
	if err != nil {
		return nil, fmt.Errorf("announce on the LAN: %w", err)
	}
	srv, err := mdns.NewServer(&mdns.Config{Zone: svc, Logger: quiet})
	if err != nil {
		return nil, fmt.Errorf("announce on the LAN: %w", err)
	}
	return func() { srv.Shutdown() }, nil
}

// Find looks on the local network for the device whose ID matches (the
// whole ID, or the start of it a pairing code gives) and returns its
// address, or "" if none answered within timeout.
func Find(ctx context.Context, match func(id string) bool, timeout time.Duration) (string, error) {
	// The library keeps filling an entry after it has sent it, so the
	// entries are read only once the query is over.
	entries := make(chan *mdns.ServiceEntry, 64)
	err := mdns.QueryContext(ctx, &mdns.QueryParam{Service: mdnsService, Domain: "local", Timeout: timeout, Entries: entries, Logger: quiet})
	close(entries)
	for e := range entries {
		id := txtID(e.InfoFields)
		if id == "" || !match(id) || e.Port == 0 {
			continue
		}
		ip := e.AddrV4
		if ip == nil && e.AddrV6IPAddr != nil {
			ip = e.AddrV6IPAddr.IP
		}
		if ip != nil {
			return net.JoinHostPort(ip.String(), strconv.Itoa(e.Port)), nil
		}
	}
	if err != nil && ctx.Err() == nil {
		return "", fmt.Errorf("look for devices on the LAN: %w", err)
	}
	return "", ctx.Err()
}

// Is matches one device ID.
func Is(id string) func(string) bool { return func(s string) bool { return s == id } }

// HasPrefix matches IDs starting with a pairing code's prefix.
func HasPrefix(c Code) func(string) bool {
	return func(s string) bool { return strings.HasPrefix(s, c.Prefix) }
}

func txtID(fields []string) string {
	for _, f := range fields {
		if v, ok := strings.CutPrefix(f, "id="); ok {
			return v
		}
	}
	return ""
}

// localIPs are the addresses other machines can reach this one on.
func localIPs() []net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			out = append(out, n.IP)
		}
	}
	return out
}

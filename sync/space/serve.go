package space

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// ServerOptions say where an embedded NATS server listens and keeps its
// streams. Cluster and Routes join it to other servers (tests of node
// loss; an organisation runs its own cluster instead).
type ServerOptions struct {
	Listen  string // host:port; port 0 picks a free one
	Dir     string // JetStream's file storage
	Name    string // the server's name in a cluster
	Cluster string // host:port for routes ("" for a lone server)
	Routes  []string
	// Token, if set, is asked of every client: members connect with
	// nats://TOKEN@host:port, the address the invitations carry.
	Token string
}

// Server is an embedded NATS server with JetStream file storage: what a
// team with no NATS of its own runs on one always-on machine.
type Server struct{ s *server.Server }

// maxPayload lets a batch of about a megabyte of changes, compressed and
// encrypted, travel in one message.
const maxPayload = 8 << 20

// Serve starts an embedded server and waits until it takes connections.
func Serve(o ServerOptions) (*Server, error) {
	host, port, err := splitHostPort(o.Listen)
	if err != nil {
		return nil, err
	}
	opts := &server.Options{Host: host, Port: port, JetStream: true, StoreDir: o.Dir, MaxPayload: maxPayload,
		NoSigs: true, NoLog: true, ServerName: o.Name, Authorization: o.Token}
	if port == 0 {
		opts.Port = server.RANDOM_PORT
	}
	if o.Cluster != "" {
		ch, cp, err := splitHostPort(o.Cluster)
		if err != nil {
			return nil, err
		}
		opts.Cluster = server.ClusterOpts{Name: "learnwork", Host: ch, Port: cp}
		for _, r := range o.Routes {
			u, err := url.Parse(r)
			if err != nil {
				return nil, fmt.Errorf("route %q: %w", r, err)
			}
			opts.Routes = append(opts.Routes, u)
		}
	}
	s, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("start the space server: %w", err)
	}
	s.Start()
	if !s.ReadyForConnections(30 * time.Second) {
		s.Shutdown()
		return nil, errors.New("start the space server: it did not come up within 30 seconds (is the address in use?)")
	}
	return &Server{s: s}, nil
}

func splitHostPort(addr string) (string, int, error) {
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, fmt.Errorf("listen address %q: %w (want HOST:PORT)", addr, err)
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("listen address %q: the port is not a number", addr)
	}
	return host, port, nil
}

// URL is where members connect (nats://host:port).
func (s *Server) URL() string { return s.s.ClientURL() }

// Close stops the server; its streams stay on disk for the next start.
func (s *Server) Close() {
	s.s.Shutdown()
	s.s.WaitForShutdown()
}

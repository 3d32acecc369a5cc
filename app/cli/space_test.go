package cli

import (
	"errors"
	"net"
	"regexp"
	stdsync "sync"
	"time"

	"bytes"
	"context"
	"encoding/json"
	"learnwork/app"
	"learnwork/internal/racebuild"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"learnwork/sync/space"
)

// The space commands as a person types them: create, invite to a file,
// join from it, add and share a learning, sync, and see it on the other
// side, with the status in words and as JSON.
func TestSpaceCommands(t *testing.T) {
	srv, err := space.Serve(space.ServerOptions{Listen: "127.0.0.1:0", Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ada, bob := t.TempDir(), t.TempDir()
	run := func(data string, args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := Run(context.Background(), append([]string{"--data", data}, args...), strings.NewReader(""), &out, &errOut); code != ExitOK {
			t.Fatalf("learnwork %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
		}
		return out.String()
	}
	if out := run(ada, "space", "status"); !strings.Contains(out, "No team spaces yet") {
		t.Fatalf("status with no spaces: %q", out)
	}
	if out := run(ada, "space", "create", "Book", "club", "--server", srv.URL()); !strings.Contains(out, `Made the team space "Book club"`) {
		t.Fatalf("create: %q", out)
	}
	file := filepath.Join(t.TempDir(), "invitation.txt")
	run(ada, "space", "invite", "book club", "-o", file)
	if b, _ := os.ReadFile(file); !strings.Contains(string(b), "LWSPACE1-") {
		t.Fatalf("invitation file: %q", b)
	}
	if out := run(bob, "space", "join", file); !strings.Contains(out, `Joined "Book club" with 1 other member`) {
		t.Fatalf("join: %q", out)
	}
	id := strings.TrimSpace(run(ada, "add", "learning", "what=slow reading beats speed reading", "date=2026-12-01"))
	if out := run(ada, "space", "share", "Book club", id); !strings.Contains(out, "Shared 1 item.") {
		t.Fatalf("share: %q", out)
	}
	run(ada, "space", "sync")
	if out := run(bob, "space", "sync", "Book club"); !strings.Contains(out, "Book club: connected · up to date") {
		t.Fatalf("sync: %q", out)
	}
	if out := run(bob, "show", id); !strings.Contains(out, "slow reading beats speed reading") {
		t.Fatalf("Bob's copy: %q", out)
	}
	var st []map[string]any
	if err := json.Unmarshal([]byte(run(bob, "space", "status", "--json")), &st); err != nil || len(st) != 1 || st[0]["members"] != float64(2) {
		t.Fatalf("status --json: %v, %v", st, err)
	}
	if out := run(bob, "space", "members", "Book club"); strings.Count(out, "since") != 2 || !strings.Contains(out, "(this device)") {
		t.Fatalf("members: %q", out)
	}
	if out := run(ada, "space", "unshare", "Book club", id); !strings.Contains(out, "Stopped sharing 1 item") {
		t.Fatalf("unshare: %q", out)
	}
	// Ada removes Bob's device by its ID (both devices have the machine's
	// name here); Bob learns it on his next sync.
	var members []map[string]any
	if err := json.Unmarshal([]byte(run(ada, "space", "members", "Book club", "--json")), &members); err != nil || len(members) != 2 {
		t.Fatalf("members --json: %v, %v", members, err)
	}
	bob1 := members[1]["id"].(string)
	if members[1]["you"] == true {
		bob1 = members[0]["id"].(string)
	}
	if out := run(ada, "space", "remove", "Book club", bob1); !strings.Contains(out, "nothing shared from now on reaches it") {
		t.Fatalf("remove: %q", out)
	}
	if out := run(bob, "space", "sync"); !strings.Contains(out, "no longer a member") {
		t.Fatalf("Bob's sync after his removal: %q", out)
	}
	if out := run(ada, "space", "leave", "Book club"); !strings.Contains(out, "Left the space") {
		t.Fatalf("leave: %q", out)
	}
	if out := run(ada, "space", "status"); !strings.Contains(out, "No team spaces yet") {
		t.Fatalf("status after leaving: %q", out)
	}
}

// space serve runs a server until stopped, without opening the data
// directory (the window may have it open on the same machine).
func TestSpaceServe(t *testing.T) {
	data := t.TempDir()
	other, err := app.Open(data, app.Options{}) // holds the data directory
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int)
	go func() {
		done <- Run(ctx, []string{"--data", data, "space", "serve", "--listen", addr, "--store", t.TempDir()}, strings.NewReader(""), &out, &errOut)
	}()
	deadline := time.Now().Add(racebuild.Scale(10 * time.Second))
	tokenURL := regexp.MustCompile(`--server (nats://[a-z0-9]+@` + regexp.QuoteMeta(addr) + `);`)
	for !tokenURL.MatchString(out.String()) {
		if time.Now().After(deadline) {
			t.Fatalf("no server: %q %q", out.String(), errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Without the token the server refuses; with it (as invitations
	// carry it) the space is made, and its address is shown without it.
	if _, err := other.Spaces.Create("Served", "nats://"+addr, ""); !errors.Is(err, space.ErrRefused) {
		t.Fatalf("create without the token: %v", err)
	}
	v, err := other.Spaces.Create("Served", tokenURL.FindStringSubmatch(out.String())[1], "")
	if err != nil {
		t.Fatalf("create on the served server: %v", err)
	}
	if v.Server != "nats://"+addr {
		t.Fatalf("the space's server is shown as %q", v.Server)
	}
	cancel()
	if code := <-done; code != ExitOK {
		t.Fatalf("serve ended with %d: %s", code, errOut.String())
	}
}

// syncBuffer is a bytes.Buffer safe to read while a command writes it.
type syncBuffer struct {
	mu stdsync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

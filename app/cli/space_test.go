package cli

import (
	"bytes"
	"context"
	"encoding/json"
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
}

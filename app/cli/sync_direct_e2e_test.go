package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"learnwork/app"
	"learnwork/store"
)

// TestDirectSyncEndToEnd drives the real binary: two data directories,
// "sync pair" on both, "sync serve" on one and "sync with" on the other,
// a kill -9 of each side in the middle of a sync, concurrent edits, and
// identical lists at the end.
func TestDirectSyncEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	a, b := t.TempDir(), t.TempDir()
	seed(t, a, "Alpha", 6000)
	seed(t, b, "Beta", 12000)
	const total = 6000 + 12000 + 8000 // Gamma comes later

	// Pair: A shows a code, B types it.
	show := startLW(t, bin, a, "sync", "pair", "--listen", "127.0.0.1:0", "--json")
	var offer struct {
		Code  string   `json:"code"`
		Addrs []string `json:"addrs"`
	}
	show.next(t, &offer)
	var paired struct{ Device, Name string }
	mustJSON(t, bin, b, &paired, "sync", "pair", offer.Code, offer.Addrs[0], "--json")
	show.wait(t)

	// Kill -9 the client while it receives.
	srv := startLW(t, bin, a, "sync", "serve", "--listen", "127.0.0.1:0", "--json")
	var serving struct{ Addrs []string }
	srv.next(t, &serving)
	addr := serving.Addrs[0]
	cl := startLW(t, bin, b, "sync", "with", addr, "--json")
	cl.killWhen(t, "sync: received")
	t.Logf("B held %d of %d people when killed", count(t, bin, b), 6000+12000)
	// Kill -9 the server while it receives: B has new people to send.
	seed(t, b, "Gamma", 8000)
	srv2 := srv
	cl = startLW(t, bin, b, "sync", "with", addr, "--json")
	srv2.killWhen(t, "sync: received")
	t.Logf("A held %d of %d people when killed", count(t, bin, a), total)
	cl.wait(t) // fails: its server is gone
	// Both stores open and a new sync completes what was cut off.
	srv = startLW(t, bin, a, "sync", "serve", "--listen", addr, "--json")
	srv.next(t, &serving)
	var res app.WithResult
	mustJSON(t, bin, b, &res, "sync", "with", paired.Name, "--json")
	if !res.DigestMatch {
		t.Fatalf("after resuming: %+v, want matching state", res)
	}
	srv.stop(t)

	// Concurrent edits: the same person renamed on both sides, and new
	// people on each, with no sync between.
	id := strings.TrimSpace(mustLW2(t, bin, a, "add", "person", "name=Ada Lovelace", "email=ada@example.org"))
	srv = startLW(t, bin, a, "sync", "serve", "--listen", addr, "--json")
	srv.next(t, &serving)
	mustJSON(t, bin, b, &res, "sync", "with", addr, "--json")
	srv.stop(t)
	mustLW2(t, bin, a, "set", id, "title=Countess", "name=Augusta Ada King")
	mustLW2(t, bin, b, "set", id, "name=Ada King", "email+=ada@home.example")
	mustLW2(t, bin, a, "add", "person", "name=Grace Hopper")
	mustLW2(t, bin, b, "add", "person", "name=Seymour Papert")
	srv = startLW(t, bin, a, "sync", "serve", "--listen", addr, "--json")
	srv.next(t, &serving)
	mustJSON(t, bin, b, &res, "sync", "with", addr, "--json")
	srv.stop(t)
	if !res.DigestMatch || res.Sent == 0 || res.Received == 0 {
		t.Errorf("last sync: %+v, want changes both ways and matching state", res)
	}

	listA := mustLW2(t, bin, a, "list", "people", "--json")
	listB := mustLW2(t, bin, b, "list", "people", "--json")
	if listA != listB {
		t.Fatalf("lists differ:\nA: %.400s\nB: %.400s", listA, listB)
	}
	var people []store.Person
	if err := json.Unmarshal([]byte(listA), &people); err != nil {
		t.Fatal(err)
	}
	if len(people) != total+3 {
		t.Errorf("%d people, want %d", len(people), total+3)
	}
	conflicts := mustLW2(t, bin, b, "conflicts", "--json")
	if !strings.Contains(conflicts, "Augusta Ada King") || !strings.Contains(conflicts, "Ada King") {
		t.Errorf("the concurrent renames are not a conflict on B: %s", conflicts)
	}
}

// seed adds n people to the data directory through the one write path.
func seed(t *testing.T, data, prefix string, n int) {
	t.Helper()
	s, _, err := app.OpenStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < n; i += 1000 {
		err := s.Update(context.Background(), func(tx *store.Tx) error {
			for j := i; j < min(i+1000, n); j++ {
				if _, err := tx.Put(&store.Person{Meta: store.Meta{Kind: store.KindPerson}, Name: fmt.Sprintf("%s %05d", prefix, j)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func mustLW2(t *testing.T, bin, data string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"--data", data}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("learnwork %s: %v: %s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

func count(t *testing.T, bin, data string) int {
	t.Helper()
	var people []json.RawMessage
	mustJSON(t, bin, data, &people, "list", "people", "--json")
	return len(people)
}

func mustJSON(t *testing.T, bin, data string, v any, args ...string) {
	t.Helper()
	out := mustLW2(t, bin, data, args...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("learnwork %s: %v in %q", strings.Join(args, " "), err, out)
	}
}

// proc is a running learnwork whose output the test reads as it comes.
type proc struct {
	cmd    *exec.Cmd
	out    *json.Decoder
	errs   chan string
	done   chan error
	cancel context.CancelFunc
}

func startLW(t *testing.T, bin, data string, args ...string) *proc {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	cmd := exec.CommandContext(ctx, bin, append([]string{"--data", data}, args...)...)
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, out: json.NewDecoder(stdout), errs: make(chan string, 1000), done: make(chan error, 1), cancel: cancel}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			select {
			case p.errs <- sc.Text():
			default:
			}
		}
		close(p.errs)
	}()
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill(); cancel() })
	return p
}

// next reads the next JSON value the process printed.
func (p *proc) next(t *testing.T, v any) {
	t.Helper()
	got := make(chan error, 1)
	go func() { got <- p.out.Decode(v) }()
	select {
	case err := <-got:
		if err != nil {
			t.Fatalf("%s: %v (%s)", p.cmd, err, p.stderr())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("%s printed nothing", p.cmd)
	}
}

func (p *proc) stderr() string {
	var lines []string
	for {
		select {
		case l, ok := <-p.errs:
			if !ok {
				return strings.Join(lines, "; ")
			}
			lines = append(lines, l)
		default:
			return strings.Join(lines, "; ")
		}
	}
}

// killWhen sends SIGKILL once a stderr line starts with prefix.
func (p *proc) killWhen(t *testing.T, prefix string) {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-p.errs:
			if !ok {
				t.Fatalf("%s ended before %q", p.cmd, prefix)
			}
			if strings.HasPrefix(l, prefix) {
				p.cmd.Process.Signal(syscall.SIGKILL)
				<-p.done
				return
			}
		case <-timeout:
			t.Fatalf("%s never printed %q", p.cmd, prefix)
		}
	}
}

// wait lets the process end on its own.
func (p *proc) wait(t *testing.T) {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not end", p.cmd)
	}
}

// stop ends a server as Ctrl+C does.
func (p *proc) stop(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("%s: %v (%s)", p.cmd, err, p.stderr())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not stop", p.cmd)
	}
}

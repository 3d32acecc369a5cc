package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"learnwork/app"
	"learnwork/app/webbridge"
	"learnwork/store"
	"learnwork/sync/trust"
)

// TestEndToEnd drives the built frontend in a real browser (Debian's
// Chromium through playwright-core) against the real services and a store
// on disk, through app/webbridge: add a person, log an interaction, search,
// import a file, resolve a conflict, visit every screen. make test runs it
// after the production build (LEARNWORK_BINARY set); plain go test skips.
func TestEndToEnd(t *testing.T) {
	chromium := browserTest(t)

	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sv, s, bridge := bridgeWindow(t, ctx, filepath.Join(dir, "data"))
	seedConflict(t, ctx, sv, s, dir)

	vcf := filepath.Join(dir, "colleagues.vcf")
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Seymour Papert\r\nN:Papert;Seymour;;;\r\nEMAIL;TYPE=work:seymour@example.org\r\nORG:MIT Media Lab\r\nEND:VCARD\r\n"
	if err := os.WriteFile(vcf, []byte(card), 0o644); err != nil {
		t.Fatal(err)
	}

	base, stop, err := bridge.Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()

	out := testOutput(t)
	rctx, rcancel := context.WithTimeout(ctx, 4*time.Minute)
	defer rcancel()
	cmd := exec.CommandContext(rctx, "node", "e2e/flows.mjs")
	cmd.Dir = "frontend"
	cmd.Env = append(os.Environ(), "LEARNWORK_URL="+base, "LEARNWORK_SHOTS="+out, "LEARNWORK_VCF="+vcf, "CHROMIUM="+chromium)
	b, err := cmd.CombinedOutput()
	t.Logf("flows:\n%s", b)
	if err != nil {
		t.Fatalf("end-to-end flows failed: %v", err)
	}

	// What the flows did is in the store, not just on the screen.
	var people []string
	if err := s.View(ctx, func(r *store.Reader) error {
		items, err := r.List(store.KindPerson, store.ListOptions{Limit: 100})
		for _, it := range items {
			people = append(people, it.Title)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Ada Lovelace", "Kit Concurrent"} {
		if !contains(people, want) {
			t.Errorf("%s is not in the store after the flows: %v", want, people)
		}
	}
	if c, err := sv.Conflicts(); err != nil || len(c) != 0 {
		t.Errorf("conflicts left after resolving: %+v %v", c, err)
	}
}

// browserTest skips unless make test built the frontend (LEARNWORK_BINARY
// set) and returns the Chromium to drive.
func browserTest(t *testing.T) string {
	t.Helper()
	if os.Getenv("LEARNWORK_BINARY") == "" {
		t.Skip("LEARNWORK_BINARY not set (make test sets it after building the frontend)")
	}
	for _, f := range []string{"frontend/dist/index.html", "frontend/node_modules/playwright-core/package.json"} {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("%s is missing: make test builds and installs it", f)
		}
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("Chromium is missing at %s: make test installs the chromium package", chromium)
	}
	return chromium
}

// bridgeWindow opens a store in data and binds the same services the
// window binds (app/desktop.go) to a web bridge, dialogs answered by the
// flows; the store closes when the test ends.
func bridgeWindow(t *testing.T, ctx context.Context, data string) (*app.Services, *store.Store, *webbridge.Server) {
	t.Helper()
	s, id, err := app.OpenStore(data) // as the window opens it
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	devices, err := trust.Load(data, id)
	if err != nil {
		t.Fatal(err)
	}
	bridge := webbridge.New(os.DirFS("frontend/dist"), nil)
	sv := app.New(ctx, s, app.WithWindow(bridge))
	s.OnCommit(func(c store.Commit) { bridge.Emit("store:changed", c) })
	bridge.Bind("Services", sv)
	bridge.Bind("Desktop", &webbridge.Dialogs{})
	bridge.Bind("Sync", app.NewSync(ctx, s, devices, bridge))
	bridge.Bind("DirectSync", app.NewDirectSync(ctx, s, id, devices, app.WithWindow(bridge)))
	return sv, s, bridge
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// seedConflict makes "Kit Concurrent" whose organisation was edited on two
// devices at once: a second store gets the person through a backup, both
// change org, and this store merges the other's backup.
func seedConflict(t *testing.T, ctx context.Context, sv *app.Services, s *store.Store, dir string) {
	t.Helper()
	id, err := sv.SavePerson(store.Person{Name: "Kit Concurrent", Org: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(dir, "first.json")
	if _, err := sv.Backup(first); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(filepath.Join(dir, "laptop"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	laptop := app.New(ctx, other)
	if _, err := laptop.RestoreBackup(first); err != nil {
		t.Fatal(err)
	}
	if err := laptop.Edit(id, []app.FieldEdit{{Field: "org", Value: "Initech"}}); err != nil {
		t.Fatal(err)
	}
	if err := sv.Edit(id, []app.FieldEdit{{Field: "org", Value: "Globex"}}); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "second.json")
	if _, err := laptop.Backup(second); err != nil {
		t.Fatal(err)
	}
	if _, err := sv.RestoreBackup(second); err != nil {
		t.Fatal(err)
	}
	if c, err := sv.Conflicts(); err != nil || len(c) != 1 {
		t.Fatalf("seeding a conflict gave %+v %v", c, err)
	}
}

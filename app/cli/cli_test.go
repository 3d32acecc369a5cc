package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"learnwork/store"
)

// lw runs one command line against data and returns stdout, stderr, code.
func lw(t *testing.T, data string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), append([]string{"--data", data}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func mustLW(t *testing.T, data string, args ...string) string {
	t.Helper()
	out, errs, code := lw(t, data, args...)
	if code != 0 {
		t.Fatalf("learnwork %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

func TestAddListShowSetDelete(t *testing.T) {
	data := t.TempDir()
	id := strings.TrimSpace(mustLW(t, data, "add", "person", "name=Ada Lovelace", "email=ada@example.org", "topic=Computing"))
	var people []store.Person
	if err := json.Unmarshal([]byte(mustLW(t, data, "list", "people", "--json")), &people); err != nil {
		t.Fatal(err)
	}
	if len(people) != 1 || people[0].Name != "Ada Lovelace" || people[0].Emails[0].Value != "ada@example.org" || people[0].Topics[0] != "Computing" {
		t.Fatalf("list --json = %+v", people)
	}
	mustLW(t, data, "set", id, "title=Countess", "email+=ada@home.example (home)", "topic-=Computing")
	var p store.Person
	if err := json.Unmarshal([]byte(mustLW(t, data, "show", id, "--json")), &p); err != nil {
		t.Fatal(err)
	}
	if p.Title != "Countess" || len(p.Emails) != 2 || p.Emails[1].Types[0] != "home" || len(p.Topics) != 0 {
		t.Errorf("after set: %+v", p)
	}
	if text := mustLW(t, data, "show", id); !strings.Contains(text, "title:") || !strings.Contains(text, "Countess") {
		t.Errorf("show text:\n%s", text)
	}
	if text := mustLW(t, data, "list", "people", "--query", "lov"); !strings.Contains(text, "Ada Lovelace") {
		t.Errorf("list --query: %q", text)
	}
	mustLW(t, data, "delete", id)
	if out := mustLW(t, data, "list", "people", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("deleted person still listed: %s", out)
	}
	if out := mustLW(t, data, "list", "people", "--trash"); !strings.Contains(out, "Ada Lovelace") {
		t.Errorf("not in Trash: %q", out)
	}
	mustLW(t, data, "undelete", id)
	if out := mustLW(t, data, "list", "people"); !strings.Contains(out, "Ada Lovelace") {
		t.Errorf("undelete: %q", out)
	}
}

func TestErrorsAreOneLineWithExitCodes(t *testing.T) {
	data := t.TempDir()
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"frobnicate"}, ExitUsage, "unknown command"},
		{[]string{"add", "spaceship", "name=x"}, ExitUsage, "unknown kind"},
		{[]string{"add", "person", "nameAda"}, ExitUsage, "is not field=value"},
		{[]string{"add", "person", "shoe=42"}, ExitError, `person has no field "shoe"`},
		{[]string{"show", "no-such-id"}, ExitError, "not found"},
		{[]string{"restore", filepath.Join(data, "missing.json")}, ExitError, "missing.json"},
	}
	for _, c := range cases {
		_, errs, code := lw(t, data, c.args...)
		if code != c.code || !strings.Contains(errs, c.msg) || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "learnwork: ") {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q on one line", c.args, code, errs, c.code, c.msg)
		}
	}
}

func TestBackupRestoreThroughCLI(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	mustLW(t, a, "add", "person", "name=Grace Hopper", "org=US Navy")
	mustLW(t, a, "add", "community", "name=#lrnchat", "type=chat")
	file := filepath.Join(t.TempDir(), "backup.json")
	mustLW(t, a, "backup", file)
	if _, err := os.Stat(file); err != nil {
		t.Fatal(err)
	}
	mustLW(t, b, "restore", file)
	for _, kind := range []string{"people", "communities"} {
		if x, y := mustLW(t, a, "list", kind, "--json"), mustLW(t, b, "list", kind, "--json"); x != y {
			t.Errorf("%s differ after restore:\n%s\n%s", kind, x, y)
		}
	}
}

func TestSecondProcessGetsClearError(t *testing.T) {
	data := t.TempDir()
	s, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, errs, code := lw(t, data, "list", "people")
	if code != ExitError || !strings.Contains(errs, "already open by another Learnwork") {
		t.Errorf("exit %d, %q", code, errs)
	}
}

// A new data directory has no indexes to rebuild and says nothing about
// them (store tests cover the rebuild itself).
func TestNewDataSaysNothing(t *testing.T) {
	data := t.TempDir()
	if _, errs, code := lw(t, data, "add", "person", "name=Ada Lovelace"); errs != "" || code != 0 {
		t.Fatalf("a new data directory: exit %d, said %q", code, errs)
	}
}

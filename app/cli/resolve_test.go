package cli

import (
	"strings"
	"testing"
)

// TestResolveWithoutConflict: the CLI says there is nothing to resolve, exits
// 1 and leaves the value as it was.
func TestResolveWithoutConflict(t *testing.T) {
	data := t.TempDir()
	id := strings.TrimSpace(mustLW(t, data, "add", "person", "name=Ada Lovelace", "title=Countess"))
	_, errs, code := lw(t, data, "resolve", id, "title", "Mathematician")
	if code != ExitError || errs != "learnwork: title has no conflict to resolve; nothing was changed (set changes a value)\n" {
		t.Errorf("resolve without a conflict: exit %d, %q", code, errs)
	}
	if out := mustLW(t, data, "show", id); !strings.Contains(out, "Countess") || strings.Contains(out, "Mathematician") {
		t.Errorf("after resolve without a conflict: %s", out)
	}
}

package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func netFixture(name string) string { return filepath.Join("..", "network", "testdata", name) }

// The CLI takes a network export by its content, says which accounts wait
// for a name, and writes sources back as OPML.
func TestImportNetworkExports(t *testing.T) {
	data := t.TempDir()
	out := mustLW(t, data, "import", netFixture("linkedin-connections.csv"), netFixture("x-following.js"), netFixture("feedly.opml"))
	for _, want := range []string{
		"Imported linkedin-connections.csv (LinkedIn connections): 4 created, 0 updated, 0 unchanged, 1 skipped, 0 possible duplicates, 1 accounts to name",
		"x-following.js line 2: unnamed \"https://twitter.com/intent/user?user_id=783214\": X names this account only by a number",
		"Imported feedly.opml (OPML subscriptions): 3 created",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	again := mustLW(t, data, "import", netFixture("linkedin-connections.csv"))
	if !strings.Contains(again, "0 created, 0 updated, 4 unchanged") {
		t.Errorf("again:\n%s", again)
	}
	opml := mustLW(t, data, "export", "opml")
	if !strings.Contains(opml, `xmlUrl="https://blog.learnlets.com/feed/"`) || strings.Count(opml, "xmlUrl=") != 3 {
		t.Errorf("export opml:\n%s", opml)
	}
}

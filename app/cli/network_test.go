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
		"Imported linkedin-connections.csv (LinkedIn connections): 4 added, 0 updated, 0 unchanged, 1 skipped, 0 possible duplicates, 1 accounts to name",
		"x-following.js line 2: unnamed \"https://twitter.com/intent/user?user_id=783214\": X names this account only by a number",
		"Imported feedly.opml (OPML subscriptions): 3 added",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	again := mustLW(t, data, "import", netFixture("linkedin-connections.csv"))
	if !strings.Contains(again, "0 added, 0 updated, 4 unchanged") {
		t.Errorf("again:\n%s", again)
	}
	opml := mustLW(t, data, "export", "opml")
	if !strings.Contains(opml, `xmlUrl="https://blog.learnlets.com/feed/"`) || strings.Count(opml, "xmlUrl=") != 3 {
		t.Errorf("export opml:\n%s", opml)
	}
}

// A CSV of one's own needs its columns once; groups can become
// communities; one topic's sources go out as a starter pack.
func TestImportColumnsGroupsAndStarterPack(t *testing.T) {
	data := t.TempDir()
	csv := netFixture("custom-members.csv")
	if _, errs, code := lw(t, data, "import", csv); code != 1 || !strings.Contains(errs, "columns Learnwork does not know yet") {
		t.Errorf("unmapped CSV: exit %d, %s", code, errs)
	}
	out := mustLW(t, data, "import", "--groups", "communities", "--columns", "Member=name, E-mail=email,Fediverse=profile,Interests=topic", csv)
	if !strings.Contains(out, "Imported custom-members.csv (CSV): 5 added") {
		t.Errorf("mapped:\n%s", out)
	}
	if out := mustLW(t, data, "import", "--groups", "communities", csv); !strings.Contains(out, "0 added, 0 updated, 5 unchanged") {
		t.Errorf("the remembered mapping:\n%s", out)
	}
	if out := mustLW(t, data, "list", "communities"); !strings.Contains(out, "Book club") || !strings.Contains(out, "Radio") {
		t.Errorf("communities:\n%s", out)
	}
	if _, _, code := lw(t, data, "import", "--groups", "circles", csv); code != 2 {
		t.Errorf("--groups circles: exit %d", code)
	}
	mustLW(t, data, "import", netFixture("netnewswire.opml"))
	pack := mustLW(t, data, "export", "opml", "--topic", "go")
	if strings.Count(pack, "xmlUrl=") != 2 || !strings.Contains(pack, "<title>Learnwork sources: Go</title>") {
		t.Errorf("starter pack:\n%s", pack)
	}
	if _, errs, code := lw(t, data, "export", "opml", "--topic", "knitting"); code != 1 || !strings.Contains(errs, "no topic") {
		t.Errorf("unknown topic: exit %d, %s", code, errs)
	}
}

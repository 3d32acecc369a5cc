package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"learnwork/app"
)

func TestImportDuplicatesMerge(t *testing.T) {
	data := t.TempDir()
	file := filepath.Join(t.TempDir(), "contacts.vcf")
	body := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:countess@example.org\r\nTITLE:Countess\r\nEND:VCARD\r\n"
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustLW(t, data, "import", "--dry-run", file)
	if !strings.Contains(out, "Would import contacts.vcf (vCard): 1 added, 0 updated, 0 unchanged, 0 skipped, 1 possible duplicates") ||
		!strings.Contains(out, "line 6: duplicate \"Ada Lovelace\"") {
		t.Fatalf("dry run:\n%s", out)
	}
	mustLW(t, data, "import", file)
	// The held-back card, added by hand, then found and merged.
	id := strings.TrimSpace(mustLW(t, data, "add", "person", "name=Ada Lovelace", "email=countess@example.org", "title=Countess"))
	var pairs []app.DuplicatePair
	if err := json.Unmarshal([]byte(mustLW(t, data, "duplicates", "--json")), &pairs); err != nil || len(pairs) != 1 || pairs[0].By != "name" {
		t.Fatalf("duplicates: %+v %v", pairs, err)
	}
	keep := pairs[0].A.ID
	if keep == id {
		keep = pairs[0].B.ID
	}
	mustLW(t, data, "merge", keep, id)
	var people []struct {
		Emails []struct{ Value string } `json:"emails"`
		Title  string                   `json:"title"`
	}
	if err := json.Unmarshal([]byte(mustLW(t, data, "list", "people", "--json")), &people); err != nil || len(people) != 1 || len(people[0].Emails) != 2 || people[0].Title != "Countess" {
		t.Fatalf("after merge: %+v %v", people, err)
	}
	if out := mustLW(t, data, "duplicates"); !strings.Contains(out, "No likely duplicates") {
		t.Errorf("duplicates after merge: %s", out)
	}
}

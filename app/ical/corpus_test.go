package ical

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const corpusDir = "../../../shared/corpus"

// manifest reads the corpus's MANIFEST.tsv: file → number of components.
func manifest(t *testing.T) map[string]int {
	f, err := os.Open(filepath.Join(corpusDir, "MANIFEST.tsv"))
	if err != nil {
		t.Skip("no shared corpus beside the checkout")
	}
	defer f.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) > 5 && strings.HasPrefix(cols[0], "ics/") {
			out[cols[0]], _ = strconv.Atoi(cols[5])
		}
	}
	return out
}

func TestCorpusDump(t *testing.T) {
	m := manifest(t)
	for file, n := range m {
		data, err := os.ReadFile(filepath.Join(corpusDir, file))
		if err != nil {
			t.Fatal(err)
		}
		items, skips := Read(data)
		t.Logf("%-70s manifest %3d items %3d skips %d", file, n, len(items), len(skips))
		for _, s := range skips {
			t.Logf("    skip line %d %q: %s", s.Line, s.Name, s.Reason)
		}
		for _, it := range items {
			if len(it.Notes) > 0 {
				t.Logf("    note %d: %v", it.Line, it.Notes)
			}
		}
	}
}

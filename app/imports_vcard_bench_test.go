package app

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	govcard "github.com/emersion/go-vcard"

	"learnwork/store"
)

// benchFirst and benchLast name the people of the benchmark files: 144
// pairs, non-ASCII and an apostrophe among them.
var (
	benchFirst = []string{"Ada", "Grace", "Alan", "Barbara", "Seymour", "Margaret", "Donald", "Frances", "Edsger", "Katherine", "Zoë", "Jürgen"}
	benchLast  = []string{"Lovelace", "Hopper", "Turing", "Liskov", "Papert", "Hamilton", "Knuth", "Allen", "Dijkstra", "Johnson", "Müller", "O'Brien"}
)

// benchPerson is the given and family name of the i-th benchmark person.
func benchPerson(i int) (given, family string) {
	return benchFirst[i%len(benchFirst)], benchLast[i/len(benchFirst)%len(benchLast)]
}

// benchFile returns a file in the temporary directory named name, written
// by write the first time on this machine (to a temporary name and renamed,
// so a run stopped halfway leaves no file to reuse).
func benchFile(tb testing.TB, name string, write func(w *bufio.Writer)) string {
	path := filepath.Join(os.TempDir(), name)
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	write(w)
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// bigVCF writes (once per machine) a vCard 3.0 file of n contacts with
// what DESIGN.md §7 names: name, 2 emails, phone, org, title, note, URL.
func bigVCF(tb testing.TB, n int) string {
	return benchFile(tb, fmt.Sprintf("learnwork-bench-%dk-v1.vcf", n/1000), func(w *bufio.Writer) {
		for i := range n {
			g, l := benchPerson(i)
			fmt.Fprintf(w, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:%s;%s;;;\r\nFN:%s %s %d\r\n", l, g, g, l, i)
			fmt.Fprintf(w, "EMAIL;TYPE=INTERNET,WORK:%s.%d@work.example\r\nEMAIL;TYPE=INTERNET,HOME:%s%d@home.example\r\n", strings.ToLower(g), i, strings.ToLower(l), i)
			fmt.Fprintf(w, "TEL;TYPE=CELL:+44 7700 %06d\r\nORG:Organisation %d\r\nTITLE:Learning designer\r\n", i, i%500)
			fmt.Fprintf(w, "NOTE:Met at the learning conference in %d\\, talked about communities of practice and\r\n  how to keep a network alive.\r\n", 2000+i%25)
			fmt.Fprintf(w, "URL:https://blog.example/%d\r\nEND:VCARD\r\n", i)
		}
	})
}

// memStatus reads a /proc/self/status field in MB.
func memStatus(field string) float64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == field+":" {
			kb, _ := strconv.Atoi(f[1])
			return float64(kb) / 1024
		}
	}
	return 0
}

// peakAnon samples the process's anonymous memory (Go heap, Badger's
// tables in the making) until stop is called: Badger maps its files, so
// peak RSS also counts pages of the database the kernel may drop at will.
func peakAnon() (stop func() float64) {
	var peak float64
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			peak = max(peak, memStatus("RssAnon"))
			select {
			case <-quit:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return func() float64 {
		close(quit)
		<-done
		return peak
	}
}

// BenchmarkVCardImport100k: DESIGN.md §7's contacts target. It times plain
// go-vcard decoding of the file, the import into a new store, and the
// re-import (which must change nothing), and reports peak RSS.
func BenchmarkVCardImport100k(b *testing.B) {
	const n = 100000
	path := bigVCF(b, n)
	for b.Loop() {
		t0, c0 := time.Now(), cpuTime()
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		dec := govcard.NewDecoder(f)
		cards := 0
		for {
			if _, err := dec.Decode(); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			cards++
		}
		f.Close()
		plain, plainCPU := time.Since(t0), cpuTime()-c0

		if cards != n {
			b.Fatalf("go-vcard read %d cards of %d", cards, n)
		}
		// Wall time on a shared machine mostly measures the neighbours;
		// CPU time is what the work costs.
		b.ReportMetric(plain.Seconds(), "govcard-s")
		b.ReportMetric(plainCPU.Seconds(), "govcard-cpu-s")
		impCPU := importTwice(b, path, n)
		b.ReportMetric(plainCPU.Seconds()/impCPU.Seconds(), "of-govcard-speed")
	}
}

// importTwice imports path (n people) into a new store, then again, which
// must change nothing, and reports each one's wall and CPU time and the
// peak memory; it returns the import's CPU time.
func importTwice(b *testing.B, path string, n int) (impCPU time.Duration) {
	s, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sv := testApp(b, s, Options{})
	anon := peakAnon()
	t1, c1 := time.Now(), cpuTime()
	reps, err := sv.Imports.Import([]string{path}, false)
	imp, impCPU := time.Since(t1), cpuTime()-c1
	peak := anon()
	if err != nil || reps[0].Created != n {
		b.Fatalf("import: %v, %d created", err, reps[0].Created)
	}
	t2, c2 := time.Now(), cpuTime()
	reps, err = sv.Imports.Import([]string{path}, false)
	reimp, reimpCPU := time.Since(t2), cpuTime()-c2
	if err != nil || reps[0].Unchanged != n {
		b.Fatalf("re-import: %v, %d unchanged, %d created, %d updated", err, reps[0].Unchanged, reps[0].Created, reps[0].Updated)
	}
	b.ReportMetric(imp.Seconds(), "import-s")
	b.ReportMetric(impCPU.Seconds(), "import-cpu-s")
	b.ReportMetric(reimp.Seconds(), "reimport-s")
	b.ReportMetric(reimpCPU.Seconds(), "reimport-cpu-s")
	b.ReportMetric(memStatus("VmHWM"), "peak-RSS-MB")
	b.ReportMetric(peak, "peak-anon-MB")
	return impCPU
}

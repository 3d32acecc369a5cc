//go:build unix

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalStopsWithinASecond sends SIGTERM and Ctrl+C (SIGINT) to real
// commands: one busy importing, one stuck in a loop that never looks at
// its context (a time zone repeating every second, issue 18), one waiting
// for peers. Each must exit within a second and leave the data directory
// free for the next command.
func TestSignalStopsWithinASecond(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	cards := filepath.Join(dir, "big.vcf")
	writeCards(t, cards, 30000)
	secondly := filepath.Join(dir, "secondly.ics")
	if err := os.WriteFile(secondly, []byte(secondlyZone), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		sig   syscall.Signal
		args  []string
		ready func(data string) bool
		code  int    // serve runs until Ctrl+C: that is its normal end
		after string // what the next command says
	}{
		{"import, SIGTERM", syscall.SIGTERM, []string{"import", cards}, func(data string) bool { return dirSize(data) > 2<<20 }, ExitError, "import of big.vcf interrupted after"},
		{"stuck import, SIGINT", syscall.SIGINT, []string{"import", secondly}, nil, ExitError, ""},
		{"sync serve, SIGINT", syscall.SIGINT, []string{"sync", "serve", "--listen", "127.0.0.1:0"}, nil, ExitOK, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := filepath.Join(t.TempDir(), "data")
			mustLW(t, data, "add", "person", "name=Ada Lovelace")
			cmd := exec.Command(bin, append([]string{"--data", data}, c.args...)...)
			var errb strings.Builder
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			deadline := time.Now().Add(time.Minute)
			for c.ready != nil && !c.ready(data) && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if c.ready == nil {
				time.Sleep(700 * time.Millisecond) // well inside its work
			}
			select {
			case err := <-exited:
				// Once time-zone expansion is bounded (issue 18 point 2) the
				// stuck import ends by itself: nothing left to stop.
				t.Skipf("ended by itself before the signal (%v): %q", err, errb.String())
			default:
			}
			start := time.Now()
			cmd.Process.Signal(c.sig)
			select {
			case <-exited:
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("still running 5 s after %v; stderr %q", c.sig, errb.String())
			}
			took := time.Since(start)
			t.Logf("exited %v after %v: %q", took.Round(time.Millisecond), c.sig, errb.String())
			// A second on an idle machine; the slack is for a 2-core one shared with builds.
			if took > 1500*time.Millisecond {
				t.Errorf("took %v to stop", took)
			}
			// Stopped, it says so in one line: "stopped", or what an
			// interrupted import kept and how to finish it.
			said := errb.String()
			oneLine := strings.HasPrefix(said, "learnwork: ") && strings.Count(said, "\n") == 1 &&
				(strings.HasSuffix(said, "learnwork: stopped\n") || strings.Contains(said, "the import was interrupted"))
			if code := cmd.ProcessState.ExitCode(); code != c.code || code == ExitError && !oneLine {
				t.Errorf("exit %d, stderr %q; want %d (and one line saying it stopped, for 1)", code, said, c.code)
			}
			if out, errs, code := lw(t, data, "list", "people"); code != 0 || !strings.Contains(out, "Ada Lovelace") || !strings.Contains(errs, c.after) {
				t.Errorf("next command: exit %d, %q, want %q on stderr", code, errs, c.after)
			}
			if c.after == "" {
				return
			}
			// The interrupted import is undone in one step, and no longer told.
			mustLW(t, data, "undo-import")
			if out, errs, _ := lw(t, data, "list", "people"); strings.Count(out, "\n") != 1 || errs != "" {
				t.Errorf("after undo-import: %q, stderr %q; want Ada alone", out, errs)
			}
		})
	}
}

// secondlyZone is a calendar whose time zone changes every second.
const secondlyZone = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\n" +
	"BEGIN:VTIMEZONE\r\nTZID:Hostile/Zone\r\n" +
	"BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n" +
	"BEGIN:DAYLIGHT\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=SECONDLY\r\nEND:DAYLIGHT\r\n" +
	"END:VTIMEZONE\r\n" +
	"BEGIN:VEVENT\r\nUID:e1@hostile\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Hostile/Zone:20260301T100000\r\nDTEND;TZID=Hostile/Zone:20260301T110000\r\nSUMMARY:Meeting\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
)

// TestWindowSmoke runs the production binary in a real window under Xvfb:
// people seeded through the CLI must be on screen (read back by OCR), and
// closing the window must leave the store intact. make test sets
// LEARNWORK_BINARY after building; plain go test skips it.
func TestWindowSmoke(t *testing.T) {
	bin := os.Getenv("LEARNWORK_BINARY")
	if bin == "" {
		t.Skip("LEARNWORK_BINARY not set (make test sets it)")
	}
	bin, _ = filepath.Abs(bin)
	for _, tool := range []string{"Xvfb", "xdotool", "import", "tesseract", "convert"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: make test installs it", tool)
		}
	}
	out := testOutput(t)
	data := t.TempDir()
	names := []string{"Ada Lovelace", "Grace Hopper", "Seymour Papert"}
	// The window opens on Today: with a cadence and a talk long ago, each
	// of them is due there.
	for i, n := range names {
		id := strings.TrimSpace(runCLI(t, bin, data, "add", "person", "name="+n, fmt.Sprintf("email=p%d@example.org", i), "org=Analytical Engines", "cadence=30"))
		runCLI(t, bin, data, "add", "interaction", "date=2025-01-15", "person="+id, "what=a first chat")
	}

	display := startXvfb(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	win := exec.CommandContext(ctx, bin, "--data", data)
	win.Env = append(os.Environ(), "DISPLAY="+display)
	var winLog bytes.Buffer
	win.Stdout, win.Stderr = &winLog, &winLog
	if err := win.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- win.Wait() }()

	// Wait for the window, then for the list to be filled.
	x := func(args ...string) string {
		c := exec.Command(args[0], args[1:]...)
		c.Env = append(os.Environ(), "DISPLAY="+display)
		b, _ := c.CombinedOutput()
		return string(b)
	}
	deadline := time.Now().Add(60 * time.Second)
	var text string
	for time.Now().Before(deadline) {
		time.Sleep(2 * time.Second)
		shot := filepath.Join(out, "smoke-people.png")
		x("import", "-window", "root", shot)
		text = ocr(t, shot)
		if containsAll(text, names) {
			break
		}
	}
	if !containsAll(text, names) {
		t.Fatalf("names not on screen; OCR read:\n%s\nwindow log:\n%s", text, winLog.String())
	}
	t.Logf("screenshot: %s", filepath.Join(out, "smoke-people.png"))

	// Close as a person would: Ctrl+Q (File > Quit).
	x("xdotool", "search", "--name", "Learnwork", "windowactivate", "--sync")
	x("xdotool", "key", "ctrl+q")
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("window exited with %v\n%s", err, winLog.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("window did not close on Ctrl+Q\n%s", winLog.String())
	}

	// The store opens again and holds everyone.
	var people []struct{ Name string }
	if err := json.Unmarshal([]byte(runCLI(t, bin, data, "list", "people", "--json")), &people); err != nil {
		t.Fatal(err)
	}
	if len(people) != len(names) {
		t.Fatalf("after closing the window the store lists %d people, want %d", len(people), len(names))
	}
}

func testOutput(t *testing.T) string {
	dir, _ := filepath.Abs("test-output")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runCLI(t *testing.T, bin, data string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, append([]string{"--data", data}, args...)...).Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("learnwork %s: %v %s", strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

// startXvfb starts a private X server and returns its DISPLAY.
func startXvfb(t *testing.T) string {
	for n := 90; n < 120; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		cmd := exec.Command("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		for i := 0; i < 50; i++ {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return display
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("Xvfb %s did not start", display)
	}
	t.Fatal("no free X display")
	return ""
}

// ocr reads a screenshot's text; doubling its size helps with small type.
// Two page-segmentation modes are read, because tesseract's layout analysis
// sometimes joins a list column to its neighbour and splits a name.
func ocr(t *testing.T, png string) string {
	big := strings.TrimSuffix(png, ".png") + "-2x.png"
	if out, err := exec.Command("convert", png, "-resize", "200%", "-colorspace", "Gray", big).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v %s", err, out)
	}
	var text strings.Builder
	for _, psm := range []string{"3", "11"} {
		out, err := exec.Command("tesseract", big, "stdout", "--psm", psm).Output()
		if err != nil {
			t.Fatalf("tesseract: %v", err)
		}
		text.Write(out)
		text.WriteString("\n")
	}
	return text.String()
}

// containsAll reports whether every name is in the OCR text, comparing
// letters only: OCR breaks lines and spaces where the layout suggests.
func containsAll(text string, names []string) bool {
	letters := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, s)
	}
	flat := letters(text)
	for _, n := range names {
		if !strings.Contains(flat, letters(n)) {
			return false
		}
	}
	return true
}

package webbridge

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
)

type greeter struct{}

type name struct {
	First string `json:"first"`
}

func (greeter) Hello(n name, times int) (string, error) {
	if n.First == "" {
		return "", errors.New("a greeting needs a name")
	}
	return strings.Repeat("hello "+n.First+" ", times), nil
}

func (greeter) Nothing() error { return nil }

func post(t *testing.T, url, body string) (int, string) {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, strings.TrimSpace(string(b))
}

func TestCallsEventsAndAssets(t *testing.T) {
	assets := fstest.MapFS{"index.html": {Data: []byte("<title>Learnwork</title>")}, "assets/app.js": {Data: []byte("run()")}}
	s := New(assets, map[string]any{"Services": greeter{}})
	dialogs := &Dialogs{}
	s.Bind("Desktop", dialogs)
	s.BindAll(&greeter{}) // by its type's name, as the window's bindings are named
	base, stop, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()

	for _, c := range []struct {
		path, body string
		code       int
		want       string
	}{
		{"/api/Services/Hello", `[{"first":"Ada"},2]`, 200, `"hello Ada hello Ada "`},
		{"/api/Services/Hello", `[{},1]`, 500, "a greeting needs a name"},
		{"/api/Services/Hello", `[{"first":"Ada"}]`, 400, "Services.Hello takes 2 arguments, got 1"},
		{"/api/Services/Nothing", `[]`, 200, "null"},
		{"/api/Services/Missing", `[]`, 404, "Services has no method Missing"},
		{"/api/greeter/Hello", `[{"first":"Grace"},1]`, 200, `"hello Grace "`},
		{"/api/Desktop/Answer", `[["/tmp/a.vcf"]]`, 200, "null"},
		{"/api/Desktop/ChooseFile", `["Import", "*.vcf"]`, 200, `"/tmp/a.vcf"`},
		{"/api/Desktop/ChooseFile", `["Import", "*.vcf"]`, 200, `""`},
	} {
		code, got := post(t, base+c.path, c.body)
		if code != c.code || got != c.want {
			t.Errorf("%s %s: %d %q, want %d %q", c.path, c.body, code, got, c.code, c.want)
		}
	}

	for path, want := range map[string]string{"/": "<title>Learnwork</title>", "/people/42": "<title>Learnwork</title>", "/assets/app.js": "run()"} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if string(b) != want {
			t.Errorf("GET %s: %q, want %q", path, b, want)
		}
	}

	res, err := http.Get(base + "/api/events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	// Headers arrive after the page is registered, so the event reaches it.
	s.Emit("store:changed", map[string]int{"changes": 3})
	events := bufio.NewReader(res.Body)
	line, err := events.ReadString('\n')
	if err != nil || line != `data: {"name":"store:changed","payload":{"changes":3}}`+"\n" {
		t.Fatalf("event %q %v", line, err)
	}
	// Files dropped on the window reach the page as the window tells it.
	if code, got := post(t, base+"/api/Window/DropFiles", `[["/tmp/Connections.csv"]]`); code != 200 || got != "null" {
		t.Fatalf("drop: %d %q", code, got)
	}
	for line == "\n" || strings.HasPrefix(line, "data: {\"name\":\"store") {
		line, _ = events.ReadString('\n')
	}
	if line != `data: {"name":"import:dropped","payload":["/tmp/Connections.csv"]}`+"\n" {
		t.Fatalf("drop event %q", line)
	}
}

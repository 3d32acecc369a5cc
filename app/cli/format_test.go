package cli

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

func TestListing(t *testing.T) {
	type pair struct {
		Name string `json:"name"`
		N    int    `json:"n"`
	}
	row := func(w io.Writer, p pair) { fmt.Fprintf(w, "%s\t%d\n", p.Name, p.N) }
	two := []pair{{"Ada", 1}, {"Grace Hopper", 22}}
	cases := []struct {
		name  string
		l     listing[pair]
		json  bool
		items []pair
		want  string
	}{
		{"columns with head and foot", listing[pair]{head: "NAME\tN", row: row, foot: "that is all"}, false, two,
			"NAME          N\nAda           1\nGrace Hopper  22\nthat is all\n"},
		{"empty line instead of the rest", listing[pair]{empty: "Nobody.", intro: "People:\n", head: "NAME\tN", row: row, foot: "that is all"}, false, nil,
			"Nobody.\n"},
		{"no empty line: intro, head and foot alone", listing[pair]{intro: "People:\n", head: "NAME\tN", row: row, foot: "that is all"}, false, nil,
			"People:\nNAME  N\nthat is all\n"},
		{"plain lines keep their tabs", listing[pair]{intro: "People:\n", plain: true, row: row}, false, two,
			"People:\nAda\t1\nGrace Hopper\t22\n"},
		{"json: the items", listing[pair]{empty: "Nobody.", row: row}, true, two,
			"[\n  {\n    \"name\": \"Ada\",\n    \"n\": 1\n  },\n  {\n    \"name\": \"Grace Hopper\",\n    \"n\": 22\n  }\n]\n"},
		{"json: what the command gives instead", listing[pair]{json: map[string]int{"total": 2}, row: row}, true, nil,
			"{\n  \"total\": 2\n}\n"},
		{"json: no items, no empty line", listing[pair]{empty: "Nobody.", row: row}, true, []pair{},
			"[]\n"},
	}
	for _, c := range cases {
		var out bytes.Buffer
		if err := c.l.print(&Env{Stdout: &out, JSON: c.json}, c.items); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if out.String() != c.want {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, out.String(), c.want)
		}
	}
}

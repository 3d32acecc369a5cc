package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"
)

// listing is how a command shows a list: JSON with --json; else the empty
// line when there is nothing; else intro, head, a row per item and foot,
// the rows aligned in columns (cells end with a tab) unless plain.
type listing[T any] struct {
	json  any                     // what --json prints (nil: the items)
	empty string                  // the only line when there are no items ("": none, the rest is printed)
	intro string                  // text before the rows, as it is
	head  string                  // a first row: the column names
	row   func(w io.Writer, it T) // writes one item's row (plain: its lines)
	foot  string                  // a line after the rows
	plain bool                    // rows are lines as written, not columns
}

// print is the command's output: JSON with --json, else text.
func (l listing[T]) print(e *Env, items []T) error {
	if !e.JSON {
		return l.text(e.Stdout, items)
	}
	if l.json != nil {
		return writeJSON(e.Stdout, l.json)
	}
	return writeJSON(e.Stdout, items)
}

// text writes the items for people to read.
func (l listing[T]) text(w io.Writer, items []T) error {
	if len(items) == 0 && l.empty != "" {
		_, err := fmt.Fprintln(w, l.empty)
		return err
	}
	if _, err := io.WriteString(w, l.intro); err != nil {
		return err
	}
	rows, tw := w, (*tabwriter.Writer)(nil)
	if !l.plain {
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		rows = tw
	}
	if l.head != "" {
		fmt.Fprintln(rows, l.head)
	}
	for _, it := range items {
		l.row(rows, it)
	}
	if tw != nil {
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if l.foot == "" {
		return nil
	}
	_, err := fmt.Fprintln(w, l.foot)
	return err
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// orderedKeys lists a view's JSON keys in struct order, meta first.
func orderedKeys(ent any, m map[string]any) []string {
	var keys []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				walk(f.Type)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if _, ok := m[name]; ok && name != "" && name != "kind" {
				keys = append(keys, name)
			}
		}
	}
	walk(reflect.TypeOf(ent).Elem())
	return keys
}

// plain renders a JSON value for people: lists joined, contacts as
// "value (types)".
func plain(v any) string {
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, el := range x {
			parts[i] = plain(el)
		}
		return strings.Join(parts, "; ")
	case map[string]any:
		if val, ok := x["value"]; ok {
			s := fmt.Sprint(val)
			if ts, ok := x["types"].([]any); ok && len(ts) > 0 {
				s += " (" + plain(ts) + ")"
			}
			return s
		}
		if f, ok := x["field"]; ok {
			return fmt.Sprintf("%v: %s", f, plain(x["values"]))
		}
		var parts []string
		for _, k := range []string{"street", "locality", "region", "postalCode", "country", "email", "name", "status"} {
			if s, ok := x[k].(string); ok && s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	case string:
		return strings.ReplaceAll(x, "\n", "\n\t")
	}
	return fmt.Sprint(v)
}

// printID returns what prints the ID of what a command made: the ID alone,
// or {"id": …} with --json; an error from making it passes through.
func printID(e *Env) func(id string, err error) error {
	return func(id string, err error) error {
		if err != nil {
			return err
		}
		if e.JSON {
			return writeJSON(e.Stdout, map[string]string{"id": id})
		}
		_, err = fmt.Fprintln(e.Stdout, id)
		return err
	}
}

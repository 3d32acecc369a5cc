package cli

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

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

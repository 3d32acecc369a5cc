package store

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

type fieldType uint8

const (
	register fieldType = iota
	set
	text
)

// fieldSpec is one field of a kind, read from the view struct's lw tag.
type fieldSpec struct {
	name  string
	alias string
	typ   fieldType
	idx   string // tokens, email, phone, uid, date, topic
	ref   Kind   // "any" for refs to several kinds
	// private fields stay on the owner's devices when the entity is shared
	// into a team space (share.go).
	private bool
	index   int // Go struct field index
	elem    reflect.Type
}

type kindSpec struct {
	kind   Kind
	typ    reflect.Type
	fields []*fieldSpec
	byName map[string]*fieldSpec
	title  string // the field lists and search show
}

var schema = map[Kind]*kindSpec{}

func init() {
	for k, v := range map[Kind]Entity{
		KindPerson: &Person{}, KindSource: &Source{}, KindCommunity: &Community{}, KindEvent: &Event{},
		KindInteraction: &Interaction{}, KindLearning: &Learning{}, KindGoal: &Goal{}, KindTopic: &Topic{},
	} {
		schema[k] = specOf(k, reflect.TypeOf(v).Elem())
	}
}

func specOf(k Kind, t reflect.Type) *kindSpec {
	ks := &kindSpec{kind: k, typ: t, byName: map[string]*fieldSpec{}}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("lw")
		if !ok {
			continue
		}
		parts := strings.Split(tag, ",")
		fs := &fieldSpec{name: parts[0], index: i}
		switch sf.Type.Kind() {
		case reflect.Slice:
			fs.typ, fs.elem = set, sf.Type.Elem()
		case reflect.String, reflect.Bool:
			fs.typ = register
		default:
			panic(fmt.Sprintf("store: field %s.%s: unsupported type %s", t.Name(), sf.Name, sf.Type))
		}
		for _, p := range parts[1:] {
			key, val, _ := strings.Cut(p, "=")
			switch key {
			case "text":
				fs.typ = text
			case "idx":
				fs.idx = val
				if val == "tokens" {
					fs.idx = idxTokens
				}
			case "ref":
				fs.ref = Kind(val)
			case "alias":
				fs.alias = val
			case "private":
				fs.private = true
			}
		}
		ks.fields = append(ks.fields, fs)
		ks.byName[fs.name] = fs
		fieldNames[fs.name] = fs.name
		if fs.alias != "" {
			ks.byName[fs.alias] = fs
		}
	}
	for _, n := range []string{"name", "title", "what", "date"} {
		if _, ok := ks.byName[n]; ok {
			ks.title = n
			break
		}
	}
	return ks
}

func specFor(k Kind) (*kindSpec, error) {
	ks, ok := schema[k]
	if !ok {
		return nil, fmt.Errorf("%w: unknown kind %q", ErrInvalid, k)
	}
	return ks, nil
}

// Fields lists a kind's field names, for help texts.
func Fields(k Kind) []string {
	ks, err := specFor(k)
	if err != nil {
		return nil
	}
	out := make([]string, len(ks.fields))
	for i, f := range ks.fields {
		out[i] = f.name
	}
	return out
}

// RefersTo is the kind a reference field points at ("any" for several
// kinds), or "" when the field is not a reference.
func RefersTo(k Kind, field string) Kind {
	ks, err := specFor(k)
	if err != nil {
		return ""
	}
	if fs, ok := ks.byName[strings.ToLower(field)]; ok {
		return fs.ref
	}
	return ""
}

// NewEntity returns an empty typed view of the kind.
func NewEntity(k Kind) (Entity, error) {
	ks, err := specFor(k)
	if err != nil {
		return nil, err
	}
	e := reflect.New(ks.typ).Interface().(Entity)
	e.Base().Kind = k
	return e, nil
}

// elementString is the canonical stored form of a set element: the string
// itself, or the normalised JSON of a structured element, so equal elements
// collapse in the add-wins set.
func elementString(v reflect.Value) string {
	if v.Kind() == reflect.String {
		return strings.TrimSpace(v.String())
	}
	normalizeElement(v)
	b, err := json.Marshal(v.Interface())
	if err != nil {
		panic(err) // plain structs of strings
	}
	return string(b)
}

// normalizeElement trims strings and lower-cases, sorts and dedupes type lists.
func normalizeElement(v reflect.Value) {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(strings.TrimSpace(f.String()))
		case reflect.Slice:
			ts := f.Interface().([]string)
			norm := make([]string, 0, len(ts))
			for _, t := range ts {
				if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
					norm = append(norm, t)
				}
			}
			slices.Sort(norm)
			norm = slices.Compact(norm)
			if len(norm) == 0 {
				norm = nil
			}
			f.Set(reflect.ValueOf(norm))
		}
	}
}

// parseElement turns CLI text into a stored element: a plain string, JSON of
// the element, or for contacts "value" with optional " (type,type)".
func parseElement(fs *fieldSpec, s string) (string, error) {
	s = strings.TrimSpace(s)
	if fs.elem.Kind() == reflect.String {
		return s, nil
	}
	ev := reflect.New(fs.elem)
	if strings.HasPrefix(s, "{") {
		if err := json.Unmarshal([]byte(s), ev.Interface()); err != nil {
			return "", fmt.Errorf("%w: %s: %v", ErrInvalid, fs.name, err)
		}
		return elementString(ev.Elem()), nil
	}
	switch e := ev.Interface().(type) {
	case *Contact:
		e.Value = s
		if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
			e.Value, e.Types = s[:i], strings.Split(s[i+2:len(s)-1], ",")
		}
	case *Address:
		e.Street = s
	case *Attendee:
		e.Email = s
	}
	return elementString(ev.Elem()), nil
}

// fieldValues reads a view's field as stored strings.
func fieldValues(fs *fieldSpec, v reflect.Value) []string {
	f := v.Field(fs.index)
	switch f.Kind() {
	case reflect.String:
		return []string{strings.TrimSpace(f.String())}
	case reflect.Bool:
		if f.Bool() {
			return []string{"true"}
		}
		return []string{""}
	}
	out := make([]string, 0, f.Len())
	for i := 0; i < f.Len(); i++ {
		el := reflect.New(fs.elem).Elem()
		el.Set(f.Index(i))
		if s := elementString(el); s != "" && s != "{}" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// setField fills a view's field from stored strings.
func setField(fs *fieldSpec, v reflect.Value, vals []string) {
	f := v.Field(fs.index)
	switch f.Kind() {
	case reflect.String:
		if len(vals) > 0 {
			f.SetString(vals[0])
		}
	case reflect.Bool:
		if len(vals) > 0 {
			b, _ := strconv.ParseBool(vals[0])
			f.SetBool(b)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(f.Type(), 0, len(vals))
		for _, val := range vals {
			el := reflect.New(fs.elem)
			if fs.elem.Kind() == reflect.String {
				el.Elem().SetString(val)
			} else if err := json.Unmarshal([]byte(val), el.Interface()); err != nil {
				continue // an element a newer version wrote in a shape we do not know
			}
			s = reflect.Append(s, el.Elem())
		}
		if s.Len() > 0 {
			f.Set(s)
		}
	}
}

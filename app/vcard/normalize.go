package vcard

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// Escaped separators survive go-vcard (which splits structured values on
// every ';' and unescapes "\," early) as private-use runes, put back by
// text() once values are split.
const (
	escSemi  = '\uE000'
	escComma = '\uE001'
)

var restorer = strings.NewReplacer(string(escSemi), ";", string(escComma), ",")

// text is a decoded value with escaped separators restored.
func text(s string) string {
	if strings.IndexByte(s, 0xEE) < 0 { // both sentinels start with 0xEE
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(restorer.Replace(s))
}

// param is one parameter of a property, values as written.
type param struct {
	name   string
	values []string
}

// prop is a logical line taken apart.
type prop struct {
	group  string
	name   string
	params []param
	value  []byte
}

// parseProp splits a logical line into group, name, parameters and value.
// vCard 2.1 bare parameters (TEL;CELL;PREF, PHOTO;JPEG;BASE64) become
// TYPE= and ENCODING=.
func parseProp(l []byte) (prop, error) {
	var p prop
	i := valueStart(l)
	if i < 0 {
		return p, fmt.Errorf("no ':' between the property name and its value")
	}
	head, value := l[:i], l[i+1:]
	p.value = value
	parts := splitParams(head)
	name := strings.TrimSpace(parts[0])
	if g, n, ok := strings.Cut(name, "."); ok {
		p.group, name = g, n
	}
	if name == "" || strings.ContainsAny(name, " \t\"") {
		return p, fmt.Errorf("%q is not a property name", name)
	}
	p.name = strings.ToUpper(name)
	for _, raw := range parts[1:] {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		k, v, ok := strings.Cut(raw, "=")
		if !ok {
			k, v = bareParam(raw), raw
		}
		k = strings.ToUpper(strings.TrimSpace(k))
		p.params = append(p.params, param{name: k, values: splitValues(v)})
	}
	return p, nil
}

// bareParam names the parameter a vCard 2.1 bare value belongs to.
func bareParam(v string) string {
	switch strings.ToUpper(v) {
	case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
		return "ENCODING"
	}
	return "TYPE"
}

// splitParams splits a property head on ';' outside quotes.
func splitParams(head []byte) []string {
	var out []string
	quoted, start := false, 0
	for i, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case c == ';' && !quoted:
			out = append(out, string(head[start:i]))
			start = i + 1
		}
	}
	return append(out, string(head[start:]))
}

// splitValues splits a parameter value list on ',' outside quotes and
// drops the quotes.
func splitValues(v string) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '"':
			quoted = !quoted
		case v[i] == ',' && !quoted:
			out = append(out, strings.Trim(strings.TrimSpace(v[start:i]), `"`))
			start = i + 1
		}
	}
	return append(out, strings.Trim(strings.TrimSpace(v[start:]), `"`))
}

func (p *prop) param(name string) string {
	for _, q := range p.params {
		if q.name == name && len(q.values) > 0 {
			return q.values[0]
		}
	}
	return ""
}

// decodeValue undoes quoted-printable and converts the value's charset to
// UTF-8: the CHARSET parameter when it names one, else UTF-8 when the bytes
// are UTF-8, else the card's charset, else Windows-1252 (what 8-bit files
// without a charset most often are).
// It reports a note when the charset was unknown.
func (p *prop) decodeValue(cardCharset string) (note string) {
	enc := strings.ToUpper(p.param("ENCODING"))
	if enc == "QUOTED-PRINTABLE" {
		p.value = unQP(p.value)
	}
	cs := strings.ToLower(p.param("CHARSET"))
	if cs == "" && !utf8.Valid(p.value) {
		// 8-bit text without a charset is most likely in the one another
		// property of the card names (Outlook labels only some lines).
		cs = cardCharset
	}
	ascii := isASCII(p.value)
	switch {
	case ascii || enc == "BASE64" || enc == "B":
	case cs == "" || cs == "utf-8" || cs == "utf8":
		if !utf8.Valid(p.value) {
			p.value = decodeWith(charmap.Windows1252, p.value)
		}
	default:
		e, err := htmlindex.Get(cs)
		switch {
		case err != nil && utf8.Valid(p.value):
			note = fmt.Sprintf("unknown CHARSET %q; read as UTF-8", cs)
		case err != nil:
			note = fmt.Sprintf("unknown CHARSET %q; read as Windows-1252", cs)
			p.value = decodeWith(charmap.Windows1252, p.value)
		case utf8.Valid(p.value) && isLatin(cs):
			// Labelled 8-bit but written as UTF-8 (files saved again by
			// an editor): the bytes tell the truth.
		default:
			p.value = decodeWith(e, p.value)
		}
	}
	p.drop("CHARSET")
	if enc == "QUOTED-PRINTABLE" || enc == "8BIT" || enc == "7BIT" {
		p.drop("ENCODING")
	}
	return note
}

// isLatin reports single-byte charsets whose text is never valid UTF-8 by
// accident once it has non-ASCII letters.
func isLatin(cs string) bool {
	return strings.HasPrefix(cs, "iso-8859") || strings.HasPrefix(cs, "windows-125") || strings.HasPrefix(cs, "cp125") || cs == "us-ascii" || cs == "latin1"
}

func decodeWith(e encoding.Encoding, b []byte) []byte {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return b
	}
	return out
}

func (p *prop) drop(name string) {
	out := p.params[:0]
	for _, q := range p.params {
		if q.name != name {
			out = append(out, q)
		}
	}
	p.params = out
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// unQP decodes quoted-printable leniently: a '=' not followed by two hex
// digits is kept as it is (mime/quotedprintable would fail the value).
func unQP(v []byte) []byte {
	if bytes.IndexByte(v, '=') < 0 {
		return v
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		if v[i] == '=' && i+2 < len(v) {
			if h, ok := unhex(v[i+1]); ok {
				if l, ok := unhex(v[i+2]); ok {
					out = append(out, h<<4|l)
					i += 2
					continue
				}
			}
		}
		out = append(out, v[i])
	}
	return out
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// goVCardLine writes the property as a line go-vcard parses the same way
// whatever the client wrote: clean parameters, newlines as \n, escaped
// separators kept apart.
func (p *prop) goVCardLine(w *bytes.Buffer) {
	if p.group != "" {
		w.WriteString(p.group)
		w.WriteByte('.')
	}
	w.WriteString(p.name)
	for _, q := range p.params {
		w.WriteByte(';')
		w.WriteString(q.name)
		w.WriteByte('=')
		for i, v := range q.values {
			if i > 0 {
				w.WriteByte(',')
			}
			if strings.ContainsAny(v, ";:,\"\\") {
				v = strings.NewReplacer(`"`, "'", `\`, "/", ",", " ").Replace(v)
				w.WriteByte('"')
				w.WriteString(v)
				w.WriteByte('"')
			} else {
				w.WriteString(v)
			}
		}
	}
	w.WriteByte(':')
	v := p.value
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\r':
			if i+1 < len(v) && v[i+1] == '\n' {
				i++
			}
			w.WriteString(`\n`)
		case c == '\n':
			w.WriteString(`\n`)
		case c == '\\' && i+1 < len(v):
			i++
			switch v[i] {
			case ';':
				w.WriteRune(escSemi)
			case ',':
				w.WriteRune(escComma)
			case 'n', 'N':
				w.WriteString(`\n`)
			case ':':
				w.WriteByte(':')
			case '\\':
				w.WriteString(`\\`)
			default:
				w.WriteByte('\\')
				w.WriteByte(v[i])
			}
		default:
			w.WriteByte(c)
		}
	}
	w.WriteString("\r\n")
}

// cardCharset is the first 8-bit CHARSET a card's lines name.
func cardCharset(lines []line) string {
	for _, l := range lines {
		head := l.text
		if i := valueStart(head); i >= 0 {
			head = head[:i]
		}
		// Not bytes.ToUpper: it changes the length of invalid UTF-8.
		i := indexFold(head, "CHARSET=")
		if i < 0 {
			continue
		}
		cs := head[i+len("CHARSET="):]
		if j := bytes.IndexAny(cs, ";:"); j >= 0 {
			cs = cs[:j]
		}
		if c := strings.ToLower(strings.Trim(string(cs), `"`)); c != "utf-8" && c != "utf8" && c != "us-ascii" {
			return c
		}
	}
	return ""
}

// indexFold is bytes.Index ignoring ASCII case.
func indexFold(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if bytes.EqualFold(b[i:i+len(s)], []byte(s)) {
			return i
		}
	}
	return -1
}

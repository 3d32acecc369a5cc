// Package vcard reads vCard 2.1, 3.0 and 4.0 files into people and writes
// people as vCard 4.0 or 3.0. A normalising scanner repairs what real
// clients write (encodings, folds, 2.1 parameters) before
// github.com/emersion/go-vcard parses each card, one card at a time.
package vcard

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Limits keep a hostile file from taking unbounded memory.
const (
	maxLine = 8 << 20  // one property, unfolded (a large photo)
	maxCard = 16 << 20 // one card
)

// line is one logical line: unfolded, with the physical line it starts on.
type line struct {
	n    int
	text []byte
	cut  bool // longer than maxLine, cut there
}

// rawCard is one card's logical lines, BEGIN and END excluded.
type rawCard struct {
	line    int // where BEGIN:VCARD is
	lines   []line
	problem string // why the card could not be read whole, if it could not
	bad     []string
}

// scanner splits a file into cards of logical lines. It undoes line
// folding, vCard 2.1 quoted-printable soft breaks and unindented 2.1
// base64 blocks, and reads UTF-8 (with or without BOM) and UTF-16.
type scanner struct {
	r    *bufio.Reader
	n    int        // physical lines read
	back []physLine // lines put back, read again last first
	eof  bool
	err  error
	buf  []byte
	long bool // a physical line was longer than maxLine and cut
}

type physLine struct {
	text []byte
	n    int
}

// unread puts a line back to be read next (it is copied).
func (s *scanner) unread(l []byte, n int) {
	s.back = append(s.back, physLine{append([]byte(nil), l...), n})
}

func newScanner(r io.Reader) *scanner {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	case len(head) == 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0:
		dec := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	case len(head) == 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0:
		dec := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	}
	return &scanner{r: br}
}

// physical returns the next physical line without its line ending (CRLF,
// LF or a lone CR), and its number; nil, 0 at the end.
func (s *scanner) physical() ([]byte, int) {
	var l []byte
	var n int
	if len(s.back) > 0 {
		b := s.back[len(s.back)-1]
		s.back = s.back[:len(s.back)-1]
		l, n = b.text, b.n
	} else {
		if s.eof {
			return nil, 0
		}
		s.buf = s.buf[:0]
		for {
			chunk, err := s.r.ReadSlice('\n')
			if len(s.buf)+len(chunk) <= maxLine+2 {
				s.buf = append(s.buf, chunk...)
			} else {
				s.long = true
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil {
				s.eof = true
				if !errors.Is(err, io.EOF) {
					s.err = err
				}
				if len(s.buf) == 0 {
					return nil, 0
				}
			}
			break
		}
		s.n++
		l, n = bytes.TrimRight(s.buf, "\r\n"), s.n
	}
	// A lone CR (old Mac files, mixed endings) also ends a line.
	if i := bytes.IndexByte(l, '\r'); i >= 0 {
		s.n++
		s.unread(l[i+1:], s.n)
		l = l[:i]
	}
	return l, n
}

// logical returns the next logical line, unfolded; ok is false at the end.
func (s *scanner) logical() (line, bool) {
	var l []byte
	var n int
	for {
		p, pn := s.physical()
		if p == nil && pn == 0 {
			return line{}, false
		}
		if len(bytes.TrimSpace(p)) > 0 && !isComment(p) {
			l, n = append([]byte(nil), p...), pn
			break
		}
		s.long = false
	}
	cut := s.long
	s.long = false
	qp, b64 := encodingOf(l)
	for {
		p, pn := s.physical()
		if p == nil && pn == 0 {
			break
		}
		long := s.long
		s.long = false
		switch {
		case isComment(p) && !(qp && bytes.HasSuffix(l, []byte("="))):
			// vCard 2.1 comment lines (Android's exporter tests have them).
			continue
		case qp && bytes.HasSuffix(l, []byte("=")):
			// Quoted-printable soft break: the value goes on, indented or
			// not, possibly after blank lines.
			if len(bytes.TrimSpace(p)) == 0 {
				continue
			}
			l = append(l[:len(l)-1], p...)
		case len(p) > 0 && (p[0] == ' ' || p[0] == '\t'):
			l = append(l, p[1:]...)
		case b64 && isBase64(p):
			// vCard 2.1 base64 blocks run until a blank line, often
			// without the indentation folding needs.
			l = append(l, p...)
		case len(p) > 0 && !looksLikeProperty(p):
			// A raw line break inside a value (clients that forget to
			// fold): the text goes on.
			l = append(append(l, '\n'), p...)
		default:
			s.unread(p, pn)
			s.long = long // it belongs to the line put back
			return line{n: n, text: l, cut: cut}, true
		}
		if len(l) > maxLine || long {
			s.skipRest(qp, b64)
			return line{n: n, text: l[:min(len(l), maxLine)], cut: true}, true
		}
	}
	return line{n: n, text: l, cut: cut}, true
}

// skipRest reads past the rest of a line that was cut, so what is left of
// it is not taken for properties, and without holding it in memory.
func (s *scanner) skipRest(qp, b64 bool) {
	last := []byte("=")
	for {
		p, pn := s.physical()
		if p == nil && pn == 0 {
			return
		}
		cont := qp && bytes.HasSuffix(last, []byte("=")) || len(p) > 0 && (p[0] == ' ' || p[0] == '\t') || b64 && isBase64(p) || len(p) > 0 && !looksLikeProperty(p)
		if !cont {
			s.unread(p, pn)
			return
		}
		last = append(last[:0], p[max(0, len(p)-1):]...)
	}
}

// isComment reports a vCard 2.1 comment line: '#' first.
func isComment(p []byte) bool { return len(p) > 0 && p[0] == '#' }

// encodingOf reports whether a line's parameters say quoted-printable or
// base64.
func encodingOf(l []byte) (qp, b64 bool) {
	head := l
	if i := valueStart(l); i >= 0 {
		head = l[:i]
	}
	if bytes.IndexByte(head, ';') < 0 {
		return false, false
	}
	up := bytes.ToUpper(head)
	qp = bytes.Contains(up, []byte("QUOTED-PRINTABLE"))
	b64 = bytes.Contains(up, []byte("BASE64")) || bytes.Contains(up, []byte("ENCODING=B"))
	return qp, b64
}

// looksLikeProperty reports whether a line starts like "NAME:",
// "NAME;" or "group.NAME:": a letter, then letters, digits, '-' or '.'.
func looksLikeProperty(p []byte) bool {
	for i, c := range p {
		switch {
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'):
		case i > 0 && (c == ':' || c == ';'):
			return true
		default:
			return false
		}
	}
	return len(p) > 0 // a bare name: a broken property, reported as one
}

func isBase64(p []byte) bool {
	p = bytes.TrimSpace(p)
	if len(p) == 0 {
		return false
	}
	for _, c := range p {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return true
}

// valueStart is the index of the colon that ends a line's name and
// parameters (colons inside quoted parameter values do not count), or -1.
func valueStart(l []byte) int {
	quoted := false
	for i, c := range l {
		switch c {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				return i
			}
		}
	}
	return -1
}

// card returns the next card, or nil at the end of the file.
func (s *scanner) card() *rawCard {
	var c *rawCard
	size, depth, agent := 0, 0, false
	for {
		l, ok := s.logical()
		if !ok {
			if c != nil && c.problem == "" {
				c.problem = fmt.Sprintf("the file is cut short at line %d (no END:VCARD); the card was read up to there", s.n)
			}
			return c
		}
		name, value := nameValue(l.text)
		begin := name == "BEGIN" && equalFold(value, "VCARD")
		end := name == "END" && equalFold(value, "VCARD")
		if c == nil {
			if begin {
				c = &rawCard{line: l.n}
			}
			continue // text outside cards (VLIST, blank, garbage) is not ours
		}
		// A 2.1 AGENT card inside this one, its BEGIN on the next line or
		// as AGENT's value: not a person of ours, and the outer card goes
		// on after its END.
		nested := name == "AGENT" && bytes.HasPrefix(bytes.ToUpper(value), []byte("BEGIN:VCARD"))
		switch {
		case begin && agent, nested:
			depth++
			agent = false
			continue
		case begin && depth == 0:
			// No END before the next card: keep what we have, start again.
			s.unread(l.text, l.n)
			if c.problem == "" {
				c.problem = fmt.Sprintf("no END:VCARD before line %d; the card was read up to there", l.n)
			}
			return c
		case end && depth > 0:
			depth--
			continue
		case end:
			return c
		case depth > 0:
			continue
		}
		agent = name == "AGENT" && len(bytes.TrimSpace(value)) == 0
		if size += len(l.text); size > maxCard {
			if c.problem == "" {
				c.problem = fmt.Sprintf("the card is larger than %d MB", maxCard>>20)
			}
			continue
		}
		c.lines = append(c.lines, l)
	}
}

// nameValue splits a logical line into its upper-case property name
// (without group) and its value.
func nameValue(l []byte) (string, []byte) {
	i := valueStart(l)
	if i < 0 {
		return "", nil
	}
	head := l[:i]
	if j := bytes.IndexByte(head, ';'); j >= 0 {
		head = head[:j]
	}
	if j := bytes.IndexByte(head, '.'); j >= 0 {
		head = head[j+1:]
	}
	return string(bytes.ToUpper(bytes.TrimSpace(head))), bytes.TrimSpace(l[i+1:])
}

func equalFold(b []byte, s string) bool { return bytes.EqualFold(b, []byte(s)) }

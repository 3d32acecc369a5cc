package vcard

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	govcard "github.com/emersion/go-vcard"

	"learnwork/app/importer"
	"learnwork/store"
)

// Contact is one card of a file as a person.
type Contact struct {
	Line   int           // where the card starts, 1-based
	Person *store.Person // Kind set, no ID
	// Notes say what could not be read ("line 12: BDAY "31/02" is not a
	// date; the birthday was left out"); the rest of the card was.
	Notes []string
}

// CardError is a card that could not be imported at all.
type CardError struct {
	Line   int
	Reason string
}

func (e *CardError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// Reader reads a vCard file card by card, holding one card at a time.
type Reader struct {
	s   *scanner
	cnt *importer.Counter
	buf bytes.Buffer
	br  *bufio.Reader // go-vcard's reader over buf, kept: one per card cost 4 KB each
}

// NewReader reads vCards from r.
func NewReader(r io.Reader) *Reader {
	cnt := &importer.Counter{R: r}
	rd := &Reader{s: newScanner(cnt), cnt: cnt}
	rd.br = bufio.NewReader(&rd.buf)
	return rd
}

// Offset is how many bytes of the input have been read, for progress.
func (r *Reader) Offset() int64 { return r.cnt.N }

// Next returns the next card. A card that cannot be imported gives a
// *CardError and reading can go on; the end of the input gives io.EOF.
func (r *Reader) Next() (*Contact, error) {
	rc := r.s.card()
	if rc == nil {
		if r.s.err != nil {
			return nil, r.s.err
		}
		return nil, io.EOF
	}
	return r.decode(rc)
}

func (r *Reader) decode(rc *rawCard) (*Contact, error) {
	c := &Contact{Line: rc.line}
	if rc.problem != "" {
		c.Notes = append(c.Notes, rc.problem)
	}
	// Each line is normalised on its own, so one bad line loses that line
	// and not the card.
	lines := map[string][]int{}
	charset := cardCharset(rc.lines)
	r.buf.Reset()
	r.buf.WriteString("BEGIN:VCARD\r\n")
	for _, l := range rc.lines {
		p, err := parseProp(l.text)
		if err != nil {
			c.Notes = append(c.Notes, fmt.Sprintf("line %d: %v; the line was left out", l.n, err))
			continue
		}
		if p.name == "BEGIN" || p.name == "END" {
			continue
		}
		if l.cut {
			c.Notes = append(c.Notes, fmt.Sprintf("line %d: %s is longer than %d MB; it was cut there", l.n, p.name, maxLine>>20))
		}
		if note := p.decodeValue(charset); note != "" {
			c.Notes = append(c.Notes, fmt.Sprintf("line %d: %s", l.n, note))
		}
		p.goVCardLine(&r.buf)
		lines[p.name] = append(lines[p.name], l.n)
	}
	r.buf.WriteString("END:VCARD\r\n")
	r.br.Reset(&r.buf)
	card, err := govcard.NewDecoder(r.br).Decode()
	if err != nil {
		return nil, &CardError{Line: rc.line, Reason: err.Error()}
	}
	m := mapper{card: card, lines: lines}
	p, err := m.person()
	if err != nil {
		return nil, &CardError{Line: rc.line, Reason: err.Error()}
	}
	c.Person = p
	c.Notes = append(c.Notes, m.notes...)
	return c, nil
}

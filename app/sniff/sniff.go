// Package sniff tells an address book from a calendar by what a file
// holds, never by its name: a vCard saved as .ics, or a calendar dropped
// without an extension, still goes to the right importer.
package sniff

import (
	"bytes"
	"unicode/utf16"
)

// Format is what a file holds.
type Format int

const (
	Unknown Format = iota
	VCard
	ICalendar
)

// Detect reads the first bytes of a file (a few KB): a UTF-8 BOM, UTF-16
// with or without a BOM, and any case are accepted, and whichever of
// BEGIN:VCARD and BEGIN:VCALENDAR (or a bare BEGIN:VEVENT) comes first
// decides.
func Detect(head []byte) Format {
	text := bytes.ToUpper(Unicode(head))
	first, format := -1, Unknown
	for _, m := range []struct {
		word   string
		format Format
	}{{"BEGIN:VCARD", VCard}, {"BEGIN:VCALENDAR", ICalendar}, {"BEGIN:VEVENT", ICalendar}} {
		if i := indexAtLineStart(text, m.word); i >= 0 && (first < 0 || i < first) {
			first, format = i, m.format
		}
	}
	return format
}

// Unicode is data with a UTF-8 BOM dropped and UTF-16 decoded to UTF-8 (a
// file without a BOM is taken for UTF-16 when most of its odd or even
// bytes are zero); anything else is returned as it is.
func Unicode(head []byte) []byte {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return head[3:]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return fromUTF16(head[2:], false)
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return fromUTF16(head[2:], true)
	}
	zeros := [2]int{}
	for i, c := range head {
		if c == 0 {
			zeros[i%2]++
		}
	}
	switch n := len(head) / 2; {
	case n > 0 && zeros[1] > n*3/4:
		return fromUTF16(head, false)
	case n > 0 && zeros[0] > n*3/4:
		return fromUTF16(head, true)
	}
	return head
}

func fromUTF16(b []byte, big bool) []byte {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if big {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return []byte(string(utf16.Decode(u)))
}

// indexAtLineStart finds word at the start of a line, spaces before it
// forgiven.
func indexAtLineStart(text []byte, word string) int {
	from := 0
	for {
		i := bytes.Index(text[from:], []byte(word))
		if i < 0 {
			return -1
		}
		i += from
		j := i
		for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
			j--
		}
		if j == 0 || text[j-1] == '\n' || text[j-1] == '\r' {
			return i
		}
		from = i + len(word)
	}
}

package network

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// isoDate reads a date as Google writes it: YYYY-MM-DD, or --MM-DD
// without a year. It returns the form the store keeps.
func isoDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "--"); ok {
		if _, err := time.Parse("01-02", rest); err == nil || rest == "02-29" {
			return "--" + rest, true
		}
		return "", false
	}
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return d.Format("2006-01-02"), true
	}
	return "", false
}

// dayOrder is how a locale writes a numeric date.
type dayOrder int

const (
	monthFirst dayOrder = iota // 3/15/1985 (English Outlook)
	dayFirst                   // 15.3.1985, 15/03/1985 (German, French)
)

// localDate reads a date as Outlook writes it in its locale's order, or
// YYYY-MM-DD. Outlook writes "0/0/00" (or "00.00.00") for no date: ok and
// empty.
func localDate(s string, order dayOrder) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if d, ok := isoDate(s); ok {
		return d, true
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) != 3 {
		return "", false
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return "", false
		}
		n[i] = v
	}
	if n[0] == 0 && n[1] == 0 {
		return "", true
	}
	month, day, year := n[0], n[1], n[2]
	if order == dayFirst {
		month, day = n[1], n[0]
	}
	if year < 100 {
		year += 1900
		if year < 1930 {
			year += 100
		}
	}
	d := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if d.Day() != day || int(d.Month()) != month {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day), true
}

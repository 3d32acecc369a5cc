package nurture

import (
	"fmt"
	"strconv"
	"strings"
)

// Cadence is how often to be in touch: due (amber) after Ideal days,
// overdue (red) after Max.
type Cadence struct {
	Ideal int `json:"ideal"`
	Max   int `json:"max"`
}

// ParseCadence reads "30" (ideal 30 days, maximum half as long again) or
// "30/60". Empty is no cadence (ok false, no error).
func ParseCadence(s string) (Cadence, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Cadence{}, false, nil
	}
	idealS, maxS, hasMax := strings.Cut(s, "/")
	ideal, err := strconv.Atoi(strings.TrimSpace(idealS))
	if err != nil || ideal <= 0 {
		return Cadence{}, false, fmt.Errorf("cadence %q: want days, like 30 or 30/60", s)
	}
	c := Cadence{Ideal: ideal, Max: ideal + (ideal+1)/2}
	if hasMax {
		m, err := strconv.Atoi(strings.TrimSpace(maxS))
		if err != nil || m < ideal {
			return Cadence{}, false, fmt.Errorf("cadence %q: the maximum must be days, at least the ideal %d", s, ideal)
		}
		c.Max = m
	}
	return c, true, nil
}

// String is the stored form.
func (c Cadence) String() string { return fmt.Sprintf("%d/%d", c.Ideal, c.Max) }

// LevelAfter is how due something is after days without contact.
func (c Cadence) LevelAfter(days int) Level {
	switch {
	case days >= c.Max:
		return Red
	case days >= c.Ideal:
		return Amber
	}
	return OK
}

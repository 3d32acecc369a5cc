package occur

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// ParseRule reads an RRULE value as real files write it, for a series
// starting at dtstart: spaces in lists ("BYDAY=MO, TU"), empty parts
// ("WKST="), trailing commas, lower case and an "RRULE:" prefix are
// forgiven; RSCALE=GREGORIAN is the only calendar scale.
func ParseRule(rule string, dtstart time.Time) (*rrule.ROption, error) {
	clean, err := CleanRule(rule)
	if err != nil {
		return nil, err
	}
	if err := checkParts(clean); err != nil {
		return nil, fmt.Errorf("RRULE %q: %w", rule, err)
	}
	ro, err := rrule.StrToROptionInLocation(clean, dtstart.Location())
	if err != nil {
		return nil, fmt.Errorf("RRULE %q: %v", rule, err)
	}
	ro.Dtstart = dtstart
	if !ro.Until.IsZero() && isDateOnly(clean, "UNTIL") && (dtstart.Hour() != 0 || dtstart.Minute() != 0 || dtstart.Second() != 0) {
		// A date UNTIL on a timed series: the whole day counts.
		ro.Until = ro.Until.AddDate(0, 0, 1).Add(-time.Second)
	}
	if ro.Interval < 0 || ro.Interval > 10000 {
		return nil, fmt.Errorf("RRULE %q: INTERVAL %d is out of range", rule, ro.Interval)
	}
	if _, err := rrule.NewRRule(*ro); err != nil {
		return nil, fmt.Errorf("RRULE %q: %v", rule, err)
	}
	return ro, nil
}

// CleanRule normalises an RRULE value to what rrule-go parses.
func CleanRule(rule string) (string, error) {
	rule = strings.TrimSpace(rule)
	if len(rule) > 6 && strings.EqualFold(rule[:6], "RRULE:") {
		rule = rule[6:]
	}
	var parts []string
	for _, p := range strings.Split(rule, ";") {
		key, val, ok := strings.Cut(p, "=")
		key = strings.ToUpper(strings.TrimSpace(key))
		val = strings.ToUpper(strings.Join(strings.Fields(val), ""))
		val = strings.Trim(val, ",")
		for strings.Contains(val, ",,") {
			val = strings.ReplaceAll(val, ",,", ",")
		}
		switch {
		case key == "" || !ok || val == "":
			continue
		case key == "RSCALE":
			if val != "GREGORIAN" {
				return "", fmt.Errorf("RRULE %q: calendar scale %s is not supported", rule, val)
			}
			continue
		case key == "SKIP" || strings.HasPrefix(key, "X-"):
			continue
		case key == "UNTIL":
			val = strings.ReplaceAll(val, "-", "")
			val = strings.ReplaceAll(val, ":", "")
		}
		parts = append(parts, key+"="+val)
	}
	if len(parts) == 0 {
		return "", fmt.Errorf("RRULE %q is empty", rule)
	}
	return strings.Join(parts, ";"), nil
}

// ranges are the values each BY part may take (negative ones count from
// the end), so a bad rule is told in words rather than by the parser.
var ranges = map[string][2]int{
	"BYSECOND": {0, 60}, "BYMINUTE": {0, 59}, "BYHOUR": {0, 23}, "BYMONTH": {1, 12},
	"BYMONTHDAY": {1, 31}, "BYYEARDAY": {1, 366}, "BYWEEKNO": {1, 53}, "BYSETPOS": {1, 366},
}

// checkParts checks a cleaned rule's numbers: BY parts in range, INTERVAL
// and COUNT positive, UNTIL a date.
func checkParts(clean string) error {
	for _, p := range strings.Split(clean, ";") {
		key, val, _ := strings.Cut(p, "=")
		switch r, ok := ranges[key]; {
		case ok:
			for _, v := range strings.Split(val, ",") {
				n, err := strconv.Atoi(v)
				signed := key != "BYSECOND" && key != "BYMINUTE" && key != "BYHOUR" && key != "BYMONTH"
				if err != nil || n < r[0] && !(signed && n <= -r[0] && n >= -r[1]) || n > r[1] {
					return fmt.Errorf("%s %s is out of range (%d to %d)", key, v, r[0], r[1])
				}
			}
		case key == "INTERVAL" || key == "COUNT":
			if n, err := strconv.Atoi(val); err != nil || n < 1 {
				return fmt.Errorf("%s %s is not a positive number", key, val)
			}
		case key == "UNTIL":
			if _, err := time.Parse("20060102", val[:min(8, len(val))]); err != nil || len(val) != 8 && len(val) != 15 && len(val) != 16 {
				return fmt.Errorf("UNTIL %s is not a date", val)
			}
		}
	}
	return nil
}

func isDateOnly(rule, key string) bool {
	for _, p := range strings.Split(rule, ";") {
		if k, v, _ := strings.Cut(p, "="); k == key {
			return len(v) == 8
		}
	}
	return false
}

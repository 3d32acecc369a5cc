package occur

import (
	"fmt"
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

func isDateOnly(rule, key string) bool {
	for _, p := range strings.Split(rule, ";") {
		if k, v, _ := strings.Cut(p, "="); k == key {
			return len(v) == 8
		}
	}
	return false
}

package nurture

import "fmt"

// Balance is the give and take with a person or community.
type Balance struct {
	Gave     int    `json:"gave"`
	Received int    `json:"received"`
	Mutual   int    `json:"mutual"`
	Net      int    `json:"net"`   // gave minus received
	Words    string `json:"words"` // the balance said plainly
	Nudge    string `json:"nudge,omitempty"`
}

// BalanceOf says how the give and take stands; threshold is the nudge
// threshold (Settings.Lopsided).
func BalanceOf(name string, gave, received, mutual, threshold int) Balance {
	if threshold <= 0 {
		threshold = Settings{}.withDefaults().Lopsided
	}
	b := Balance{Gave: gave, Received: received, Mutual: mutual, Net: gave - received}
	switch {
	case gave == 0 && received == 0 && mutual == 0:
		b.Words = "nothing exchanged yet"
	case b.Net == 0 && gave == 0:
		b.Words = ""
	case b.Net == 0:
		b.Words = fmt.Sprintf("as much given as received (%d each)", gave)
	case b.Net > 0:
		b.Words = fmt.Sprintf("you gave %d more than you received", b.Net)
	default:
		b.Words = fmt.Sprintf("you received %d more than you gave", -b.Net)
	}
	if mutual > 0 {
		both := plural(mutual, "exchange", "exchanges") + " both ways"
		if b.Words == "" {
			b.Words = both
		} else {
			b.Words += ", and " + both
		}
	}
	b.Nudge, _ = lopsided(name, gave, received, threshold)
	return b
}

// lopsided is the gentle nudge when far more came in than went out.
func lopsided(name string, gave, received, threshold int) (string, bool) {
	if received-gave < threshold || gave*2 >= received {
		return "", false
	}
	if gave == 0 {
		return fmt.Sprintf("you've received %d things from %s and given none", received, name), true
	}
	return fmt.Sprintf("you've received %d things from %s and given %d", received, name, gave), true
}

package app

import (
	"bufio"
	"fmt"
	"testing"
)

// bigLinkedIn writes (once per machine) a LinkedIn Connections.csv of n
// connections as LinkedIn writes it: the note before the header, one
// email in ten, company, position and the date connected.
func bigLinkedIn(tb testing.TB, n int) string {
	return benchFile(tb, fmt.Sprintf("learnwork-bench-linkedin-%dk-v1.csv", n/1000), func(w *bufio.Writer) {
		w.WriteString("\uFEFFNotes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261\"\n\n")
		w.WriteString("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
		months := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
		for i := range n {
			g, l := benchPerson(i)
			email := ""
			if i%10 == 0 {
				email = fmt.Sprintf("%s.%d@work.example", g, i)
			}
			fmt.Fprintf(w, "%s,%s %d,https://www.linkedin.com/in/%s-%s-%x,%s,\"Organisation %d, Ltd\",Learning designer,%02d %s %d\n",
				g, l, i, g, l, i*7919, email, i%500, 1+i%28, months[i%12], 2008+i%17)
		}
	})
}

// BenchmarkLinkedInImport30k: issue 20's target. It times the import of
// a 30,000-connection export into a new store and the re-import (which
// must change nothing), and reports peak RSS.
func BenchmarkLinkedInImport30k(b *testing.B) {
	const n = 30000
	path := bigLinkedIn(b, n)
	for b.Loop() {
		importTwice(b, path, n)
	}
}

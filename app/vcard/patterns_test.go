package vcard

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"learnwork/store"
)

// roundTrip writes p in both versions and reads it back: it must be the
// same person.
func roundTrip(t *testing.T, p *store.Person) {
	t.Helper()
	for _, version := range []string{"4.0", "3.0"} {
		var buf bytes.Buffer
		if err := (Encoder{Version: version}).Encode(&buf, p); err != nil {
			t.Fatal(err)
		}
		if back := one(t, buf.String()).Person; !reflect.DeepEqual(back, p) {
			t.Errorf("%s round trip:\n got %+v\nwant %+v\n%s", version, back, p, buf.String())
		}
	}
}

// Android's exporter tests (v21_comment.vcf): a line starting with '#' is
// a comment, except where a quoted-printable value goes on.
func TestCommentLines(t *testing.T) {
	c := one(t, "BEGIN:VCARD\r\nVERSION:2.1\r\nN:;Conference Call\r\nFN:Conference Call\r\n# This line must be ignored.\r\n"+
		"NOTE;ENCODING=QUOTED-PRINTABLE:This is an (sharp ->=\r\n#<- sharp) example. This message must NOT be ignored.\r\nEND:VCARD\r\n")
	eq(t, "name", c.Person.Name, "Conference Call")
	eq(t, "note", c.Person.Notes, "This is an (sharp ->#<- sharp) example. This message must NOT be ignored.")
}

// vCard 2.1 AGENT cards, nested on AGENT's own line or the next: the
// outer card keeps its name and everything after the nested card.
func TestNestedAgentCard(t *testing.T) {
	for _, agent := range []string{"AGENT:BEGIN:VCARD\r\n", "AGENT:\r\nBEGIN:VCARD\r\n"} {
		ok, bad := readAll(t, []byte("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Friday;Fred\r\nTEL;WORK;VOICE:+1-213-555-1234\r\n"+agent+
			"VERSION:2.1\r\nN:Assistant;Amy\r\nTEL;CELL:+1-213-555-9999\r\nEND:VCARD\r\n"+
			"EMAIL;INTERNET:fred@example.org\r\nORG:Friday Industries\r\nEND:VCARD\r\n"))
		if len(ok) != 1 || len(bad) != 0 {
			t.Fatalf("%q: %d cards, refused %v", agent, len(ok), bad)
		}
		p := ok[0].Person
		eq(t, "name", p.Name, "Fred Friday")
		eq(t, "phones", contacts(p.Phones), []string{"+1-213-555-1234 (work)"})
		eq(t, "emails", contacts(p.Emails), []string{"fred@example.org"})
		eq(t, "org", p.Org, "Friday Industries")
	}
}

// Chat handles as Evolution, Kontact and Thunderbird write them in 3.0
// (one X- property per service) and as Apple and RFC 6350 do in 4.0
// (IMPP with a scheme): each is a profile with its service, and goes back
// out in the form it came.
func TestChatHandles(t *testing.T) {
	v3 := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Chat\r\n" +
		"X-GROUPWISE;X-EVOLUTION-UI-SLOT=1;TYPE=HOME:ann.gw\r\nX-GADUGADU;TYPE=HOME:123456\r\nX-SIP;TYPE=WORK:ann@sip.example\r\nX-QQ:987654\r\n" +
		"X-AIM;TYPE=HOME:annaim\r\nX-ICQ:55555\r\nX-JABBER;TYPE=HOME:ann@jabber.example\r\nX-MSN:ann@hotmail.example\r\nX-YAHOO:annyahoo\r\n" +
		"X-SKYPE:ann.skype\r\nX-TWITTER:@ann\r\nX-MASTODON:@ann@mastodon.example\r\nEND:VCARD\r\n"
	p := one(t, v3).Person
	want := []string{"123456 (gadugadu)", "55555 (icq)", "987654 (qq)", "@ann (twitter)", "@ann@mastodon.example (mastodon)", "ann.gw (groupwise)", "ann.skype (skype)",
		"ann@hotmail.example (msn)", "ann@jabber.example (xmpp)", "ann@sip.example (sip)", "annaim (aim)", "annyahoo (yahoo)"}
	eq(t, "3.0 profiles", contacts(p.Profiles), want)
	roundTrip(t, p)
	var buf bytes.Buffer
	(Encoder{Version: "3.0"}).Encode(&buf, p)
	for _, prop := range []string{"X-GROUPWISE:ann.gw", "X-GADUGADU:123456", "X-SIP:ann@sip.example", "X-QQ:987654", "X-JABBER:ann@jabber.example", "X-SOCIALPROFILE;TYPE=twitter:@ann"} {
		if !strings.Contains(buf.String(), prop+"\r\n") {
			t.Errorf("3.0 export lacks %s:\n%s", prop, buf.String())
		}
	}

	v4 := "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ben Chat\r\n" +
		"IMPP;PREF=1:xmpp:ben@jabber.example\r\nIMPP:aim:benaim\r\nIMPP:msnim:ben@live.example\r\nIMPP:ymsgr:benyahoo\r\nIMPP:skype:ben.skype\r\n" +
		"IMPP:sip:ben@sip.example\r\nIMPP;X-SERVICE-TYPE=QQ:x-apple:112233\r\nIMPP;X-SERVICE-TYPE=GoogleTalk:xmpp:ben@gmail.example\r\n" +
		"IMPP:x-apple:ben.apple\r\nIMPP:irc:ben@irc.example\r\nIMPP:matrix:@ben:matrix.example\r\nEND:VCARD\r\n"
	p = one(t, v4).Person
	want = []string{"112233 (qq)", "ben.skype (skype)", "ben@gmail.example (gtalk)", "ben@jabber.example (xmpp)", "ben@live.example (msn)", "ben@sip.example (sip)",
		"benaim (aim)", "benyahoo (yahoo)", "irc:ben@irc.example (irc)", "matrix:@ben:matrix.example (matrix)", "x-apple:ben.apple (x-apple)"}
	eq(t, "4.0 profiles", contacts(p.Profiles), want)
	roundTrip(t, p)
	buf.Reset()
	(Encoder{Version: "4.0"}).Encode(&buf, p)
	for _, prop := range []string{"IMPP:xmpp:ben@jabber.example", "IMPP;X-SERVICE-TYPE=qq:x-apple:112233", "IMPP:x-apple:ben.apple", "IMPP:matrix:@ben:matrix.example", "IMPP;X-SERVICE-TYPE=gtalk:xmpp:ben@gmail.example"} {
		if !strings.Contains(buf.String(), prop+"\r\n") {
			t.Errorf("4.0 export lacks %s:\n%s", prop, buf.String())
		}
	}
}

// BDAY;VALUE=text (RFC 6350: "circa 1800") is kept as the birthday's
// text and written back as text.
func TestBirthdayAsText(t *testing.T) {
	p := one(t, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Old\r\nBDAY;VALUE=text:circa 1800\r\nANNIVERSARY;VALUE=text:spring 1830\r\nEND:VCARD\r\n").Person
	eq(t, "birthday", p.Birthday, "circa 1800")
	eq(t, "anniversary", p.Anniversary, "spring 1830")
	roundTrip(t, p)
	c := one(t, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Old\r\nBDAY:circa 1800\r\nEND:VCARD\r\n")
	if c.Person.Birthday != "" || len(c.Notes) != 1 {
		t.Errorf("a BDAY in words without VALUE=text: %q, notes %v", c.Person.Birthday, c.Notes)
	}
}

// A file cut off inside a card says where; NUL and other control
// characters leave names, emails and phones; a note over its limit is cut
// and the report says so.
func TestBrokenAndHostileCards(t *testing.T) {
	c := one(t, "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Cut;Carl\r\nTEL;CELL:+44 20 7946 0000\r\nEMAIL:carl@exa")
	if len(c.Notes) != 1 || !strings.Contains(c.Notes[0], "cut short at line 5") {
		t.Errorf("truncated: %v", c.Notes)
	}
	c = one(t, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve\x00\x07 Evil\x1b[31m\r\nEMAIL:eve\x00@example.org\r\nTEL:+1\x00 555\x7f 0100\r\nNOTE:two\\nlines stay\r\nEND:VCARD\r\n")
	eq(t, "name", c.Person.Name, "Eve Evil[31m")
	eq(t, "emails", contacts(c.Person.Emails), []string{"eve@example.org"})
	eq(t, "phones", contacts(c.Person.Phones), []string{"+1 555 0100"})
	eq(t, "note", c.Person.Notes, "two\nlines stay")
	if !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, "control characters were removed") }) {
		t.Errorf("no note of the removal: %v", c.Notes)
	}
	big := strings.Repeat("All work and no play. ", 100000) // 2.2 MB
	c = one(t, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jack\r\nNOTE:"+big+"\r\nEMAIL:jack@example.org\r\nEND:VCARD\r\n")
	if len(c.Person.Notes) > maxNote || len(c.Person.Notes) < maxNote-100 || len(c.Person.Emails) != 1 {
		t.Errorf("note of %d bytes, emails %v", len(c.Person.Notes), c.Person.Emails)
	}
	if !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, "cut to its first 1 MB") }) {
		t.Errorf("no note of the cut: %v", c.Notes)
	}
	huge := strings.Repeat("x", maxLine+1000)
	c = one(t, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jill\r\nNOTE:"+huge+"\r\nEMAIL:jill@example.org\r\nEND:VCARD\r\n")
	if len(c.Person.Emails) != 1 || !slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, "NOTE is longer than 8 MB") }) {
		t.Errorf("emails %v, notes %v", c.Person.Emails, c.Notes)
	}
}

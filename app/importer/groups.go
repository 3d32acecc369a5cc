package importer

import "strings"

// ProviderGroup reports whether a contact group is one a contacts service
// keeps for itself rather than one the person made: Google's My Contacts,
// Starred and Other Contacts, and any system label, which Google writes
// with "* " in front ("* myContacts", "* My Contacts", "* Friends") or, in
// old Android exports, as "System Group: …". Such a group says nothing
// about a person, so no import makes it a topic or a community. A plain
// "Friends" is the person's own group and is kept.
func ProviderGroup(name string) bool {
	name = strings.TrimSpace(name)
	if strings.HasPrefix(name, "*") || hasPrefixFold(name, "system group:") {
		return true
	}
	switch strings.ToLower(strings.ReplaceAll(name, " ", "")) {
	case "mycontacts", "starred", "othercontacts":
		return true
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

package importer

import "testing"

func TestProviderGroup(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{
		{"myContacts", true},           // Google vCard CATEGORIES
		{"My Contacts", true},          // Android vCard CATEGORIES
		{"starred", true},              // Google vCard CATEGORIES
		{"Starred", true},              //
		{"Other Contacts", true},       //
		{"* myContacts", true},         // Google CSV Labels
		{"* starred", true},            //
		{"* My Contacts", true},        // legacy Google CSV Group Membership
		{"* Friends", true},            // a system group written as a system label
		{"* Coworkers", true},          //
		{"System Group: Family", true}, // old Android export
		{"Friends", false},             // the person's own group
		{"Family", false},              //
		{"Book club", false},           //
		{"Contacts and networks", false},
		{"Starred questions", false},
	} {
		if got := ProviderGroup(c.name); got != c.want {
			t.Errorf("ProviderGroup(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}

package main

import "testing"

func TestFromNotification(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"-Embedding"}, true},
		{[]string{"%1", "-Embedding"}, true},
		{[]string{"-embedding"}, true},
		{nil, false},
		{[]string{"list", "people"}, false},
		{[]string{"--data", "D"}, false},
	} {
		if got := fromNotification(c.args); got != c.want {
			t.Errorf("fromNotification(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}

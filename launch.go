package main

import (
	"slices"
	"strings"
)

// fromNotification reports whether Windows started Learnwork for a click on
// one of its notifications after the window had closed: it runs the exe
// with -Embedding (COM activation), which should open the window, not
// fail as an unknown command.
func fromNotification(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return strings.EqualFold(a, "-Embedding") })
}

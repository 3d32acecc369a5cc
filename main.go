// Learnwork keeps a personal learning network on the desktop. With no
// command it opens the window; with one it runs headless (see learnwork help).
package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"

	"learnwork/app"
	"learnwork/app/cli"
)

//go:embed all:frontend/dist
var assets embed.FS

// The window's one list of screens, shared with the frontend.
//
//go:embed frontend/src/lib/screens.json
var screens []byte

func main() {
	args := os.Args[1:]
	if fromNotification(args) {
		args = nil
	}
	if isVersionFlag(args) || cli.IsCommand(args) {
		attachConsole()
	}
	if isVersionFlag(args) {
		fmt.Println(versionLine())
		return
	}
	if cli.IsCommand(args) {
		os.Exit(cli.Main(args, os.Stdin, os.Stdout, os.Stderr))
	}
	dist, err := fs.Sub(assets, "frontend/dist")
	if err == nil {
		err = app.RunWindow(cli.DataDir(args), dist, screens)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "learnwork: %v\n", err)
		os.Exit(1)
	}
}

// Learnwork keeps a personal learning network on the desktop. With no
// command it opens the window; with one it runs headless (see learnwork help).
package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

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
	if cli.IsCommand(args) {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := cli.Run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
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

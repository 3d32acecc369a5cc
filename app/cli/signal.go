package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// stopGrace is how long a command has, after Ctrl+C or SIGTERM cancels
// its context, to end by itself (closing the store) before Main ends it.
const stopGrace = 700 * time.Millisecond

// Main runs a command line as the learnwork binary does and returns the
// exit code. Ctrl+C or SIGTERM cancels the command's context; a command
// still running stopGrace later is ended at once, so whatever it was stuck
// in, the process exits within a second and the data directory's lock
// (a flock the kernel drops with the process) is free. Ending it is as safe
// as kill -9, which the store survives: committed transactions stay, the
// one in flight is not there, an import is reported as interrupted. A
// second Ctrl+C ends the process straight away.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	done := make(chan int, 1)
	go func() { done <- Run(ctx, args, stdin, stdout, stderr) }()
	select {
	case code := <-done:
		return code
	case <-sigs:
	}
	signal.Stop(sigs)
	cancel()
	select {
	case code := <-done:
		return code
	case <-time.After(stopGrace):
		fmt.Fprintln(stderr, "learnwork: stopped")
		return ExitError
	}
}

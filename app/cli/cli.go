// Package cli is Learnwork's command line: the same services as the window,
// headless. Each command is one file's worth of code registered in commands.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"learnwork/app"
	"learnwork/store"
	"learnwork/sync/identity"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// Env is what a command runs with.
type Env struct {
	Ctx     context.Context
	Data    string
	JSON    bool
	Stdout  io.Writer
	Stderr  io.Writer
	Stdin   io.Reader
	Flags   *flag.FlagSet
	Args    []string // positional arguments after the command name
	Service *app.Services
	Store   *store.Store
	// Identity is this device's key (sync signs and pairs with it).
	Identity *identity.Identity
}

// command is one subcommand.
type command struct {
	name    string
	usage   string // arguments, for help
	summary string
	flags   func(fs *flag.FlagSet)
	noStore bool // runs without opening the store
	// lowMemory, given the arguments, says the command is a long one-off
	// job that should open the store with app.LowMemory.
	lowMemory func(args []string) bool
	run       func(e *Env) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// usageError is a mistake in how the command was called (exit 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// IsCommand reports whether args start a CLI command (anything else opens
// the window).
func IsCommand(args []string) bool {
	_, rest, _, err := globalFlags(args)
	return err != nil || len(rest) > 0
}

// globalFlags takes --data and --json (also --data=DIR) from anywhere.
func globalFlags(args []string) (data string, rest []string, jsonOut bool, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--data" || a == "-data":
			if i+1 >= len(args) {
				return "", nil, false, usagef("--data needs a directory")
			}
			data = args[i+1]
			i++
		case strings.HasPrefix(a, "--data="):
			data = strings.TrimPrefix(a, "--data=")
		case a == "--json" || a == "-json":
			jsonOut = true
		default:
			rest = append(rest, a)
		}
	}
	return data, rest, jsonOut, nil
}

// DataDir is the data directory the arguments choose.
func DataDir(args []string) string {
	data, _, _, _ := globalFlags(args)
	if data == "" {
		data = app.DefaultDataDir()
	}
	return data
}

// Run executes a command line and returns the exit code. Errors are one
// line on stderr.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	err := run(ctx, args, stdin, stdout, stderr)
	if err == nil {
		return ExitOK
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintf(stderr, "learnwork: %s\n", msg)
	var u usageError
	if errors.As(err, &u) {
		return ExitUsage
	}
	return ExitError
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	data, rest, jsonOut, err := globalFlags(args)
	if err != nil {
		return err
	}
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "--help" || rest[0] == "-h" {
		help(stdout)
		return nil
	}
	c, ok := commands[rest[0]]
	if !ok {
		return usagef("unknown command %q; try learnwork help", rest[0])
	}
	if data == "" {
		data = app.DefaultDataDir()
	}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if c.flags != nil {
		c.flags(fs)
	}
	pos, err := parseInterspersed(fs, rest[1:])
	if err != nil {
		return usagef("%s: %v (usage: learnwork %s %s)", c.name, err, c.name, c.usage)
	}
	e := &Env{Ctx: ctx, Data: data, JSON: jsonOut, Stdout: stdout, Stderr: stderr, Stdin: stdin, Flags: fs, Args: pos}
	if c.noStore {
		return c.run(e)
	}
	opts := []store.Option{store.OnRebuild(func() {
		fmt.Fprintln(stderr, "learnwork: updating the indexes of data written by an older version (once; a large network takes a little while)")
	})}
	if c.lowMemory != nil && c.lowMemory(pos) {
		opts = append(opts, store.LowMemory())
	}
	s, id, err := app.OpenStore(data, opts...)
	if err != nil {
		return err
	}
	defer s.Close()
	e.Store, e.Service, e.Identity = s, app.New(ctx, s), id
	return c.run(e)
}

// parseInterspersed lets flags follow positional arguments, as in
// "list people --json --query ada".
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func help(w io.Writer) {
	fmt.Fprintln(w, `Learnwork keeps your personal learning network.

Usage:
  learnwork                         open the window
  learnwork [--data DIR] COMMAND [--json] ...

Commands:`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-40s %s\n", strings.TrimSpace(n+" "+c.usage), c.summary)
	}
	fmt.Fprintf(w, "\n--data defaults to %s (set $LEARNWORK_DATA to change it).\n", app.DefaultDataDir())
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// parseEdits reads field=value (set, or add to a list), field+=value and
// field-=value.
func parseEdits(args []string) ([]app.FieldEdit, error) {
	var out []app.FieldEdit
	for _, a := range args {
		field, value, ok := strings.Cut(a, "=")
		if !ok || field == "" {
			return nil, usagef("%q is not field=value", a)
		}
		op := "set"
		switch {
		case strings.HasSuffix(field, "+"):
			op, field = "add", strings.TrimSuffix(field, "+")
		case strings.HasSuffix(field, "-"):
			op, field = "remove", strings.TrimSuffix(field, "-")
		}
		out = append(out, app.FieldEdit{Field: field, Op: op, Value: value})
	}
	return out, nil
}

func kindArg(e *Env, what string) (store.Kind, error) {
	if len(e.Args) == 0 {
		return "", usagef("%s what? one of people, sources, communities, events, interactions, learnings, goals, topics", what)
	}
	k, ok := store.ParseKind(e.Args[0])
	if !ok {
		return "", usagef("unknown kind %q (one of people, sources, communities, events, interactions, learnings, goals, topics)", e.Args[0])
	}
	return k, nil
}

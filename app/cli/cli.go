// Package cli is Learnwork's command line: the same services as the window,
// headless. Every command is a row of the commands table (name, usage,
// flags, handler); each handler is a named function beside its area's
// others (entities.go, import.go, nurture.go, events.go, feeds.go, sync.go).
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	stdsync "sync"
	"time"

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
	Ctx    context.Context
	JSON   bool
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
	Flags  *flag.FlagSet
	Args   []string // positional arguments after the command name
	// App is every service over the data directory, opened once.
	App *app.App
}

// command is one subcommand.
type command struct {
	name    string
	usage   string // arguments, for help
	summary string
	flags   func(fs *flag.FlagSet)
	// lowMemory, given the arguments, says the command is a long one-off
	// job that should open the store with store.LowMemory.
	lowMemory func(args []string) bool
	// noApp, given the arguments, says the command needs no data
	// directory (a server that runs beside the window).
	noApp func(args []string) bool
	run   func(e *Env) error
}

// commands is every command, as help lists them (sorted there).
var commands = []*command{
	// Entities (entities.go)
	{name: "add", usage: "KIND field=value...", summary: "add a person, source, community, event, interaction, learning, goal or topic", run: runAdd},
	{name: "set", usage: "ID field=value|field+=value|field-=value...", summary: "change fields (+= adds to a list, -= removes, field= clears)", run: runSet},
	{name: "delete", usage: "ID...", summary: "move to Trash", run: runDelete},
	{name: "undelete", usage: "ID...", summary: "bring back from Trash", run: runUndelete},
	{name: "show", usage: "ID", summary: "show everything about one entity", run: runShow},
	{name: "list", usage: "KIND [--query TEXT] [--trash] [--limit N] [--offset N]", summary: "list people, sources, communities, events, interactions, learnings, goals or topics", flags: listFlags, run: runList},
	{name: "conflicts", usage: "", summary: "list fields with concurrent values from two devices", run: runConflicts},
	{name: "resolve", usage: "ID FIELD VALUE", summary: "settle a conflicted field on one value", run: runResolve},
	{name: "backup", usage: "FILE", summary: "write a full JSON backup", run: runBackup},
	{name: "restore", usage: "FILE", summary: "restore (merge in) a JSON backup", run: runRestore},
	// Imports and exports (import.go, interrupted.go, export.go, duplicates.go)
	{name: "import", usage: "[--dry-run] [--groups topics|communities] [--columns MAP] [--bluesky-follows HANDLE] FILE...", summary: "import contacts (.vcf, CSV), events (.ics), network exports (LinkedIn, Mastodon, X, Bluesky) and OPML; again and again without duplicates", flags: importFlags, run: runImport},
	{name: "undo-import", usage: "[BATCH]", summary: "undo an import (the last one when no batch is given)", run: runUndoImport},
	{name: "finish-import", usage: "[BATCH]", summary: "finish an interrupted import (the last one when no batch is given) by importing its file again", flags: finishImportFlags, run: runFinishImport},
	{name: "export", usage: "vcf|ics|opml|json [-o FILE] [--v3] [--dir DIR] [--id ID]... [--topic T]", summary: "export contacts, events, sources (OPML, all or one topic's), or everything", flags: exportFlags, run: runExport},
	{name: "duplicates", usage: "[--json]", summary: "people who look like one person (same UID, email, profile, phone or name)", run: runDuplicates},
	{name: "merge", usage: "KEEP OTHER", summary: "merge two people into KEEP, keeping every value; OTHER goes to Trash", run: runMerge},
	{name: "dismiss-duplicate", usage: "A B", summary: "say two people are not one; duplicates stops proposing them", run: runDismissDuplicate},
	// Calendar (events.go)
	{name: "proposals", usage: "", summary: "recurring events that look like communities, to accept or dismiss", run: runProposals},
	{name: "accept-proposal", usage: "KEY [--name NAME] [--since DATE]", summary: "make a proposed community, with the series as its schedule (--since: member since, when sessions not marked start to count)", flags: acceptProposalFlags, run: runAcceptProposal},
	{name: "dismiss-proposal", usage: "KEY", summary: "stop proposing a series as a community", run: runDismissProposal},
	// Nurture (nurture.go)
	{name: "due", usage: "[--limit N]", summary: "who and what needs attention now, most pressing first", flags: dueFlags, run: runDue},
	{name: "snooze", usage: "ID [DATE|DAYS]", summary: "no reminders about someone until a day (default: a week)", run: runSnooze},
	{name: "not-now", usage: "ID", summary: "skip this round without logging contact (back when next due)", run: runNotNow},
	{name: "touch", usage: "ID [--gave|--received|--mutual] [--type TYPE] [--date DATE] [WHAT...]", summary: "log a touch with a person, community or source", flags: touchFlags, run: runTouch},
	{name: "attended", usage: "COMMUNITY|EVENT [DATE]", summary: "mark that you went to a session (a community's, default today, or an event)", run: runAttended},
	{name: "missed", usage: "COMMUNITY|EVENT [DATE]", summary: "mark that you missed a session (a community's, default today, or an event)", run: runMissed},
	{name: "attendance", usage: "COMMUNITY", summary: "a community's sessions, streak and misses", run: runAttendance},
	{name: "ledger", usage: "ID", summary: "the give and take with a person or community", run: runLedger},
	{name: "coverage", usage: "", summary: "topics: who and what feeds each, single-source and stale topics", run: runCoverage},
	{name: "goals", usage: "", summary: "learning goals and their progress from the learning log", run: runGoals},
	{name: "digest", usage: "", summary: "today in a few lines: reconnects, sessions, the weekly prompt", run: runDigest},
	// Feeds and calendar subscriptions (feeds.go)
	{name: "refresh", usage: "[--due]", summary: "fetch every feed and calendar subscription now", flags: refreshFlags, run: runRefresh},
	{name: "feeds", usage: "", summary: "each feed and calendar subscription with its last and next fetch and any problem", run: runFeeds},
	{name: "news", usage: "[--unread] [--topic T] [--person ID] [--limit N]", summary: "what's new from your sources, newest first", flags: newsFlags, run: runNews},
	{name: "subscribe", usage: "URL [--name N] [--person ID]", summary: "follow a calendar (https or webcal) or the feed of a site or profile", flags: subscribeFlags, run: runSubscribe},
	{name: "unsubscribe", usage: "URL|ID", summary: "stop following a calendar or a source's feed", run: runUnsubscribe},
	// Sync (sync.go, sync_direct.go: its own table of subcommands)
	syncCommand,
	// Team spaces (space.go: its own table of subcommands)
	spaceCommand,
}

// lookup finds a command by name.
func lookup(name string) (*command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return nil, false
}

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
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		msg = "stopped" // Ctrl+C or SIGTERM (Main)
	}
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
	c, ok := lookup(rest[0])
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
	e := &Env{Ctx: ctx, JSON: jsonOut, Stdout: stdout, Stderr: stderr, Stdin: stdin, Flags: fs, Args: pos}
	if c.noApp != nil && c.noApp(pos) {
		return c.run(e)
	}
	opts := []store.Option{store.OnRebuild(func() {
		fmt.Fprintln(stderr, "learnwork: updating the indexes of data written by an older version (once; a large network takes a little while)")
	})}
	if c.lowMemory != nil && c.lowMemory(pos) {
		opts = append(opts, store.LowMemory())
	}
	// Direct sync's progress shows as lines on stderr; nothing else has a
	// window to report to.
	a, err := app.Open(data, app.Options{Window: &progressLines{w: stderr}, Store: opts, Context: e.Ctx})
	if err != nil {
		return err
	}
	defer a.Close()
	e.App = a
	reportInterrupted(e, c.name)
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
	sorted := slices.SortedFunc(slices.Values(commands), func(a, b *command) int { return strings.Compare(a.name, b.name) })
	for _, c := range sorted {
		fmt.Fprintf(w, "  %-40s %s\n", strings.TrimSpace(c.name+" "+c.usage), c.summary)
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

// The typed values of a command's flags (declared in its flags function).

func intFlag(e *Env, name string) int {
	v, _ := e.Flags.Lookup(name).Value.(flag.Getter).Get().(int)
	return v
}

func boolFlag(e *Env, name string) bool {
	v, _ := e.Flags.Lookup(name).Value.(flag.Getter).Get().(bool)
	return v
}

func stringFlag(e *Env, name string) string {
	v, _ := e.Flags.Lookup(name).Value.(flag.Getter).Get().(string)
	return v
}

// progressLines is the CLI's window: it reports direct sync's progress on
// stderr, a line at most every 100 ms, so a person (or a test) sees a
// long sync move; other work has its own output.
type progressLines struct {
	w    io.Writer
	mu   stdsync.Mutex
	last time.Time
}

func (p *progressLines) Emit(string, any) {}

func (p *progressLines) Progress(id, kind string, done, total int) {
	if kind != "direct" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if done < total && time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "sync: received %d of %d changes from %s\n", done, total, identity.Short(id))
}

package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"learnwork/app"
	"learnwork/sync/space"
)

// spaceCommands is every "space" subcommand, as "space help" lists them.
var spaceCommands = []*command{
	{name: "create", usage: "NAME [--server nats://HOST:PORT] [--creds FILE]", summary: "make a team space on a NATS server (tls:// for TLS; --creds a NATS credentials file)", run: runSpaceCreate},
	{name: "invite", usage: "SPACE [-o FILE]", summary: "make a one-time invitation for a colleague", run: runSpaceInvite},
	{name: "join", usage: "FILE|CODE [--creds FILE]", summary: "join a team space with an invitation", run: runSpaceJoin},
	{name: "members", usage: "SPACE", summary: "the space's members", run: runSpaceMembers},
	{name: "remove", usage: "SPACE MEMBER", summary: "take a member out; it reads nothing shared from then on", run: runSpaceRemove},
	{name: "leave", usage: "SPACE", summary: "leave a space (what you shared stays with the members)", run: runSpaceLeave},
	{name: "share", usage: "SPACE ID...|--topic T", summary: "share items, or a topic and everything about it (people only by name)", run: runSpaceShare},
	{name: "unshare", usage: "SPACE ID...", summary: "stop sharing items (members keep what they have)", run: runSpaceUnshare},
	{name: "sync", usage: "[SPACE]", summary: "exchange with the space's server now", run: runSpaceSync},
	{name: "together", usage: "SPACE", summary: "what the team learned this week, its sources, topics one member covers, next sessions", run: runSpaceTogether},
	{name: "serve", usage: "--listen ADDR --store DIR", summary: "run a NATS server for your team's spaces on this machine until stopped", run: runSpaceServe},
	{name: "status", usage: "[--json]", summary: "each space: connected, behind, last exchange", run: runSpaceStatus},
}

var spaceCommand = &command{
	name: "space", usage: "create | invite | join | members | remove | leave | share | unshare | sync | together | serve | status",
	summary: "team spaces: share part of your network with colleagues (see learnwork space help)",
	flags:   spaceFlags,
	noApp:   func(args []string) bool { return len(args) > 0 && args[0] == "serve" },
	run:     runSpace,
}

func spaceFlags(fs *flag.FlagSet) {
	fs.String("server", "nats://127.0.0.1:4222", "the NATS server of a new space")
	fs.String("creds", "", "a NATS credentials file")
	fs.String("o", "", "write the invitation to FILE")
	fs.String("topic", "", "share a topic and everything about it")
	fs.String("listen", "127.0.0.1:4222", "where the space server listens")
	fs.String("store", "", "where the space server keeps its streams")
}

func runSpace(e *Env) error {
	if len(e.Args) == 0 || e.Args[0] == "help" {
		sorted := slices.SortedFunc(slices.Values(spaceCommands), func(a, b *command) int { return strings.Compare(a.name, b.name) })
		fmt.Fprintln(e.Stdout, "learnwork space COMMAND:")
		for _, c := range sorted {
			fmt.Fprintf(e.Stdout, "  %-48s %s\n", strings.TrimSpace(c.name+" "+c.usage), c.summary)
		}
		return nil
	}
	i := slices.IndexFunc(spaceCommands, func(c *command) bool { return c.name == e.Args[0] })
	if i < 0 {
		return usagef("unknown space command %q; try learnwork space help", e.Args[0])
	}
	e.Args = e.Args[1:]
	return spaceCommands[i].run(e)
}

func runSpaceCreate(e *Env) error {
	if len(e.Args) == 0 {
		return usagef("space create needs a name")
	}
	v, err := e.App.Spaces.Create(strings.Join(e.Args, " "), stringFlag(e, "server"), stringFlag(e, "creds"))
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, v)
	}
	_, err = fmt.Fprintf(e.Stdout, "Made the team space %q. Invite colleagues with: learnwork space invite %q\n", v.Name, v.Name)
	return err
}

func runSpaceInvite(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("space invite needs the space's name")
	}
	inv, err := e.App.Spaces.Invite(e.Args[0])
	if err != nil {
		return err
	}
	if out := stringFlag(e, "o"); out != "" {
		if err := os.WriteFile(out, []byte(inv.File), 0o600); err != nil {
			return err
		}
		if e.JSON {
			return writeJSON(e.Stdout, map[string]string{"file": out, "code": inv.Code})
		}
		_, err = fmt.Fprintf(e.Stdout, "Wrote %s. Your colleague runs: learnwork space join %s\n", out, out)
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, inv)
	}
	_, err = fmt.Fprint(e.Stdout, inv.File)
	return err
}

func runSpaceJoin(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("space join needs an invitation file or code")
	}
	text := e.Args[0]
	if b, err := os.ReadFile(text); err == nil {
		text = string(b)
	}
	v, err := e.App.Spaces.Join(text, stringFlag(e, "creds"))
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, v)
	}
	_, err = fmt.Fprintf(e.Stdout, "Joined %q with %s.\n", v.Name, plural(len(v.Members)-1, "other member", "other members"))
	return err
}

func runSpaceMembers(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("space members needs the space's name")
	}
	ms, err := e.App.Spaces.Members(e.Args[0])
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, ms)
	}
	for _, m := range ms {
		line := m.Name
		if m.You {
			line += " (this device)"
		}
		line += ", since " + m.Joined
		// Two devices with one name are told apart by their IDs, which
		// space remove takes too.
		if slices.ContainsFunc(ms, func(o app.MemberView) bool { return o.Name == m.Name && o.ID != m.ID }) {
			line += ", device " + m.ID
		}
		fmt.Fprintln(e.Stdout, line)
	}
	return nil
}

func runSpaceRemove(e *Env) error {
	if len(e.Args) != 2 {
		return usagef("space remove needs the space and the member's name")
	}
	m, err := e.App.Spaces.Remove(e.Args[0], e.Args[1])
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, m)
	}
	_, err = fmt.Fprintf(e.Stdout, "Removed %s (a member since %s): nothing shared from now on reaches it.\n", m.Name, m.Joined)
	return err
}

func runSpaceLeave(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("space leave needs the space's name")
	}
	if err := e.App.Spaces.Leave(e.Args[0]); err != nil {
		return err
	}
	_, err := fmt.Fprintln(e.Stdout, "Left the space. What you shared stays with its members; nothing more is sent.")
	return err
}

func runSpaceShare(e *Env) error {
	topic := stringFlag(e, "topic")
	if len(e.Args) < 1 || len(e.Args) == 1 && topic == "" {
		return usagef("space share needs the space and what to share (IDs, or --topic T)")
	}
	var n int
	var err error
	if topic != "" {
		n, err = e.App.Spaces.ShareTopic(e.Args[0], topic)
	} else {
		n, err = e.App.Spaces.Share(e.Args[0], e.Args[1:])
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.Stdout, "Shared %s.\n", plural(n, "item", "items"))
	return err
}

func runSpaceUnshare(e *Env) error {
	if len(e.Args) < 2 {
		return usagef("space unshare needs the space and the items")
	}
	n, err := e.App.Spaces.Unshare(e.Args[0], e.Args[1:])
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.Stdout, "Stopped sharing %s; members keep what they have.\n", plural(n, "item", "items"))
	return err
}

func runSpaceSync(e *Env) error {
	var names []string
	if len(e.Args) > 0 {
		names = e.Args
	} else {
		list, err := e.App.Spaces.List()
		if err != nil {
			return err
		}
		for _, v := range list {
			names = append(names, v.ID)
		}
	}
	var errs []error
	for _, n := range names {
		v, err := e.App.Spaces.Sync(n)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", v.Name, err))
			continue
		}
		if !e.JSON {
			fmt.Fprintf(e.Stdout, "%s: %s\n", v.Name, v.Status.Words)
		}
	}
	if e.JSON {
		st, _ := e.App.Spaces.Status()
		if err := writeJSON(e.Stdout, st); err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}

func runSpaceTogether(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("space together needs the space's name")
	}
	t, err := e.App.Spaces.Together(e.Args[0])
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, t)
	}
	w := e.Stdout
	fmt.Fprintln(w, "Learned this week:")
	if len(t.Learned) == 0 {
		fmt.Fprintln(w, "  nothing shared yet this week")
	}
	for _, l := range t.Learned {
		fmt.Fprintf(w, "  %s  %s (%s)\n", l.Date, l.What, l.By)
	}
	fmt.Fprintln(w, "Sources the team relies on:")
	for _, s := range t.Sources {
		fmt.Fprintf(w, "  %s: %s\n", s.Name, plural(s.Learnings, "learning", "learnings"))
	}
	fmt.Fprintln(w, "Topics only one member covers:")
	for _, tp := range t.SoleTopics {
		fmt.Fprintf(w, "  %s (%s)\n", tp.Name, tp.Member)
	}
	fmt.Fprintln(w, "Next sessions:")
	for _, s := range t.Sessions {
		going := "nobody has said they are going yet"
		if len(s.Going) > 0 {
			going = strings.Join(s.Going, ", ") + " going"
		}
		fmt.Fprintf(w, "  %s %s: %s\n", s.Date, s.Community, going)
	}
	return nil
}

func runSpaceStatus(e *Env) error {
	st, err := e.App.Spaces.Status()
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, st)
	}
	if len(st) == 0 {
		_, err := fmt.Fprintln(e.Stdout, "No team spaces yet: learnwork space create NAME, or join one with an invitation.")
		return err
	}
	for _, s := range st {
		fmt.Fprintf(e.Stdout, "%s (%s): %s\n", s.Name, plural(s.Members, "member", "members"), s.Words)
	}
	return nil
}

// serverToken is the token the server asks of members, made once and kept
// beside its streams (mode 0600), so a restart keeps the address members
// have.
func serverToken(dir string) (string, error) {
	path := filepath.Join(dir, "learnwork-token")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 16 {
		return strings.TrimSpace(string(b)), nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("space server store: %w", err)
	}
	token := space.NewID() + space.NewID()
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("space server token: %w", err)
	}
	return token, nil
}

// runSpaceServe is "space serve": an embedded NATS server with JetStream
// file storage, until Ctrl+C or SIGTERM.
func runSpaceServe(e *Env) error {
	dir := stringFlag(e, "store")
	if dir == "" {
		return usagef("space serve needs --store DIR, where the server keeps the spaces' streams")
	}
	token, err := serverToken(dir)
	if err != nil {
		return err
	}
	srv, err := space.Serve(space.ServerOptions{Listen: stringFlag(e, "listen"), Dir: dir, Token: token})
	if err != nil {
		return err
	}
	defer srv.Close()
	u := strings.Replace(srv.URL(), "nats://", "nats://"+token+"@", 1)
	fmt.Fprintf(e.Stdout, "Serving team spaces (streams in %s). Create a space with --server %s; invitations carry the address. Stop with Ctrl+C.\n", dir, u)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	defer signal.Stop(stop)
	select {
	case <-e.Ctx.Done():
	case <-stop:
	}
	return nil
}

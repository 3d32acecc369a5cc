package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"learnwork/app"
)

// syncCommands is every "sync" subcommand, as "sync help" lists them
// (sorted there): the folder and pairing ones here, the direct ones in
// sync_direct.go.
var syncCommands = []*command{
	{name: "folder", usage: "PATH [--allow-deletes]", summary: "sync through a shared folder (USB stick, Syncthing, Dropbox)", flags: syncFolderFlags, run: runSyncFolder},
	{name: "status", summary: "this device, the folder, the last sync and paired devices", run: runSyncStatus},
	{name: "invite", usage: "[-o FILE]", summary: "write this device's invitation for the other device to accept", flags: syncInviteFlags, run: runSyncInvite},
	{name: "accept", usage: "FILE|CODE", summary: "pair with the device that made an invitation", run: runSyncAccept},
	{name: "devices", summary: "list paired devices", run: runSyncDevices},
	{name: "rename", usage: "DEVICE|self NAME", summary: "name a paired device, or this one", run: runSyncRename},
	{name: "revoke", usage: "DEVICE", summary: "stop syncing with a device (lost or sold)", run: runSyncRevoke},
	{name: "pair", usage: "[CODE [ADDR]] [--listen ADDR]", summary: "pair with another device: show a code, or type the one it shows", flags: listenFlag, run: runSyncPair},
	{name: "serve", usage: "[--listen ADDR]", summary: "let paired devices sync with this one until stopped", flags: listenFlag, run: runSyncServe},
	{name: "with", usage: "ADDR|DEVICE", summary: "sync now with a paired device, by address, name or ID", run: runSyncWith},
}

// lookupSync finds a sync subcommand by name.
func lookupSync(name string) (*command, bool) {
	for _, c := range syncCommands {
		if c.name == name {
			return c, true
		}
	}
	return nil, false
}

// syncCommand is "sync": its subcommands are in syncCommands.
var syncCommand = &command{
	name: "sync", usage: "folder PATH | status | invite | accept FILE|CODE | devices | rename DEVICE NAME | revoke DEVICE",
	summary:   "sync with your other devices (see learnwork sync help)",
	lowMemory: func(args []string) bool { return len(args) > 0 && (args[0] == "folder" || args[0] == "with") },
	flags:     syncFlags,
	run:       runSync,
}

// syncFlags gathers every subcommand's flags into one set.
func syncFlags(fs *flag.FlagSet) {
	for _, c := range syncCommands {
		if c.flags != nil {
			c.flags(fs)
		}
	}
}

func runSync(e *Env) error {
	if len(e.Args) == 0 || e.Args[0] == "help" {
		return syncHelp(e)
	}
	c, ok := lookupSync(e.Args[0])
	if !ok {
		return usagef("unknown sync command %q; try learnwork sync help", e.Args[0])
	}
	e.Args = e.Args[1:]
	return c.run(e)
}

func syncFolderFlags(fs *flag.FlagSet) {
	fs.Bool("allow-deletes", false, "apply a sync the mass-delete guard paused")
}

func syncInviteFlags(fs *flag.FlagSet) { fs.String("o", "", "write the invitation to FILE") }

// runSyncFolder is "sync folder PATH": one sync through a shared folder.
func runSyncFolder(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("sync folder needs the folder's path")
	}
	sy := e.App.Sync
	last, err := sy.SyncFolder(e.Args[0], boolFlag(e, "allow-deletes"))
	if e.JSON && (err == nil || last.Paused != nil) {
		if jerr := writeJSON(e.Stdout, last); jerr != nil {
			return jerr
		}
	} else if err == nil {
		fmt.Fprintf(e.Stdout, "Received %d changes, sent %d.\n", last.Received, last.Sent)
		if last.Waiting > 0 {
			fmt.Fprintf(e.Stdout, "%d changes wait for files not yet in the folder.\n", last.Waiting)
		}
	}
	if err != nil {
		return err
	}
	for _, p := range last.Problems {
		fmt.Fprintf(e.Stderr, "learnwork: %s\n", p)
	}
	if len(last.Problems) > 0 {
		return errors.New("some files in the folder were not read (above); the rest synced")
	}
	return nil
}

// runSyncStatus is "sync status": this device, the folder, the last sync, paired devices.
func runSyncStatus(e *Env) error {
	sy := e.App.Sync
	st, err := sy.Status()
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, st)
	}
	w := e.Stdout
	fmt.Fprintf(w, "This device: %s\n  ID %s\n", st.Name, st.Display)
	fmt.Fprintf(w, "Folder: %s\n", orNone(st.Folder))
	if l := st.Last; l != nil {
		fmt.Fprintf(w, "Last sync: %s via %s: received %d, sent %d\n", l.Time, l.Folder, l.Received, l.Sent)
		if l.Error != "" {
			fmt.Fprintf(w, "  error: %s\n", l.Error)
		}
		for _, p := range l.Problems {
			fmt.Fprintf(w, "  problem: %s\n", p)
		}
	} else {
		fmt.Fprintln(w, "Last sync: never")
	}
	fmt.Fprintf(w, "Conflicts: %d\n", st.Conflicts)
	return devicesListing.text(e.Stdout, st.Devices)
}

// runSyncInvite is "sync invite": this device's invitation, printed or written to a file.
func runSyncInvite(e *Env) error {
	sy := e.App.Sync
	code, err := sy.Invite()
	if err != nil {
		return err
	}
	text, err := sy.InviteText()
	if err != nil {
		return err
	}
	if out := stringFlag(e, "o"); out != "" {
		if err := os.WriteFile(out, []byte(text), 0o644); err != nil {
			return err
		}
		if e.JSON {
			return writeJSON(e.Stdout, map[string]string{"file": out, "code": code})
		}
		_, err = fmt.Fprintf(e.Stdout, "Wrote %s. On the other device: learnwork sync accept %s\n", out, out)
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, map[string]string{"code": code})
	}
	_, err = fmt.Fprint(e.Stdout, text)
	return err
}

// runSyncAccept is "sync accept FILE|CODE": pairs with the device that made the invitation.
func runSyncAccept(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("sync accept needs an invitation file or code")
	}
	text := e.Args[0]
	if b, err := os.ReadFile(text); err == nil {
		text = string(b)
	} else if !strings.Contains(text, "LWINVITE") {
		return fmt.Errorf("%s: %w", text, err)
	}
	sy := e.App.Sync
	d, err := sy.Accept(text)
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, d)
	}
	_, err = fmt.Fprintf(e.Stdout, "Paired with %q (%s). It must accept this device's invitation too (learnwork sync invite).\n", d.Name, d.Short)
	return err
}

// runSyncDevices is "sync devices".
func runSyncDevices(e *Env) error {
	sy := e.App.Sync
	devs, err := sy.Devices()
	if err != nil {
		return err
	}
	return devicesListing.print(e, devs)
}

// runSyncRename is "sync rename DEVICE|self NAME".
func runSyncRename(e *Env) error {
	if len(e.Args) != 2 {
		return usagef("sync rename needs a device (ID, its start, its name, or self) and a name")
	}
	sy := e.App.Sync
	return sy.RenameDevice(e.Args[0], e.Args[1])
}

// runSyncRevoke is "sync revoke DEVICE".
func runSyncRevoke(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("sync revoke needs a device (ID, its start or its name)")
	}
	sy := e.App.Sync
	d, err := sy.RevokeDevice(e.Args[0])
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, d)
	}
	_, err = fmt.Fprintf(e.Stdout, "Revoked %q (%s): nothing more is shared with it.\n", d.Name, d.Short)
	return err
}

// devicesListing is the paired devices, for "sync devices" and "sync status".
var devicesListing = listing[app.DeviceView]{
	empty: "No paired devices. Pair with: learnwork sync invite -o FILE, then learnwork sync accept FILE on the other device (and the other way round).",
	intro: "Paired devices:\n",
	plain: true,
	row: func(w io.Writer, d app.DeviceView) {
		state := "last synced " + orNone(d.LastSeen) + syncedHow[d.How]
		if d.Revoked != "" {
			state = "revoked " + d.Revoked
		} else if d.Behind > 0 {
			state += fmt.Sprintf(", %d changes behind", d.Behind)
		}
		fmt.Fprintf(w, "  %-20s %s  %s\n", d.Name, d.Short, state)
	},
}

// syncedHow says how a device last synced.
var syncedHow = map[string]string{"folder": " through the shared folder", "network": " on the network"}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func syncHelp(e *Env) error {
	sorted := slices.SortedFunc(slices.Values(syncCommands), func(a, b *command) int { return strings.Compare(a.name, b.name) })
	fmt.Fprintln(e.Stdout, "learnwork sync COMMAND:")
	for _, c := range sorted {
		fmt.Fprintf(e.Stdout, "  %-28s %s\n", strings.TrimSpace(c.name+" "+c.usage), c.summary)
	}
	return nil
}

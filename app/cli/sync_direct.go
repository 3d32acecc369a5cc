package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"learnwork/app"
	"learnwork/sync/direct"
	"learnwork/sync/identity"
)

// Direct sync: "sync pair", "sync serve" and "sync with".

// listenFlag is shared by "pair" and "serve"; the sync command gathers its
// subcommands' flags into one set, so it is defined once.
func listenFlag(fs *flag.FlagSet) {
	if fs.Lookup("listen") == nil {
		fs.String("listen", "", "address to listen on (default "+app.DefaultDirectListen+", or any free port)")
	}
}

// runSyncPair is "sync pair": with no code it shows one and waits; with a
// code (and an address, else looked for on the LAN) it pairs with the
// device showing it.
func runSyncPair(e *Env) error {
	ds := e.App.Sync
	switch len(e.Args) {
	case 0:
		return showCode(e, ds)
	case 1, 2:
		addr := ""
		if len(e.Args) == 2 {
			addr = e.Args[1]
		}
		p, err := app.DirectPair(e.Ctx, ds, e.Args[0], addr)
		if err != nil {
			return err
		}
		if e.JSON {
			return writeJSON(e.Stdout, map[string]string{"device": p.ID, "name": p.Name, "addr": p.Addr})
		}
		_, err = fmt.Fprintf(e.Stdout, "Paired with %s (%s). Sync with: learnwork sync with %q\n", p.Name, identity.Short(p.ID), p.Name)
		return err
	}
	return usagef("sync pair takes a code and an address, or nothing to show a code")
}

// runSyncServe is "sync serve": paired devices sync with this one until Ctrl+C.
func runSyncServe(e *Env) error {
	ds := e.App.Sync
	ln, err := app.DirectListen(ds, stringFlag(e, "listen"))
	if err != nil {
		return err
	}
	addrs := app.Reachable(ln.Addr())
	if e.JSON {
		writeJSON(e.Stdout, map[string]any{"device": e.App.Identity.ID(), "addrs": addrs})
	} else {
		fmt.Fprintf(e.Stdout, "Serving %s on %s; Ctrl+C stops.\n", e.App.Identity.Short(), strings.Join(addrs, ", "))
	}
	return app.DirectServe(e.Ctx, ds, ln)
}

// runSyncWith is "sync with ADDR|DEVICE": one round with a paired device.
func runSyncWith(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("sync with needs a device name, ID or address")
	}
	ds := e.App.Sync
	r, err := app.DirectSyncWith(e.Ctx, ds, e.Args[0])
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, r)
	}
	_, err = fmt.Fprintf(e.Stdout, "Synced with %s at %s: sent %d, received %d changes (%d bytes on the wire)\n",
		r.Name, r.Addr, r.Sent, r.Received, r.WireSent+r.WireReceived)
	return err
}

// showCode shows a pairing code and serves until a device has used it.
func showCode(e *Env, ds *app.Sync) error {
	ln, err := app.DirectListen(ds, stringFlag(e, "listen"))
	if err != nil {
		return err
	}
	o, err := app.DirectOffer(ds)
	if err != nil {
		ln.Close()
		return err
	}
	ctx, cancel := context.WithCancel(e.Ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- app.DirectServe(ctx, ds, ln) }()
	addrs := app.Reachable(ln.Addr())
	if e.JSON {
		writeJSON(e.Stdout, map[string]any{"code": o.Code.String(), "expires": o.Expires.UTC(), "addrs": addrs})
	} else {
		fmt.Fprintf(e.Stdout, "Pairing code: %s (valid for %d minutes, %d tries)\nOn the other device: learnwork sync pair %s %s\n",
			o.Code, int(direct.CodeTTL.Minutes()), direct.CodeTries, o.Code, addrs[0])
	}
	p, err := o.Wait(e.Ctx)
	cancel()
	<-served
	if err != nil {
		return err
	}
	if e.JSON {
		return writeJSON(e.Stdout, map[string]string{"device": p.ID, "name": p.Name, "addr": p.Addr})
	}
	_, err = fmt.Fprintf(e.Stdout, "Paired with %s (%s).\n", p.Name, identity.Short(p.ID))
	return err
}

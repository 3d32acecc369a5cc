package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	stdsync "sync"
	"time"

	"learnwork/app"
	"learnwork/sync/direct"
	"learnwork/sync/identity"
	"learnwork/sync/trust"
)

// Direct sync: "sync pair", "sync serve" and "sync with".

func directSync(e *Env) (*app.DirectSync, error) {
	tl, err := trust.Load(e.Data, e.Identity)
	if err != nil {
		return nil, err
	}
	return app.NewDirectSync(e.Ctx, e.Store, e.Identity, tl, &progressLines{w: e.Stderr}, nil), nil
}

// progressLines reports sync progress on stderr, a line at most every
// 100 ms, so a person (or a test) sees a long sync move.
type progressLines struct {
	w    io.Writer
	mu   stdsync.Mutex
	last time.Time
}

func (p *progressLines) Emit(string, any) {}

func (p *progressLines) Progress(id, kind string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if done < total && time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "sync: received %d of %d changes from %s\n", done, total, identity.Short(id))
}

// listenFlag is shared by "pair" and "serve"; the sync command gathers its
// subcommands' flags into one set, so it is defined once.
func listenFlag(fs *flag.FlagSet) {
	if fs.Lookup("listen") == nil {
		fs.String("listen", "", "address to listen on (default "+app.DefaultDirectListen+", or any free port)")
	}
}

func init() {
	registerSync(&command{
		name: "pair", usage: "[CODE [ADDR]] [--listen ADDR]",
		summary: "pair with another device: show a code, or type the one it shows",
		flags:   listenFlag,
		run: func(e *Env) error {
			ds, err := directSync(e)
			if err != nil {
				return err
			}
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
		},
	})
	registerSync(&command{
		name: "serve", usage: "[--listen ADDR]",
		summary: "let paired devices sync with this one until stopped",
		flags:   listenFlag,
		run: func(e *Env) error {
			ds, err := directSync(e)
			if err != nil {
				return err
			}
			ln, err := app.DirectListen(ds, e.Flags.Lookup("listen").Value.String())
			if err != nil {
				return err
			}
			addrs := app.Reachable(ln.Addr())
			if e.JSON {
				writeJSON(e.Stdout, map[string]any{"device": e.Identity.ID(), "addrs": addrs})
			} else {
				fmt.Fprintf(e.Stdout, "Serving %s on %s; Ctrl+C stops.\n", e.Identity.Short(), strings.Join(addrs, ", "))
			}
			return app.DirectServe(e.Ctx, ds, ln)
		},
	})
	registerSync(&command{
		name: "with", usage: "ADDR|DEVICE",
		summary: "sync now with a paired device, by address, name or ID",
		run: func(e *Env) error {
			if len(e.Args) != 1 {
				return usagef("sync with needs a device name, ID or address")
			}
			ds, err := directSync(e)
			if err != nil {
				return err
			}
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
		},
	})
}

// showCode shows a pairing code and serves until a device has used it.
func showCode(e *Env, ds *app.DirectSync) error {
	ln, err := app.DirectListen(ds, e.Flags.Lookup("listen").Value.String())
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

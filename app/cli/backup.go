package cli

import "fmt"

func init() {
	register(&command{
		name: "backup", usage: "FILE", summary: "write a full JSON backup",
		run: func(e *Env) error {
			if len(e.Args) != 1 {
				return usagef("backup needs a file name")
			}
			n, err := e.Service.Backup(e.Args[0])
			if err != nil {
				return err
			}
			if e.JSON {
				return writeJSON(e.Stdout, map[string]any{"file": e.Args[0], "changes": n})
			}
			_, err = fmt.Fprintf(e.Stdout, "Backed up %d changes to %s\n", n, e.Args[0])
			return err
		},
	})
	register(&command{
		name: "restore", usage: "FILE", summary: "restore (merge in) a JSON backup",
		run: func(e *Env) error {
			if len(e.Args) != 1 {
				return usagef("restore needs a file name")
			}
			n, err := e.Service.RestoreBackup(e.Args[0])
			if err != nil {
				return err
			}
			if e.JSON {
				return writeJSON(e.Stdout, map[string]any{"file": e.Args[0], "changes": n})
			}
			_, err = fmt.Fprintf(e.Stdout, "Restored %d changes from %s\n", n, e.Args[0])
			return err
		},
	})
}

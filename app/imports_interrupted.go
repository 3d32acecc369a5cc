package app

import (
	"fmt"
	"os"
	"path/filepath"

	"learnwork/app/importer"
	"learnwork/store"
)

// recordCount is the absolute path of a file about to be imported and, for
// formats that can count their records quickly, how many it holds: kept
// with the import's batch so an interrupted import can say how far it got
// and be finished from the same file.
func recordCount(path string, format Format) (string, int) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	c, ok := format.(Counter)
	if !ok {
		return abs, 0
	}
	f, err := os.Open(path)
	if err != nil {
		return abs, 0
	}
	defer f.Close()
	n, err := c.Count(f)
	if err != nil {
		return abs, 0
	}
	return abs, n
}

// InterruptedImport is an import that stopped before its end (the app
// was killed, the disk filled up) and that was neither finished nor undone.
type InterruptedImport struct {
	Batch   string `json:"batch"`
	File    string `json:"file"` // the file's name
	Done    int    `json:"done"`
	Total   int    `json:"total"` // 0 when not known
	Message string `json:"message"`
}

// InterruptedImports lists the imports to undo or finish, newest first.
func (sv *Imports) InterruptedImports() ([]InterruptedImport, error) { return sv.interrupted() }

// interrupted is shared with Entities.Overview, which the window reads first.
func (c core) interrupted() ([]InterruptedImport, error) {
	bs, err := c.store.Interrupted()
	out := make([]InterruptedImport, 0, len(bs))
	for _, b := range bs {
		out = append(out, InterruptedImport{Batch: b.ID, File: filepath.Base(b.File), Done: b.Done, Total: b.Total, Message: interruptedWords(b)})
	}
	return out, err
}

// interruptedWords says how far an interrupted import got.
func interruptedWords(b store.Batch) string {
	name := filepath.Base(b.File)
	if b.Total > 0 {
		return fmt.Sprintf("import of %s interrupted after %s of %s: undo or finish", name, thousands(b.Done), thousands(b.Total))
	}
	return fmt.Sprintf("import of %s interrupted after %s records: undo or finish", name, thousands(b.Done))
}

// FinishImport imports an interrupted import's file again, which adds only
// what the interrupted run had not, and so marks it complete.
func (sv *Imports) FinishImport(batch string, opts importer.Options) (*importer.Report, error) {
	bs, err := sv.store.Interrupted()
	if err != nil {
		return nil, err
	}
	for _, b := range bs {
		if b.ID != batch {
			continue
		}
		if _, err := os.Stat(b.File); err != nil {
			return nil, fmt.Errorf("finish the import of %s: the file is no longer at %s; import it again from where it is now", filepath.Base(b.File), b.File)
		}
		return sv.importFile(b.File, opts)
	}
	return nil, fmt.Errorf("no interrupted import %s: %w", batch, store.ErrNotFound)
}

// thousands writes n with comma separators: 50,001.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

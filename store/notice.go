package store

import (
	"encoding/json"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// Notice is something a merge did that a person should hear about: an
// entity brought back from Trash by an edit made elsewhere, or a device
// whose clock runs far ahead.
type Notice struct {
	Time    string `json:"time"`
	Kind    Kind   `json:"kind,omitempty"`
	ID      string `json:"id,omitempty"`
	Message string `json:"message"`
}

func (tx *Tx) notice(n Notice) error {
	n.Time = tx.s.Clock.Last().Wall().Format("2006-01-02 15:04")
	b, _ := json.Marshal(n)
	key := u64([]byte(pNotice), uint64(tx.s.Clock.Last()))
	key = append(key, clean(n.ID)...)
	return tx.t().Set(key, b)
}

// flagSkew notes a device whose clock is more than a day ahead: its times
// are not adopted, and sync goes on.
func (s *Store) flagSkew(txn *badger.Txn, c *Change) {
	b, _ := json.Marshal(Notice{
		Time:    s.Clock.Last().Wall().Format("2006-01-02 15:04"),
		Message: fmt.Sprintf("device %s reports a clock %s, more than a day ahead of this one; its times were not adopted", c.Device, c.HLC.Wall().Format("2006-01-02 15:04")),
	})
	_ = txn.Set([]byte(pNotice+"skew/"+c.Device.String()), b)
}

// Notices lists what merges want a person to know, newest first.
func (r *Reader) Notices(limit int) ([]Notice, error) {
	it := r.t().NewIterator(badger.IteratorOptions{Prefix: []byte(pNotice), Reverse: true, PrefetchValues: true})
	defer it.Close()
	out := []Notice{}
	for it.Seek([]byte(pNotice + "\xff")); it.Valid() && len(out) < limit; it.Next() {
		var n Notice
		if err := it.Item().Value(func(b []byte) error { return json.Unmarshal(b, &n) }); err == nil {
			out = append(out, n)
		}
	}
	return out, nil
}

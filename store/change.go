package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/fxamacker/cbor/v2"

	"learnwork/store/hlc"
)

// DeviceID names a device in dots: the first 8 bytes of the SHA-256 of its
// public key. (The full hash is the device's ID shown to people.)
type DeviceID uint64

func (d DeviceID) String() string { return fmt.Sprintf("%016x", uint64(d)) }

// ParseDeviceID reads the form String writes.
func ParseDeviceID(s string) (DeviceID, error) {
	v, err := strconv.ParseUint(s, 16, 64)
	if err != nil || len(s) != 16 {
		return 0, fmt.Errorf("device id %q: want 16 hex digits", s)
	}
	return DeviceID(v), nil
}

// Dot identifies one field operation: the device that made it and its
// position in that device's gapless log.
type Dot struct {
	_      struct{} `cbor:",toarray"`
	Device DeviceID
	Seq    uint64
}

func (d Dot) String() string { return fmt.Sprintf("%s:%d", d.Device, d.Seq) }

// Less orders dots (device, then seq) so sets of dots encode deterministically.
func (d Dot) Less(o Dot) bool {
	if d.Device != o.Device {
		return d.Device < o.Device
	}
	return d.Seq < o.Seq
}

func compareDots(a, b Dot) int {
	switch {
	case a.Less(b):
		return -1
	case b.Less(a):
		return 1
	}
	return 0
}

func sortDots(ds []Dot) []Dot {
	slices.SortFunc(ds, compareDots)
	return slices.Compact(ds)
}

// OpCode is what an operation does. Codes are permanent; unknown codes from
// a newer version are kept in the log and forwarded, and ignored in state.
type OpCode uint8

const (
	OpSet     OpCode = 1 // scalar field: value supersedes the dots in Prev
	OpAdd     OpCode = 2 // set field: add an element
	OpRemove  OpCode = 3 // set field: remove the adds in Prev
	OpDelete  OpCode = 4 // entity: to Trash; Prev is every dot it saw
	OpRestore OpCode = 5 // entity: out of Trash; Prev is the deletes it undoes
	OpText    OpCode = 6 // long text: a new version whose parents are Prev
)

var opNames = map[OpCode]string{OpSet: "SET", OpAdd: "ADD", OpRemove: "REMOVE", OpDelete: "DELETE", OpRestore: "RESTORE", OpText: "TEXT"}

func (c OpCode) String() string {
	if n, ok := opNames[c]; ok {
		return n
	}
	return fmt.Sprintf("OP%d", uint8(c))
}

// Op is one field-level operation. Its dot is (Change.Device, Change.Seq+i)
// for the i-th op of its Change.
type Op struct {
	Field string `cbor:"1,keyasint"`
	Code  OpCode `cbor:"2,keyasint"`
	Value string `cbor:"3,keyasint,omitempty"`
	Prev  []Dot  `cbor:"4,keyasint,omitempty"`
}

// Change is a run of operations on one entity made by one device in one
// commit: the unit of the log, of replication and of atomic apply.
type Change struct {
	Device DeviceID `cbor:"1,keyasint"`
	Seq    uint64   `cbor:"2,keyasint"` // dot of Ops[0]; later ops follow with no gaps
	HLC    hlc.Time `cbor:"3,keyasint"`
	Kind   Kind     `cbor:"4,keyasint"`
	ID     string   `cbor:"5,keyasint"`
	Ops    []Op     `cbor:"6,keyasint"`
	Batch  string   `cbor:"7,keyasint,omitempty"` // the import (or other batch) that made it
}

// Dot of the i-th op.
func (c *Change) Dot(i int) Dot { return Dot{Device: c.Device, Seq: c.Seq + uint64(i)} }

// Last is the seq of the change's last op.
func (c *Change) Last() uint64 { return c.Seq + uint64(len(c.Ops)) - 1 }

var (
	encMode cbor.EncMode
	decMode cbor.DecMode
)

func init() {
	var err error
	if encMode, err = cbor.CoreDetEncOptions().EncMode(); err != nil {
		panic(err)
	}
	// Limits keep a hostile frame from allocating without bound.
	if decMode, err = (cbor.DecOptions{MaxArrayElements: 1 << 20, MaxMapPairs: 1 << 20, MaxNestedLevels: 16}).DecMode(); err != nil {
		panic(err)
	}
}

// Encode is the deterministic CBOR form stored in the log and sent to peers.
func (c *Change) Encode() ([]byte, error) { return marshalCBOR(c), nil }

// DecodeChange reads one encoded change and checks it is well formed.
func DecodeChange(b []byte) (*Change, error) {
	var c Change
	if err := unmarshalChange(b, &c); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadChange, err)
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadChange, err)
	}
	return &c, nil
}

// ErrBadChange is an encoded change that does not decode or names no
// device, seq, operation or entity: damaged or hostile sync data.
var ErrBadChange = errors.New("damaged change")

func (c *Change) validate() error {
	switch {
	case c.Device == 0:
		return fmt.Errorf("change without device")
	case c.Seq == 0:
		return fmt.Errorf("change %s without seq", c.Device)
	case len(c.Ops) == 0:
		return fmt.Errorf("change %s:%d without operations", c.Device, c.Seq)
	case c.Kind == "" || c.ID == "":
		return fmt.Errorf("change %s:%d without entity", c.Device, c.Seq)
	case c.Seq+uint64(len(c.Ops)) < c.Seq:
		return fmt.Errorf("change %s:%d: seq overflows", c.Device, c.Seq)
	}
	return nil
}

func encode(v any) []byte {
	b, err := encMode.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("encode %T: %v", v, err)) // only our own plain types get here
	}
	return b
}

func decode(b []byte, v any) error { return decMode.Unmarshal(b, v) }

func u64(b []byte, v uint64) []byte { return binary.BigEndian.AppendUint64(b, v) }

func beUint64(b []byte) uint64 { return binary.BigEndian.Uint64(b) }

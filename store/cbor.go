package store

import (
	"encoding/binary"
	"slices"
	"strings"
	stdsync "sync"
	"unicode/utf8"

	"learnwork/store/hlc"
)

// Records and changes are what bulk work encodes, 100k of each per import.
// The reflective encoder spent a twentieth of an import's CPU on them, so
// they are written here by hand: byte for byte what encMode (core
// deterministic CBOR) writes, which a test checks over random values.

// marshalCBOR encodes v in a reused buffer and returns a copy of just the
// bytes, as the reflective encoder does: appending to a new slice grew it
// five times over for a contact.
func marshalCBOR(v interface{ appendCBOR([]byte) []byte }) []byte {
	p := cborBuffers.Get().(*[]byte)
	b := v.appendCBOR((*p)[:0])
	out := slices.Clone(b)
	if cap(b) <= 1<<20 { // a rare huge record does not stay
		*p = b
		cborBuffers.Put(p)
	}
	return out
}

var cborBuffers = stdsync.Pool{New: func() any { b := make([]byte, 0, 4<<10); return &b }}

// appendCBOR appends the record's encoding.
func (r *Record) appendCBOR(b []byte) []byte {
	// Always kind, ID, created, updated and deletes.
	b = cborHead(b, majorMap, cborPairs(5, len(r.Fields) > 0, len(r.Merged) > 0))
	b = cborText(append(b, 0x01), string(r.Kind))
	b = cborText(append(b, 0x02), r.ID)
	b = cborHead(append(b, 0x03), majorUint, uint64(r.Created))
	b = cborHead(append(b, 0x04), majorUint, uint64(r.Updated))
	if len(r.Fields) > 0 {
		b = cborHead(append(b, 0x05), majorMap, uint64(len(r.Fields)))
		var names [24]string // a person has about 12 fields: sorted on the stack
		for _, name := range cborKeys(names[:0], r.Fields) {
			b = cborText(b, name)
			if f := r.Fields[name]; f == nil {
				b = append(b, cborNull)
			} else {
				b = f.appendCBOR(b)
			}
		}
	}
	b = r.Deletes.appendCBOR(append(b, 0x06))
	if len(r.Merged) > 0 {
		b = cborHead(append(b, 0x07), majorMap, uint64(len(r.Merged)))
		var names [8]string
		for _, name := range cborKeys(names[:0], r.Merged) {
			b = cborText(cborText(b, name), r.Merged[name])
		}
	}
	return b
}

func (f *FieldState) appendCBOR(b []byte) []byte {
	b = cborHead(b, majorMap, cborPairs(0, len(f.Vals) > 0, len(f.Dead) > 0))
	if len(f.Vals) > 0 {
		b = cborHead(append(b, 0x01), majorArray, uint64(len(f.Vals)))
		for i := range f.Vals {
			b = f.Vals[i].appendCBOR(b)
		}
	}
	if len(f.Dead) > 0 {
		b = cborDots(append(b, 0x02), f.Dead)
	}
	return b
}

func (v *Val) appendCBOR(b []byte) []byte {
	b = cborHead(b, majorMap, cborPairs(2, v.V != "", v.Batch != "", len(v.Prev) > 0)) // always dot and HLC
	b = v.Dot.appendCBOR(append(b, 0x01))
	b = cborHead(append(b, 0x02), majorUint, uint64(v.HLC))
	if v.V != "" {
		b = cborText(append(b, 0x03), v.V)
	}
	if v.Batch != "" {
		b = cborText(append(b, 0x04), v.Batch)
	}
	if len(v.Prev) > 0 {
		b = cborDots(append(b, 0x05), v.Prev)
	}
	return b
}

// appendCBOR appends the change's encoding.
func (c *Change) appendCBOR(b []byte) []byte {
	b = cborHead(b, majorMap, cborPairs(6, c.Batch != ""))
	b = cborHead(append(b, 0x01), majorUint, uint64(c.Device))
	b = cborHead(append(b, 0x02), majorUint, c.Seq)
	b = cborHead(append(b, 0x03), majorUint, uint64(c.HLC))
	b = cborText(append(b, 0x04), string(c.Kind))
	b = cborText(append(b, 0x05), c.ID)
	b = append(b, 0x06)
	if c.Ops == nil {
		b = append(b, cborNull)
	} else {
		b = cborHead(b, majorArray, uint64(len(c.Ops)))
		for i := range c.Ops {
			b = c.Ops[i].appendCBOR(b)
		}
	}
	if c.Batch != "" {
		b = cborText(append(b, 0x07), c.Batch)
	}
	return b
}

func (o *Op) appendCBOR(b []byte) []byte {
	b = cborHead(b, majorMap, cborPairs(2, o.Value != "", len(o.Prev) > 0)) // always field and code
	b = cborText(append(b, 0x01), o.Field)
	b = cborHead(append(b, 0x02), majorUint, uint64(o.Code))
	if o.Value != "" {
		b = cborText(append(b, 0x03), o.Value)
	}
	if len(o.Prev) > 0 {
		b = cborDots(append(b, 0x04), o.Prev)
	}
	return b
}

func (d Dot) appendCBOR(b []byte) []byte {
	b = cborHead(b, majorArray, 2)
	return cborHead(cborHead(b, majorUint, uint64(d.Device)), majorUint, d.Seq)
}

func cborDots(b []byte, dots []Dot) []byte {
	b = cborHead(b, majorArray, uint64(len(dots)))
	for _, d := range dots {
		b = d.appendCBOR(b)
	}
	return b
}

// cborPairs counts a struct's encoded fields: those always written and
// the optional ones that are set.
func cborPairs(always uint64, set ...bool) uint64 {
	for _, s := range set {
		if s {
			always++
		}
	}
	return always
}

// CBOR major types, and null.
const (
	majorUint  = 0
	majorText  = 3
	majorArray = 4
	majorMap   = 5
	cborNull   = 0xf6
)

// cborHead appends an item's head: its major type and the shortest form
// of n.
func cborHead(b []byte, major byte, n uint64) []byte {
	m := major << 5
	switch {
	case n < 24:
		return append(b, m|byte(n))
	case n <= 0xff:
		return append(b, m|24, byte(n))
	case n <= 0xffff:
		return binary.BigEndian.AppendUint16(append(b, m|25), uint16(n))
	case n <= 0xffffffff:
		return binary.BigEndian.AppendUint32(append(b, m|26), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(b, m|27), n)
}

func cborText(b []byte, s string) []byte {
	return append(cborHead(b, majorText, uint64(len(s))), s...)
}

// cborKeys appends a map's keys in the order deterministic encoding puts
// them: by their encoded bytes, which for text is shorter first, then
// bytewise.
func cborKeys[V any](keys []string, m map[string]V) []string {
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return strings.Compare(a, b)
	})
	return keys
}

// unmarshalRecord reads a stored record. Records in the form appendCBOR
// writes (all of them) are read by hand, at a third of the reflective
// decoder's cost; anything else goes to that decoder, which says what is
// wrong.
func unmarshalRecord(b []byte, r *Record) error {
	d := cborReader{b: b}
	if d.record(r) && d.i == len(b) {
		return nil
	}
	*r = Record{}
	return decode(b, r)
}

// unmarshalChange reads an encoded change, as unmarshalRecord a record:
// every member of a team space decodes each change it receives, and the
// reflective decoder was half of applying an edit.
func unmarshalChange(b []byte, c *Change) error {
	d := cborReader{b: b}
	if d.change(c) && d.i == len(b) {
		return nil
	}
	*c = Change{}
	return decode(b, c)
}

// cborReader reads the definite-length subset of CBOR that appendCBOR
// writes. Each method reports false on anything outside it.
type cborReader struct {
	b []byte
	i int
}

// head reads an item's head of the given major type.
func (d *cborReader) head(major byte) (uint64, bool) {
	if d.i >= len(d.b) || d.b[d.i]>>5 != major {
		return 0, false
	}
	ai := d.b[d.i] & 0x1f
	d.i++
	size := 0
	switch {
	case ai < 24:
		return uint64(ai), true
	case ai == 24:
		size = 1
	case ai == 25:
		size = 2
	case ai == 26:
		size = 4
	case ai == 27:
		size = 8
	default:
		return 0, false // indefinite lengths and reserved values
	}
	if len(d.b)-d.i < size {
		return 0, false
	}
	var n uint64
	for _, c := range d.b[d.i : d.i+size] {
		n = n<<8 | uint64(c)
	}
	d.i += size
	return n, true
}

func (d *cborReader) uint() (uint64, bool) { return d.head(majorUint) }

func (d *cborReader) textBytes() ([]byte, bool) {
	n, ok := d.head(majorText)
	if !ok || uint64(len(d.b)-d.i) < n {
		return nil, false
	}
	s := d.b[d.i : d.i+int(n)]
	d.i += int(n)
	return s, utf8.Valid(s)
}

func (d *cborReader) text() (string, bool) {
	s, ok := d.textBytes()
	return string(s), ok
}

// length reads an array's or a map's head: empty ones are never written.
func (d *cborReader) length(major byte) (int, bool) {
	n, ok := d.head(major)
	return int(n), ok && n > 0 && n <= uint64(len(d.b)-d.i) && n <= maxCBORItems
}

// maxCBORItems is decMode's limit on an array's elements and a map's
// pairs, which a larger one must reach to be refused alike.
const maxCBORItems = 1 << 20

func (d *cborReader) null() bool {
	if d.i < len(d.b) && d.b[d.i] == cborNull {
		d.i++
		return true
	}
	return false
}

// fields reads a struct's keys (1 to max, each at most once) and calls
// value for each.
func (d *cborReader) fields(max uint64, value func(key uint64) bool) bool {
	n, ok := d.head(majorMap)
	if !ok {
		return false
	}
	var seen uint64
	for range n {
		k, ok := d.uint()
		if !ok || k == 0 || k > max || seen&(1<<k) != 0 || !value(k) {
			return false
		}
		seen |= 1 << k
	}
	return true
}

func (d *cborReader) record(r *Record) bool {
	return d.fields(7, func(k uint64) bool {
		var ok bool
		var n uint64
		switch k {
		case 1:
			var s string
			s, ok = d.text()
			r.Kind = Kind(s)
		case 2:
			r.ID, ok = d.text()
		case 3:
			n, ok = d.uint()
			r.Created = hlc.Time(n)
		case 4:
			n, ok = d.uint()
			r.Updated = hlc.Time(n)
		case 5:
			var pairs int
			if pairs, ok = d.length(majorMap); !ok {
				return false
			}
			r.Fields = make(map[string]*FieldState, pairs)
			for range pairs {
				name, ok := d.textBytes()
				if !ok {
					return false
				}
				key := fieldName(name)
				if d.null() {
					r.Fields[key] = nil
					continue
				}
				f := &FieldState{}
				if !d.fieldState(f) {
					return false
				}
				r.Fields[key] = f
			}
		case 6:
			ok = d.fieldState(&r.Deletes)
		case 7:
			var pairs int
			if pairs, ok = d.length(majorMap); !ok {
				return false
			}
			r.Merged = make(map[string]string, pairs)
			for range pairs {
				name, ok1 := d.text()
				v, ok2 := d.text()
				if !ok1 || !ok2 {
					return false
				}
				r.Merged[name] = v
			}
		}
		return ok
	})
}

func (d *cborReader) change(c *Change) bool {
	return d.fields(7, func(k uint64) bool {
		var ok bool
		var n uint64
		switch k {
		case 1:
			n, ok = d.uint()
			c.Device = DeviceID(n)
		case 2:
			c.Seq, ok = d.uint()
		case 3:
			n, ok = d.uint()
			c.HLC = hlc.Time(n)
		case 4:
			var s string
			s, ok = d.text()
			c.Kind = Kind(s)
		case 5:
			c.ID, ok = d.text()
		case 6:
			if d.null() {
				c.Ops = nil
				return true
			}
			if d.i < len(d.b) && d.b[d.i] == majorArray<<5 { // written for an empty, not nil, list
				d.i++
				c.Ops = []Op{}
				return true
			}
			var ops int
			if ops, ok = d.length(majorArray); !ok {
				return false
			}
			c.Ops = make([]Op, ops)
			for i := range c.Ops {
				if !d.op(&c.Ops[i]) {
					return false
				}
			}
		case 7:
			c.Batch, ok = d.text()
		}
		return ok
	})
}

func (d *cborReader) op(o *Op) bool {
	return d.fields(4, func(k uint64) bool {
		var ok bool
		switch k {
		case 1:
			var name []byte
			name, ok = d.textBytes()
			o.Field = fieldName(name)
		case 2:
			var n uint64
			n, ok = d.uint()
			o.Code = OpCode(n)
			ok = ok && n <= 0xff // a larger code overflows OpCode: the reflective decoder says so
		case 3:
			o.Value, ok = d.text()
		case 4:
			o.Prev, ok = d.dots()
		}
		return ok
	})
}

func (d *cborReader) fieldState(f *FieldState) bool {
	return d.fields(2, func(k uint64) bool {
		if k == 2 {
			var ok bool
			f.Dead, ok = d.dots()
			return ok
		}
		n, ok := d.length(majorArray)
		if !ok {
			return false
		}
		f.Vals = make([]Val, n)
		for i := range f.Vals {
			if !d.val(&f.Vals[i]) {
				return false
			}
		}
		return true
	})
}

func (d *cborReader) val(v *Val) bool {
	return d.fields(5, func(k uint64) bool {
		var ok bool
		switch k {
		case 1:
			v.Dot, ok = d.dot()
		case 2:
			var n uint64
			n, ok = d.uint()
			v.HLC = hlc.Time(n)
		case 3:
			v.V, ok = d.text()
		case 4:
			var b []byte
			b, ok = d.textBytes()
			v.Batch = batchMarks[string(b)]
			if v.Batch == "" {
				v.Batch = string(b)
			}
		case 5:
			v.Prev, ok = d.dots()
		}
		return ok
	})
}

func (d *cborReader) dot() (Dot, bool) {
	if n, ok := d.head(majorArray); !ok || n != 2 {
		return Dot{}, false
	}
	dev, ok1 := d.uint()
	seq, ok2 := d.uint()
	return Dot{Device: DeviceID(dev), Seq: seq}, ok1 && ok2
}

func (d *cborReader) dots() ([]Dot, bool) {
	n, ok := d.length(majorArray)
	if !ok {
		return nil, false
	}
	out := make([]Dot, n)
	for i := range out {
		if out[i], ok = d.dot(); !ok {
			return nil, false
		}
	}
	return out, true
}

// fieldName is a decoded field's name, shared with the schema's when it
// is one of them.
func fieldName(b []byte) string {
	if name, known := fieldNames[string(b)]; known {
		return name
	}
	return string(b)
}

// fieldNames (filled as the schema is built) and batchMarks let decoded
// records share the strings every record repeats instead of allocating
// them again.
var (
	fieldNames = map[string]string{}
	batchMarks = map[string]string{"b": "b", undoPrefix: undoPrefix}
)

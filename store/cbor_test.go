package store

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"learnwork/store/hlc"
)

// The hand-written encoders write exactly what the reflective one writes,
// on values that reach every head size, key order and empty case.
// cborValues makes records and changes that reach every head size, key
// order and empty case of the encoding.
type cborValues struct{ rnd *rand.Rand }

func (g cborValues) str() string {
	n := []int{0, 0, 1, 5, 23, 24, 25, 255, 256, 300}[g.rnd.IntN(10)]
	if g.rnd.IntN(200) == 0 {
		n = 65536 // a four-byte length
	}
	r := string([]rune("aZ0é日 ")[g.rnd.IntN(6)])
	s := strings.Repeat(r, n/len(r)) // valid UTF-8, padded to n bytes
	return s + strings.Repeat("a", n-len(s))
}

func (g cborValues) num() uint64 {
	return []uint64{0, 1, 23, 24, 255, 256, 65535, 65536, 1<<32 - 1, 1 << 32, ^uint64(0), g.rnd.Uint64()}[g.rnd.IntN(12)]
}

func (g cborValues) dots() []Dot {
	switch g.rnd.IntN(3) {
	case 0:
		return nil
	case 1:
		return []Dot{}
	}
	out := make([]Dot, 1+g.rnd.IntN(3))
	for i := range out {
		out[i] = Dot{Device: DeviceID(g.num()), Seq: g.num()}
	}
	return out
}

func (g cborValues) state() FieldState {
	var f FieldState
	for range g.rnd.IntN(4) {
		batch := []string{"", "b", undoPrefix, g.str()}[g.rnd.IntN(4)]
		f.Vals = append(f.Vals, Val{Dot: Dot{Device: DeviceID(g.num()), Seq: g.num()}, HLC: hlc.Time(g.num()), V: g.str(), Batch: batch, Prev: g.dots()})
	}
	f.Dead = g.dots()
	return f
}

func (g cborValues) record() *Record {
	r := &Record{Kind: Kind(g.str()), ID: g.str(), Created: hlc.Time(g.num()), Updated: hlc.Time(g.num()), Deletes: g.state()}
	if g.rnd.IntN(4) > 0 {
		r.Fields = map[string]*FieldState{}
		for range g.rnd.IntN(8) {
			if g.rnd.IntN(10) == 0 {
				r.Fields[g.str()] = nil
			} else {
				f := g.state()
				r.Fields[[]string{"name", "emails", "notes", "given", "a", "zz", g.str()}[g.rnd.IntN(7)]] = &f
			}
		}
	}
	if g.rnd.IntN(3) == 0 {
		r.Merged = map[string]string{}
		for range g.rnd.IntN(3) {
			r.Merged[g.str()] = g.str()
		}
	}
	return r
}

func (g cborValues) change() *Change {
	c := &Change{Device: DeviceID(g.num()), Seq: g.num(), HLC: hlc.Time(g.num()), Kind: Kind(g.str()), ID: g.str(), Batch: g.str()}
	switch g.rnd.IntN(4) {
	case 0: // nil: null
	case 1:
		c.Ops = []Op{}
	default:
		for range 1 + g.rnd.IntN(4) {
			c.Ops = append(c.Ops, Op{Field: g.str(), Code: OpCode(g.num()), Value: g.str(), Prev: g.dots()})
		}
	}
	return c
}

// The hand-written encoders write exactly what the reflective one writes.
func TestCBORMatchesReflectiveEncoder(t *testing.T) {
	g := cborValues{rand.New(rand.NewPCG(1, 2))}
	for i := range 1000 {
		r := g.record()
		if want := encode(r); !bytes.Equal(r.appendCBOR(nil), want) {
			t.Fatalf("record %d: hand-written encoding differs\n got %x\nwant %x", i, r.appendCBOR(nil), want)
		}
		c := g.change()
		want, err := encMode.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := c.Encode(); !bytes.Equal(got, want) {
			t.Fatalf("change %d: hand-written encoding differs\n got %x\nwant %x", i, got, want)
		}
	}
}

// The hand-written decoder reads every record appendCBOR writes, into what
// the reflective decoder makes of it; anything else (cut short, changed
// bytes, another valid encoding) gets exactly the reflective decoder's
// result.
func TestCBORRecordDecoderMatchesReflective(t *testing.T) {
	g := cborValues{rand.New(rand.NewPCG(3, 4))}
	reflective := func(b []byte) (*Record, error) {
		r := &Record{}
		return r, decode(b, r)
	}
	same := func(what string, b []byte) {
		t.Helper()
		got, want := &Record{}, &Record{}
		gotErr, wantErr := unmarshalRecord(b, got), decode(b, want)
		if (gotErr == nil) != (wantErr == nil) || wantErr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: decoded %+v (%v), want %+v (%v)", what, got, gotErr, want, wantErr)
		}
	}
	for i := range 1000 {
		b := g.record().appendCBOR(nil)
		d := cborReader{b: b}
		fast := &Record{}
		if !d.record(fast) || d.i != len(b) {
			t.Fatalf("record %d: the hand-written decoder gave up on %x", i, b)
		}
		want, err := reflective(b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fast, want) {
			t.Fatalf("record %d: decoded %+v, want %+v", i, fast, want)
		}
		same(fmt.Sprintf("record %d cut at %d", i, len(b)/2), b[:len(b)/2])
		bad := bytes.Clone(b)
		bad[g.rnd.IntN(len(bad))] ^= byte(1 + g.rnd.IntN(255))
		same(fmt.Sprintf("record %d with a changed byte", i), bad)
	}
	// Valid CBOR appendCBOR never writes: keys out of order, an empty list,
	// invalid UTF-8, a trailing byte.
	for _, hexa := range []string{
		"a50261690161700300040006a0",                  // ID before kind
		"a60161700261690300040005a006a0",              // no fields, as an empty map
		"a50161700261690300040006a000",                // a byte after the record
		"a50161700261690300040006a10180",              // deletes with an empty list of values
		"bf0161700261690300040006a0ff",                // indefinite length
		"a501617002616903180004000" + "6a0",           // a number in a longer form than needed
		"a60161700261690300040006a008" + "00",         // a key from a newer version
		"a5016170026169030004000" + "6a1028183010203", // a dot of three
	} {
		b, err := hex.DecodeString(hexa)
		if err != nil {
			t.Fatal(hexa, err)
		}
		same(hexa, b)
	}
	bad := []byte{0xa5, 0x01, 0x61, 0x70, 0x02, 0x61, 0xff, 0x03, 0x00, 0x04, 0x00, 0x06, 0xa0}
	same("invalid UTF-8", bad)
}

// For any bytes, the record decoder gives what the reflective one gives.
func FuzzUnmarshalRecord(f *testing.F) {
	g := cborValues{rand.New(rand.NewPCG(5, 6))}
	for range 20 {
		f.Add(g.record().appendCBOR(nil))
	}
	f.Add([]byte{0xbf, 0x01, 0x61, 0x70, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, want := &Record{}, &Record{}
		gotErr, wantErr := unmarshalRecord(b, got), decode(b, want)
		if (gotErr == nil) != (wantErr == nil) || wantErr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("decoded %+v (%v), want %+v (%v)", got, gotErr, want, wantErr)
		}
	})
}

// The change decoder, like the record decoder, reads every change
// appendCBOR writes into what the reflective decoder makes of it, and
// leaves anything else to that decoder.
func TestCBORChangeDecoderMatchesReflective(t *testing.T) {
	g := cborValues{rand.New(rand.NewPCG(7, 8))}
	for i := range 1000 {
		b, _ := g.change().Encode()
		d := cborReader{b: b}
		fast := &Change{}
		if !d.change(fast) || d.i != len(b) {
			t.Fatalf("change %d: the hand-written decoder gave up on %x", i, b)
		}
		want := &Change{}
		if err := decode(b, want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fast, want) {
			t.Fatalf("change %d: decoded %+v, want %+v", i, fast, want)
		}
		sameChange(t, fmt.Sprintf("change %d cut at %d", i, len(b)/2), b[:len(b)/2])
		bad := bytes.Clone(b)
		bad[g.rnd.IntN(len(bad))] ^= byte(1 + g.rnd.IntN(255))
		sameChange(t, fmt.Sprintf("change %d with a changed byte", i), bad)
	}
	for _, hexa := range []string{
		"a60101020103000461700561780681a2016166021901ff",         // an operation code past OpCode's range
		"a70101020103000461700561780681a20161660201" + "0102",    // the device given twice
		"a60101020103000461700561780681a2016166020100",           // a byte after the change
		"a60101020103000461700561780681a2016166021801",           // a code in a longer form than needed
		"a60101020103000461700561780681a30161660201048183010203", // a dot of three
		"bf0101020103000461700561780681a20161660201ff",           // indefinite length
		"a70101020103000461700561780681a201616602010800",         // a key from a newer version
		"a601010201030004617005617806" + "80",                    // no operations, as an empty list
		"a601010201030004617005617806818201" + "02",              // an operation as a list
	} {
		b, err := hex.DecodeString(hexa)
		if err != nil {
			t.Fatal(hexa, err)
		}
		sameChange(t, hexa, b)
	}
}

// sameChange checks that DecodeChange gives what the reflective decoder
// and the checks after it give.
func sameChange(t testing.TB, what string, b []byte) {
	t.Helper()
	got, gotErr := DecodeChange(b)
	want := &Change{}
	wantErr := decode(b, want)
	if wantErr == nil {
		wantErr = want.validate()
	}
	if (gotErr == nil) != (wantErr == nil) || wantErr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: decoded %+v (%v), want %+v (%v)", what, got, gotErr, want, wantErr)
	}
}

// For any bytes, DecodeChange gives what the reflective decoder gives.
func FuzzDecodeChange(f *testing.F) {
	g := cborValues{rand.New(rand.NewPCG(9, 10))}
	for range 20 {
		b, _ := g.change().Encode()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { sameChange(t, fmt.Sprintf("%x", b), b) })
}

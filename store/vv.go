package store

import (
	"maps"
	"slices"
)

// Vector is a version vector: for each device, the highest seq of its log
// that has been applied. Logs are gapless, so it names exactly what is held.
type Vector map[DeviceID]uint64

// Ordering is how two vectors relate.
type Ordering int

const (
	Equal Ordering = iota
	Greater
	Lesser
	Concurrent
)

func (o Ordering) String() string {
	return [...]string{"Equal", "Greater", "Lesser", "Concurrent"}[o]
}

// Compare tells whether v has seen more than, less than, the same as, or
// something different from w.
func (v Vector) Compare(w Vector) Ordering {
	more, less := false, false
	for d, s := range v {
		if s > w[d] {
			more = true
		} else if s < w[d] {
			less = true
		}
	}
	for d, s := range w {
		if _, ok := v[d]; !ok && s > 0 {
			less = true
		}
	}
	switch {
	case more && less:
		return Concurrent
	case more:
		return Greater
	case less:
		return Lesser
	}
	return Equal
}

// Has reports whether the dot is covered.
func (v Vector) Has(d Dot) bool { return d.Seq <= v[d.Device] }

// Clone copies the vector.
func (v Vector) Clone() Vector { return maps.Clone(v) }

// Devices in a stable order.
func (v Vector) Devices() []DeviceID { return slices.Sorted(maps.Keys(v)) }

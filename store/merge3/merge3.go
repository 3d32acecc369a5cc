// Package merge3 merges two edits of a text against their common ancestor,
// line by line, the way diff3 does: changes on one side are taken, equal
// changes collapse, and overlapping different changes are kept with markers.
package merge3

import "strings"

// Markers around overlapping edits. They name no device, so every device
// writes the same merge.
const (
	MarkStart = "<<<<<<< one version"
	MarkMid   = "======="
	MarkEnd   = ">>>>>>> other version"
)

// maxCells bounds the LCS table; beyond it the texts are compared whole.
const maxCells = 4 << 20

// Merge returns the merge of a and b from base, and whether any edits overlapped.
func Merge(base, a, b string) (string, bool) {
	switch {
	case a == b, base == b:
		return a, false
	case base == a:
		return b, false
	}
	bl, al, blB := lines(base), lines(a), lines(b)
	ma, mb := match(bl, al), match(bl, blB)
	var out []string
	conflict := false
	i, ja, jb := 0, 0, 0
	emit := func(iEnd, aEnd, bEnd int) {
		bc, ac, cc := bl[i:iEnd], al[ja:aEnd], blB[jb:bEnd]
		switch {
		case equal(ac, bc):
			out = append(out, cc...)
		case equal(cc, bc), equal(ac, cc):
			out = append(out, ac...)
		default:
			conflict = true
			out = append(out, MarkStart)
			out = append(out, ac...)
			out = append(out, MarkMid)
			out = append(out, cc...)
			out = append(out, MarkEnd)
		}
	}
	for k := 0; k < len(bl); k++ {
		if ma[k] < 0 || mb[k] < 0 {
			continue
		}
		emit(k, ma[k], mb[k])
		out = append(out, bl[k])
		i, ja, jb = k+1, ma[k]+1, mb[k]+1
	}
	emit(len(bl), len(al), len(blB))
	return strings.Join(out, "\n"), conflict
}

func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func equal(x, y []string) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// match maps each line of base to the line of other it is paired with in a
// longest common subsequence, or -1.
func match(base, other []string) []int {
	m := make([]int, len(base))
	for i := range m {
		m[i] = -1
	}
	n, o := len(base), len(other)
	if n == 0 || o == 0 || n*o > maxCells {
		return m
	}
	// lcs[i][j] is the LCS length of base[i:] and other[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, o+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := o - 1; j >= 0; j-- {
			if base[i] == other[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	for i, j := 0, 0; i < n && j < o; {
		switch {
		case base[i] == other[j]:
			m[i] = j
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	return m
}

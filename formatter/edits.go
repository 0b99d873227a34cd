package formatter

import (
	"sort"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Edit replaces the bytes [Start, End) of the old text with New.
type Edit struct {
	Start, End int
	New        string
}

// Edits returns a minimal list of line-granular edits that turn old into
// new, in increasing order and non-overlapping: unchanged lines are never
// part of an edit. Apply(old, Edits(old, new)) == new.
func Edits(old, new []byte) []Edit {
	if string(old) == string(new) {
		return nil
	}
	dmp := diffmatchpatch.New()
	a, b, lines := dmp.DiffLinesToChars(string(old), string(new))
	diffs := dmp.DiffMain(a, b, false)
	diffs = dmp.DiffCharsToLines(diffs, lines)

	var edits []Edit
	off := 0
	var cur *Edit
	flush := func() {
		if cur != nil {
			edits = append(edits, *cur)
			cur = nil
		}
	}
	for _, d := range diffs {
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			off += len(d.Text)
		case diffmatchpatch.DiffDelete:
			if cur == nil {
				cur = &Edit{Start: off, End: off}
			}
			off += len(d.Text)
			cur.End = off
		case diffmatchpatch.DiffInsert:
			if cur == nil {
				cur = &Edit{Start: off, End: off}
			}
			cur.New += d.Text
		}
	}
	flush()
	return edits
}

// Apply applies non-overlapping edits to src.
func Apply(src []byte, edits []Edit) []byte {
	es := append([]Edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Start < es[j].Start })
	var out []byte
	last := 0
	for _, e := range es {
		if e.Start < last || e.End < e.Start || e.End > len(src) {
			continue // overlapping or out of range: ignored
		}
		out = append(out, src[last:e.Start]...)
		out = append(out, e.New...)
		last = e.End
	}
	return append(out, src[last:]...)
}

package syntax

import (
	"math/rand"
	"strings"
	"testing"
)

// dedentTripleSplit is the straightforward statement of the triple-quote
// rule (split into lines, find the common prefix, join); DedentTriple
// must agree with it.
func dedentTripleSplit(s string) string {
	if strings.HasPrefix(s, "\n") {
		s = s[1:]
	} else if strings.HasPrefix(s, "\r\n") {
		s = s[2:]
	}
	if s == "" {
		return s
	}
	lines := strings.Split(s, "\n")
	prefix := ""
	have := false
	for i, l := range lines {
		blank := strings.TrimLeft(l, " \t") == ""
		if blank && i != len(lines)-1 {
			continue
		}
		if blank && l == "" {
			continue
		}
		ws := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if !have {
			prefix, have = ws, true
			continue
		}
		prefix = commonPrefix(prefix, ws)
	}
	if prefix == "" {
		return s
	}
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = l[len(prefix):]
		} else if strings.TrimLeft(l, " \t") == "" {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

func TestDedentTripleMatchesSplit(t *testing.T) {
	fixed := []string{"", "\n", "\r\n", "a", "\n    a\n      b\n    ", "a: 1\n---\n", "\n\ta\n\t\tb\n\t", "  x\n\n  y", "  x\n \n  y\n  ", "\n  a\n\tb\n", "  \n  a"}
	for _, s := range fixed {
		if got, want := DedentTriple(s), dedentTripleSplit(s); got != want {
			t.Errorf("DedentTriple(%q) = %q, want %q", s, got, want)
		}
	}
	r := rand.New(rand.NewSource(1))
	alphabet := []string{" ", "  ", "\t", "\n", "a", "b c", "\r\n"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := r.Intn(12); n > 0; n-- {
			b.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		s := b.String()
		if got, want := DedentTriple(s), dedentTripleSplit(s); got != want {
			t.Fatalf("DedentTriple(%q) = %q, want %q", s, got, want)
		}
	}
}

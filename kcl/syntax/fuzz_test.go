package syntax

import (
	"os"
	"path/filepath"
	"testing"
)

// addCorpusSeeds adds up to max small .k files of the shared corpus (when
// present) as fuzz seeds.
func addCorpusSeeds(f *testing.F, max int) {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	n := 0
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || n >= max {
			return filepath.SkipDir
		}
		if !d.IsDir() && filepath.Ext(path) == ".k" {
			if src, err := os.ReadFile(path); err == nil && len(src) < 4096 {
				f.Add(src)
				n++
			}
		}
		return nil
	})
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"a = 1\n", "schema A:\n    x: int\n", "x = [\n 1\n]\n", "'abc", `"""a`, "\\", "a\\\nb",
		"\tif a:\n  \tb\n", "1Ki 0x 0b2 1e 1.e5 1.5Ki", "${", "r'\\'", "$", "$if", "é = 1", "\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	addCorpusSeeds(f, 300)
	f.Fuzz(func(t *testing.T, src []byte) {
		fset := NewFileSet()
		file := fset.AddFile("fuzz.k", src)
		var s Scanner
		s.Init(file, func(pos, end Pos, kind ErrorKind, msg string) {
			if !file.Contains(pos) || !file.Contains(end) || end < pos {
				t.Fatalf("error range [%d,%d) outside the file", pos, end)
			}
		}, ScanComments)
		prev := Pos(0)
		limit := 4*len(src) + 64
		for i := 0; ; i++ {
			if i > limit {
				t.Fatalf("scanner produced more than %d tokens for %d bytes", limit, len(src))
			}
			pos, tok, lit := s.Scan()
			if !file.Contains(pos) {
				t.Fatalf("token %s at %d outside the file", tok, pos)
			}
			if tok != NEWLINE && tok != INDENT && tok != DEDENT && tok != EOF {
				if pos < prev {
					t.Fatalf("token %s at %d before the previous token end %d", tok, pos, prev)
				}
				n := len(lit)
				if n == 0 {
					n = len(tok.String())
				}
				prev = pos + Pos(n)
				if !file.Contains(prev) {
					t.Fatalf("token %s %q ends outside the file", tok, lit)
				}
			}
			if tok == EOF {
				break
			}
		}
		if msg := roundTrip("fuzz.k", src); msg != "" && isScannable(src) {
			t.Fatal(msg)
		}
	})
}

// isScannable reports whether src is free of bytes that the scanner
// reports and skips (invalid characters never form tokens).
func isScannable(src []byte) bool {
	fset := NewFileSet()
	file := fset.AddFile("x.k", src)
	var s Scanner
	bad := false
	s.Init(file, func(Pos, Pos, ErrorKind, string) { bad = true }, ScanComments)
	for i := 0; i < 4*len(src)+64; i++ {
		if _, tok, _ := s.Scan(); tok == EOF {
			break
		}
	}
	return !bad
}

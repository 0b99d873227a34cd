package syntax

import "testing"

func TestFileSetRemoveFile(t *testing.T) {
	fset := NewFileSet()
	a := fset.AddFile("a.k", []byte("a = 1\n"))
	b := fset.AddFile("b.k", []byte("b = 2\n"))
	c := fset.AddFile("c.k", []byte("c = 3\n"))
	fset.RemoveFile(b)
	if got := fset.File(b.Pos(1)); got != nil {
		t.Errorf("File in removed file = %v", got.Name())
	}
	if fset.File(a.Pos(1)) != a || fset.File(c.Pos(1)) != c {
		t.Error("other files no longer resolve")
	}
	if fs := fset.Files(); len(fs) != 2 || fs[0] != a || fs[1] != c {
		t.Errorf("Files = %v", fs)
	}
	fset.RemoveFile(b) // again: nothing happens
	fset.RemoveFile(c) // the last one added
	if fset.File(c.Pos(0)) != nil {
		t.Error("removed last file still resolves")
	}
	d := fset.AddFile("d.k", []byte("d\n"))
	if d.Base() <= c.Base() {
		t.Errorf("new file reuses a removed range: base %d <= %d", d.Base(), c.Base())
	}
	if p := fset.Position(b.Pos(0)); p.IsValid() {
		t.Errorf("Position in removed file = %v", p)
	}
}

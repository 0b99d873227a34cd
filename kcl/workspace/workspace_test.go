package workspace

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/kclx-dev/kclx/kcl/loader"
)

func newTestSession(files map[string]string) (*Session, *loader.MemFS) {
	mem := &loader.MemFS{}
	for p, s := range files {
		mem.WriteFile(p, []byte(s))
	}
	return NewSession(Options{FS: mem, Folders: []string{"/ws"}}), mem
}

func TestOverlayShadowsDisk(t *testing.T) {
	s, _ := newTestSession(map[string]string{"/ws/a.k": "a = 1\n"})
	s1 := s.Snapshot()
	s2 := s.Apply([]Change{{Kind: SetOverlay, Path: "/ws/a.k", Content: []byte("a = 2\n"), Version: 1}})
	if b, _ := s1.ReadFile("/ws/a.k"); string(b) != "a = 1\n" {
		t.Errorf("old snapshot changed: %q", b)
	}
	if b, _ := s2.ReadFile("/ws/a.k"); string(b) != "a = 2\n" {
		t.Errorf("overlay not seen: %q", b)
	}
	s3 := s.Apply([]Change{{Kind: DropOverlay, Path: "/ws/a.k"}})
	if b, _ := s3.ReadFile("/ws/a.k"); string(b) != "a = 1\n" {
		t.Errorf("disk not back: %q", b)
	}
	if !(s1.ID() < s2.ID() && s2.ID() < s3.ID()) {
		t.Error("snapshot ids do not increase")
	}
}

func TestNewUnsavedFileJoinsPackage(t *testing.T) {
	s, _ := newTestSession(map[string]string{"/ws/a.k": "a = b\n"})
	u1 := s.Snapshot().Unit("/ws/a.k")
	if len(u1.Program.Main.Files) != 1 {
		t.Fatalf("files: %d", len(u1.Program.Main.Files))
	}
	snap := s.Apply([]Change{{Kind: SetOverlay, Path: "/ws/b.k", Content: []byte("b = 1\n"), Version: 1}})
	u2 := snap.Unit("/ws/a.k")
	if u2 == u1 || len(u2.Program.Main.Files) != 2 {
		t.Fatalf("new file not in the package: %v", u2.Files())
	}
	entries, _ := snap.FS().ReadDir("/ws")
	if len(entries) != 2 {
		t.Errorf("listing: %d entries", len(entries))
	}
}

func TestUnitReuseAndInvalidation(t *testing.T) {
	s, mem := newTestSession(map[string]string{
		"/ws/kcl.mod":    "[package]\nname = \"m\"\n",
		"/ws/app/main.k": "import lib\nx = lib.y\n",
		"/ws/lib/lib.k":  "y = 1\n",
		"/ws/other/o.k":  "o = 1\n",
	})
	u1 := s.Snapshot().Unit("/ws/app/main.k")
	if !u1.Contains("/ws/lib/lib.k") {
		t.Fatalf("lib not loaded: %v", u1.Files())
	}
	// An edit elsewhere keeps the unit.
	snap := s.Apply([]Change{{Kind: SetOverlay, Path: "/ws/other/o.k", Content: []byte("o = 2\n"), Version: 1}})
	if snap.Unit("/ws/app/main.k") != u1 {
		t.Error("unit reloaded after an unrelated edit")
	}
	// An edit of an imported file reloads it.
	snap = s.Apply([]Change{{Kind: SetOverlay, Path: "/ws/lib/lib.k", Content: []byte("y = 2\n"), Version: 1}})
	u2 := snap.Unit("/ws/app/main.k")
	if u2 == u1 || string(u2.SourceFile("/ws/lib/lib.k").Src) != "y = 2\n" {
		t.Error("unit not reloaded after an edit of a dependency")
	}
	// A disk change is seen only once reported.
	mem.WriteFile("/ws/lib/lib.k", []byte("y = 3\n"))
	snap = s.Apply([]Change{{Kind: DropOverlay, Path: "/ws/lib/lib.k"}})
	if got := string(snap.Unit("/ws/app/main.k").SourceFile("/ws/lib/lib.k").Src); got != "y = 1\n" {
		t.Errorf("disk cache: %q", got)
	}
	snap = s.Apply([]Change{{Kind: DiskChanged, Path: "/ws/lib/lib.k"}})
	if got := string(snap.Unit("/ws/app/main.k").SourceFile("/ws/lib/lib.k").Src); got != "y = 3\n" {
		t.Errorf("after DiskChanged: %q", got)
	}
}

func TestParseIsMemoised(t *testing.T) {
	mem := &loader.MemFS{}
	mem.WriteFile("/ws/a.k", []byte("a = 1\n"))
	s := NewSession(Options{FS: mem})
	snap := s.Snapshot()
	f1, _ := snap.Parse("/ws/a.k")
	f2, _ := snap.Parse("/ws/a.k")
	if f1 != f2 {
		t.Error("parse not memoised")
	}
}

// TestEditingDoesNotGrow edits a file of a package many times, checking
// each version as the language server does, and verifies that the
// superseded versions leave the FileSet and the check cache.
func TestEditingDoesNotGrow(t *testing.T) {
	s, _ := newTestSession(map[string]string{
		"/ws/kcl.mod":    "[package]\nname = \"m\"\n",
		"/ws/app/main.k": "import lib\nx = lib.y\n",
		"/ws/app/b.k":    "b = 1\n",
		"/ws/lib/lib.k":  "y = 1\n",
	})
	for i := 0; i < 300; i++ {
		src := fmt.Sprintf("import lib\nx = lib.y + %d\n", i)
		snap := s.Apply([]Change{{Kind: SetOverlay, Path: "/ws/app/main.k", Content: []byte(src), Version: int32(i)}})
		u := snap.Unit("/ws/app/main.k")
		if res := u.Check(); res.HasErrors() {
			t.Fatalf("version %d: %v", i, res.Diagnostics[0].Msg)
		}
		if got := u.Memo("n", func() any { return i }); got != i {
			t.Fatalf("memo = %v", got)
		}
	}
	if n := s.caches.checks.Len(); n > 6 {
		t.Errorf("check cache holds %d results", n)
	}
	deadline := time.Now().Add(5 * time.Second)
	files := s.Snapshot().FileSet().Files()
	for len(files) > 6 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(time.Millisecond)
		files = s.Snapshot().FileSet().Files()
	}
	if len(files) > 6 {
		t.Errorf("FileSet holds %d files after 300 edits", len(files))
	}
	// The current snapshot still works.
	u := s.Snapshot().Unit("/ws/app/main.k")
	if f := u.File("/ws/app/main.k"); f == nil || f.Tok == nil {
		t.Fatal("current file lost")
	}
}

func TestUnitCheckReuse(t *testing.T) {
	s, _ := newTestSession(map[string]string{
		"/ws/app/main.k":    "import lib\nx = lib.y\n",
		"/ws/app/lib/lib.k": "y = 1\n",
		"/ws/other/o.k":     "o = 1\n",
	})
	u := s.Snapshot().Unit("/ws/app/main.k")
	r1 := u.Check()
	if r1 != u.Check() {
		t.Error("check not memoised")
	}
	snap := s.Apply([]Change{{Kind: SetOverlay, Path: "/ws/app/main.k", Content: []byte("import lib\nx = lib.y + 1\n"), Version: 1}})
	r2 := snap.Unit("/ws/app/main.k").Check()
	if r2 == r1 || r2.Infos["lib"] != r1.Infos["lib"] {
		t.Error("edited unit: the unchanged package was checked again")
	}
}

func TestUnitKey(t *testing.T) {
	for path, want := range map[string]string{
		"/ws/a/b.k":      "/ws/a",
		"/ws/a/b_test.k": "/ws/a/b_test.k",
		"/ws/a/_b.k":     "/ws/a/_b.k",
		"/ws/a/b.input":  "/ws/a/b.input",
	} {
		if got, _ := UnitKey(path); got != want {
			t.Errorf("UnitKey(%s) = %s, want %s", path, got, want)
		}
	}
}

// TestUnitReloadPatchesProgram: a content edit reloads a unit by
// patching its old program (the unchanged packages are the same
// values), an edit of an import loads it anew, and both see the edit.
func TestUnitReloadPatchesProgram(t *testing.T) {
	s, _ := newTestSession(map[string]string{
		"/ws/kcl.mod":    "[package]\nname = \"m\"\n",
		"/ws/app/main.k": "import lib\nx = lib.y\n",
		"/ws/lib/lib.k":  "y = 1\n",
		"/ws/other/o.k":  "o = 1\n",
	})
	u1 := s.Snapshot().Unit("/ws/app/main.k")
	snap := s.Apply([]Change{{Kind: SetOverlay, Path: "/ws/app/main.k", Content: []byte("import lib\nx = lib.y + 1\n"), Version: 1}})
	u2 := snap.Unit("/ws/app/main.k")
	if u2 == u1 || u2.Program.Packages["lib"] != u1.Program.Packages["lib"] {
		t.Error("content edit: the unchanged package was loaded again")
	}
	if got := string(u2.SourceFile("/ws/app/main.k").Src); got != "import lib\nx = lib.y + 1\n" {
		t.Errorf("patched program has %q", got)
	}
	if res := u2.Check(); res.HasErrors() {
		t.Errorf("patched program: %v", res.Diagnostics[0].Msg)
	}
	snap = s.Apply([]Change{{Kind: SetOverlay, Path: "/ws/app/main.k", Content: []byte("import other\nx = other.o\n"), Version: 2}})
	u3 := snap.Unit("/ws/app/main.k")
	if u3.Program.Packages["other"] == nil || u3.Program.Packages["lib"] != nil {
		t.Errorf("import edit: packages %v", u3.Files())
	}
	if res := u3.Check(); res.HasErrors() {
		t.Errorf("reloaded program: %v", res.Diagnostics[0].Msg)
	}
}

package loader

import (
	"io/fs"
	"strings"
	"testing"
)

// countingFS counts the directory listings of an FS.
type countingFS struct {
	FS
	readDirs map[string]int
}

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.readDirs[name]++
	return c.FS.ReadDir(name)
}

// TestPackageDirListedOnce checks that a package imported by many files
// is looked up on disk once per load, and that the result is the same.
func TestPackageDirListedOnce(t *testing.T) {
	files := map[string]string{
		"/ws/kcl.mod":    "[package]\nname = \"app\"\n",
		"/ws/main.k":     "import lib\nimport models\nx = lib.v\n",
		"/ws/lib/lib.k":  "v = 1\n",
		"/ws/models/a.k": "import lib\na = lib.v\n",
		"/ws/models/b.k": "import lib\nb = lib.v\n",
		"/ws/models/c.k": "import lib\nc = lib.v\n",
	}
	cfs := &countingFS{FS: NewMemFS(files), readDirs: map[string]int{}}
	prog, err := Load([]string{"/ws/main.k"}, Options{FS: cfs, WorkDir: "/ws"})
	if err != nil || prog.HasErrors() {
		t.Fatalf("load: %v %v", err, prog.Diagnostics)
	}
	if n := cfs.readDirs["/ws/lib"]; n != 1 {
		t.Errorf("/ws/lib listed %d times, want 1", n)
	}
	lib := prog.Packages["lib"]
	if lib == nil || len(lib.Files) != 1 || !strings.HasSuffix(lib.Files[0].Path, "lib.k") {
		t.Fatalf("package lib: %+v", lib)
	}
	imports := 0
	for _, imp := range prog.Imports {
		if imp.PkgPath == "lib" && imp.Kind == ImportPackage {
			imports++
		}
	}
	if imports != 4 {
		t.Errorf("%d imports resolved to lib, want 4", imports)
	}
}

package workspace

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// Snapshot is an immutable view of the workspace at one moment. Its
// methods are safe for concurrent use; what they compute is memoised.
type Snapshot struct {
	id       uint64
	caches   *caches
	opts     Options
	folders  []string
	overlays map[string]*Overlay
	fs       *snapshotFS

	mu     sync.Mutex
	parsed map[string]*parseEntry
	units  map[string]*unitEntry
	// stale holds, for the units that an edit invalidated, their last
	// programs: when only file contents changed since, a unit is loaded
	// again by patching its old program (loader.Reload). Written before
	// the snapshot is published, read-only after.
	stale map[string]*loader.Program
}

type parseEntry struct {
	once sync.Once
	file *File
	err  error
}

type unitEntry struct {
	once sync.Once
	done atomic.Bool
	unit *Unit
}

func newSnapshot(id uint64, c *caches, opts Options, folders []string, overlays map[string]*Overlay) *Snapshot {
	return &Snapshot{
		id:       id,
		caches:   c,
		opts:     opts,
		folders:  folders,
		overlays: overlays,
		fs:       newSnapshotFS(c.disk, overlays),
		parsed:   map[string]*parseEntry{},
		units:    map[string]*unitEntry{},
		stale:    map[string]*loader.Program{},
	}
}

// inherit carries over the memoised results of old that the changes
// cannot have affected.
func (s *Snapshot) inherit(old *Snapshot, changed map[string]bool, structural bool) {
	old.mu.Lock()
	defer old.mu.Unlock()
	for path, e := range old.parsed {
		// A structural change (a file created or deleted) does not alter
		// the content of the other files.
		if !changed[path] {
			s.parsed[path] = e
		}
	}
	if structural {
		return
	}
	for key, e := range old.units {
		if !e.done.Load() {
			continue
		}
		if e.unit.dependsOnAny(changed) {
			if e.unit.Err == nil && e.unit.Program != nil {
				s.stale[key] = e.unit.Program
			}
			continue
		}
		s.units[key] = e
	}
	// A unit the old snapshot did not load keeps its older program: a
	// client that edits faster than the units are rechecked still gets
	// them patched rather than loaded anew.
	for key, prog := range old.stale {
		if _, ok := s.units[key]; !ok && s.stale[key] == nil {
			if e := old.units[key]; e == nil || !e.done.Load() {
				s.stale[key] = prog
			}
		}
	}
}

// ID returns the snapshot's sequence number; later snapshots have larger
// ones.
func (s *Snapshot) ID() uint64 { return s.id }

// Folders returns the workspace folders.
func (s *Snapshot) Folders() []string { return s.folders }

// PkgPath returns the package cache directory used for dependencies.
func (s *Snapshot) PkgPath() string { return s.opts.PkgPath }

// FS returns the file system of this snapshot: open buffers over the
// disk.
func (s *Snapshot) FS() loader.FS { return s.fs }

// FileSet returns the FileSet of the files parsed for this snapshot (it
// is the session's: positions of a file stay valid while its parse is in
// use).
func (s *Snapshot) FileSet() *syntax.FileSet { return s.caches.parses.FileSet() }

// Overlay returns the open buffer of path, if any.
func (s *Snapshot) Overlay(path string) (*Overlay, bool) {
	o, ok := s.overlays[filepath.Clean(path)]
	return o, ok
}

// Overlays returns the open buffers, sorted by path.
func (s *Snapshot) Overlays() []*Overlay {
	out := make([]*Overlay, 0, len(s.overlays))
	for _, o := range s.overlays {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// ReadFile returns the content of path: the open buffer, else the disk.
func (s *Snapshot) ReadFile(path string) ([]byte, error) {
	return s.fs.ReadFile(filepath.Clean(path))
}

// File is one parsed file of a snapshot.
type File struct {
	*loader.SourceFile
	// Tok is the file's entry in the snapshot's FileSet: positions,
	// lines and the source text.
	Tok *syntax.File
}

// Offset returns the byte offset of p in f.
func (f *File) Offset(p syntax.Pos) int { return f.Tok.Offset(p) }

// Pos returns the Pos of a byte offset of f.
func (f *File) Pos(offset int) syntax.Pos { return f.Tok.Pos(offset) }

// Parse returns the parse of path's current content.
func (s *Snapshot) Parse(path string) (*File, error) {
	path = filepath.Clean(path)
	s.mu.Lock()
	e := s.parsed[path]
	if e == nil {
		e = &parseEntry{}
		s.parsed[path] = e
	}
	s.mu.Unlock()
	e.once.Do(func() {
		src, err := s.fs.ReadFile(path)
		if err != nil {
			e.err = err
			return
		}
		e.file = fileOf(s.caches.parses.FileSet(), s.caches.parses.Parse(path, src))
	})
	return e.file, e.err
}

// fileOf wraps a loader source file.
func fileOf(fset *syntax.FileSet, sf *loader.SourceFile) *File {
	return &File{SourceFile: sf, Tok: fset.File(sf.AST.FileStart)}
}

// Unit is a compile unit: a main package (a directory's .k files, or a
// single file) loaded with everything it imports. Its check result and
// other results derived from it are computed on first use and kept as
// long as the unit (which later snapshots inherit while none of its files
// changes).
type Unit struct {
	// Key identifies the unit: the package directory, or the file of a
	// single-file unit.
	Key string
	// Entries are the loader inputs.
	Entries []string
	Program *loader.Program
	// Err is the loader's error (an unreadable entry, a malformed root
	// kcl.mod); Program is still usable.
	Err error

	files  map[string]*loader.SourceFile
	checks *sema.Cache

	checkOnce sync.Once
	checked   *sema.Result

	memoMu sync.Mutex
	memo   map[any]*memoEntry
}

type memoEntry struct {
	once  sync.Once
	value any
}

// Check returns the result of type checking the unit's program (with
// the session's check cache: packages unchanged since an earlier check
// are not checked again). It never returns nil.
func (u *Unit) Check() *sema.Result {
	u.checkOnce.Do(func() {
		u.checked = safeCheck(u.Program, u.checks)
	})
	return u.checked
}

// safeCheck runs the type checker, turning a panic into a diagnostic.
func safeCheck(prog *loader.Program, cache *sema.Cache) (res *sema.Result) {
	defer func() {
		if r := recover(); r != nil {
			res = &sema.Result{Program: prog, Infos: map[string]*sema.Info{}}
			res.Diagnostics = append(res.Diagnostics, prog.Diagnostics...)
			file := ""
			if prog.Main != nil && len(prog.Main.Files) > 0 {
				file = prog.Main.Files[0].Path
			}
			res.Diagnostics = append(res.Diagnostics, loader.Diagnostic{
				File: file, Severity: loader.Error, Kind: loader.CompileError, Code: "internal",
				Msg: fmt.Sprintf("internal error: type checker panic: %v", r),
			})
		}
	}()
	return sema.Check(prog, &sema.Options{Cache: cache})
}

// Memo returns the value compute returns for key, computing it once per
// unit: a place for results derived from the unit (lint findings, ...)
// to live exactly as long as the unit. Keys are compared with ==.
func (u *Unit) Memo(key any, compute func() any) any {
	u.memoMu.Lock()
	if u.memo == nil {
		u.memo = map[any]*memoEntry{}
	}
	e := u.memo[key]
	if e == nil {
		e = &memoEntry{}
		u.memo[key] = e
	}
	u.memoMu.Unlock()
	e.once.Do(func() { e.value = compute() })
	return e.value
}

// File returns the file of the unit with the given path, or nil.
func (u *Unit) File(path string) *File {
	sf := u.files[filepath.Clean(path)]
	if sf == nil {
		return nil
	}
	return fileOf(u.Program.FileSet, sf)
}

// SourceFile returns the loaded file with the given path, or nil.
func (u *Unit) SourceFile(path string) *loader.SourceFile { return u.files[filepath.Clean(path)] }

// Files returns the paths of every file the unit loaded, sorted.
func (u *Unit) Files() []string {
	out := make([]string, 0, len(u.files))
	for p := range u.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Contains reports whether the unit loaded path.
func (u *Unit) Contains(path string) bool { return u.files[filepath.Clean(path)] != nil }

// FileOf returns the unit's parsed file holding p, or nil.
func (u *Unit) FileOf(p syntax.Pos) *File {
	tok := u.Program.FileSet.File(p)
	if tok == nil {
		return nil
	}
	sf := u.files[tok.Name()]
	if sf == nil || !tok.Contains(sf.AST.FileStart) {
		return nil
	}
	return &File{SourceFile: sf, Tok: tok}
}

func (u *Unit) dependsOnAny(changed map[string]bool) bool {
	for p := range changed {
		if u.files[p] != nil {
			return true
		}
	}
	return false
}

// UnitKey returns the key of the compile unit that analyses path, and
// the loader entries for it.
func UnitKey(path string) (key string, entries []string) {
	path = filepath.Clean(path)
	if IsPackageFile(path) {
		dir := filepath.Dir(path)
		return dir, []string{dir}
	}
	return path, []string{path}
}

// IsPackageFile reports whether the loader counts path as a member of
// its directory's package: a .k file not named _* or *_test.k.
func IsPackageFile(path string) bool {
	base := filepath.Base(path)
	return strings.HasSuffix(base, ".k") && !strings.HasPrefix(base, "_") && !strings.HasSuffix(base, "_test.k")
}

// Unit returns the compile unit that analyses path (loading it on first
// use).
func (s *Snapshot) Unit(path string) *Unit {
	key, entries := UnitKey(path)
	s.mu.Lock()
	e := s.units[key]
	if e == nil {
		e = &unitEntry{}
		s.units[key] = e
	}
	s.mu.Unlock()
	e.once.Do(func() {
		e.unit = s.load(key, entries)
		e.done.Store(true)
	})
	return e.unit
}

// LoadedUnits returns the units already loaded by this snapshot (or
// inherited), sorted by key.
func (s *Snapshot) LoadedUnits() []*Unit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*Unit
	for _, e := range s.units {
		if e.done.Load() {
			out = append(out, e.unit)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func (s *Snapshot) load(key string, entries []string) *Unit {
	u := &Unit{Key: key, Entries: entries, checks: s.caches.checks, files: map[string]*loader.SourceFile{}}
	opts := loader.Options{
		FS:      s.fs,
		WorkDir: filepath.Dir(entries[0]),
		PkgPath: s.opts.PkgPath,
		Cache:   s.caches.parses,
	}
	var prog *loader.Program
	var err error
	if prev := s.stale[key]; prev != nil {
		prog = safeReload(prev, opts)
	}
	if prog == nil {
		prog, err = safeLoad(entries, opts)
	}
	u.Program, u.Err = prog, err
	for _, pkg := range prog.Packages {
		for _, f := range pkg.Files {
			u.files[f.Path] = f
		}
	}
	return u
}

// safeLoad runs the loader, turning a panic into an error so that one bad
// file cannot take the language server down.
func safeLoad(entries []string, opts loader.Options) (prog *loader.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog = &loader.Program{
				Packages: map[string]*loader.Package{},
				FileSet:  opts.Cache.FileSet(),
				Imports:  map[*ast.ImportStmt]*loader.Import{},
			}
			err = fmt.Errorf("internal error: loader panic: %v", r)
		}
	}()
	return loader.Load(entries, opts)
}

// safeReload patches a program after content changes (nil when it
// cannot), turning a panic into nil.
func safeReload(prev *loader.Program, opts loader.Options) (prog *loader.Program) {
	defer func() {
		if recover() != nil {
			prog = nil
		}
	}()
	return loader.Reload(prev, opts)
}

// Walk calls fn for every .k file below the workspace folders (open
// buffers included), skipping hidden directories, and stops early when fn
// returns false.
func (s *Snapshot) Walk(fn func(path string) bool) {
	seen := map[string]bool{}
	var walk func(dir string, depth int) bool
	walk = func(dir string, depth int) bool {
		if depth > 32 || seen[dir] {
			return true
		}
		seen[dir] = true
		entries, err := s.fs.ReadDir(dir)
		if err != nil {
			return true
		}
		for _, e := range entries {
			name := e.Name()
			full := filepath.Join(dir, name)
			if e.IsDir() {
				if strings.HasPrefix(name, ".") || name == "node_modules" {
					continue
				}
				if !walk(full, depth+1) {
					return false
				}
				continue
			}
			if strings.HasSuffix(name, ".k") && !seen[full] {
				seen[full] = true
				if !fn(full) {
					return false
				}
			}
		}
		return true
	}
	for _, f := range s.folders {
		if !walk(f, 0) {
			return
		}
	}
	for _, o := range s.Overlays() {
		if strings.HasSuffix(o.Path, ".k") && !seen[o.Path] {
			seen[o.Path] = true
			if !fn(o.Path) {
				return
			}
		}
	}
}

package workspace

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// Snapshot is an immutable view of the workspace at one moment. Its
// methods are safe for concurrent use; what they compute is memoised.
type Snapshot struct {
	id       uint64
	gen      *generation
	opts     Options
	folders  []string
	overlays map[string]*Overlay
	fs       *snapshotFS

	mu     sync.Mutex
	parsed map[string]*parseEntry
	units  map[string]*unitEntry
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

func newSnapshot(id uint64, gen *generation, opts Options, folders []string, overlays map[string]*Overlay) *Snapshot {
	return &Snapshot{
		id:       id,
		gen:      gen,
		opts:     opts,
		folders:  folders,
		overlays: overlays,
		fs:       newSnapshotFS(gen.disk, overlays),
		parsed:   map[string]*parseEntry{},
		units:    map[string]*unitEntry{},
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
			continue
		}
		s.units[key] = e
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

// FileSet returns the FileSet of every file parsed for this snapshot.
func (s *Snapshot) FileSet() *syntax.FileSet { return s.gen.cache.FileSet() }

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
		e.file = s.fileOf(s.gen.cache.Parse(path, src))
	})
	return e.file, e.err
}

// fileOf wraps a loader source file.
func (s *Snapshot) fileOf(sf *loader.SourceFile) *File {
	return &File{SourceFile: sf, Tok: s.gen.cache.FileSet().File(sf.AST.FileStart)}
}

// Unit is a compile unit: a main package (a directory's .k files, or a
// single file) loaded with everything it imports.
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

	snap  *Snapshot
	files map[string]*loader.SourceFile
}

// File returns the file of the unit with the given path, or nil.
func (u *Unit) File(path string) *File {
	sf := u.files[filepath.Clean(path)]
	if sf == nil {
		return nil
	}
	return u.snap.fileOf(sf)
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
	if sf == nil {
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
	u := &Unit{Key: key, Entries: entries, snap: s, files: map[string]*loader.SourceFile{}}
	opts := loader.Options{
		FS:      s.fs,
		WorkDir: filepath.Dir(entries[0]),
		PkgPath: s.opts.PkgPath,
		Cache:   s.gen.cache,
	}
	prog, err := safeLoad(entries, opts)
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

var _ fs.FileInfo = memInfo{}

// FS returns the file system the unit was loaded from (its snapshot's).
func (u *Unit) FS() loader.FS { return u.snap.fs }

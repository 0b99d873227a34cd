package loader

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// FS is the file-system view the loader (and through it the whole language
// core) reads from. Names are OS-style absolute paths, cleaned with
// filepath.Clean. Implementations must be safe for concurrent use.
//
// Errors follow io/fs conventions: a missing file yields an error for which
// errors.Is(err, fs.ErrNotExist) holds.
type FS interface {
	// ReadFile returns the content of the named file.
	ReadFile(name string) ([]byte, error)
	// ReadDir returns the entries of the named directory, sorted by name.
	ReadDir(name string) ([]fs.DirEntry, error)
	// Stat returns information about the named file or directory.
	Stat(name string) (fs.FileInfo, error)
}

// isDir reports whether name is an existing directory in fsys.
func isDir(fsys FS, name string) bool {
	fi, err := fsys.Stat(name)
	return err == nil && fi.IsDir()
}

// isFile reports whether name is an existing regular (non-directory) file.
func isFile(fsys FS, name string) bool {
	fi, err := fsys.Stat(name)
	return err == nil && !fi.IsDir()
}

// exists reports whether name exists in fsys.
func exists(fsys FS, name string) bool {
	_, err := fsys.Stat(name)
	return err == nil
}

// ----------------------------------------------------------------------------
// MemFS

// MemFS is an in-memory FS, meant for tests and for tools that build
// programs from strings. Directories exist implicitly: every parent of a
// file is a directory. The zero value is an empty FS ready to use.
type MemFS struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemFS returns a MemFS holding files (path → content). Paths are
// cleaned; relative paths are taken relative to the file-system root.
func NewMemFS(files map[string]string) *MemFS {
	m := &MemFS{}
	for name, content := range files {
		m.WriteFile(name, []byte(content))
	}
	return m
}

func memClean(name string) string {
	if !filepath.IsAbs(name) {
		name = string(filepath.Separator) + name
	}
	return filepath.Clean(name)
}

// WriteFile adds or replaces a file.
func (m *MemFS) WriteFile(name string, content []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[memClean(name)] = append([]byte(nil), content...)
}

// Remove deletes a file; removing a missing file is a no-op.
func (m *MemFS) Remove(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, memClean(name))
}

// ReadFile implements FS.
func (m *MemFS) ReadFile(name string) ([]byte, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if b, ok := m.files[memClean(name)]; ok {
		return append([]byte(nil), b...), nil
	}
	if m.isDirLocked(memClean(name)) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (m *MemFS) isDirLocked(dir string) bool {
	if dir == string(filepath.Separator) {
		return true
	}
	prefix := dir + string(filepath.Separator)
	for name := range m.files {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// ReadDir implements FS.
func (m *MemFS) ReadDir(name string) ([]fs.DirEntry, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	dir := memClean(name)
	if !m.isDirLocked(dir) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return sortedEntries(childEntries(m.files, dir)), nil
}

// childEntries returns the files and directories directly inside the
// cleaned directory dir of an FS holding files (path → content), where
// every parent of a file is a directory. A directory wins over a file of
// the same name.
func childEntries(files map[string][]byte, dir string) map[string]fs.DirEntry {
	prefix := dir
	if !strings.HasSuffix(prefix, string(filepath.Separator)) {
		prefix += string(filepath.Separator)
	}
	out := map[string]fs.DirEntry{}
	for name, content := range files {
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok || rest == "" {
			continue
		}
		if i := strings.IndexByte(rest, filepath.Separator); i >= 0 {
			out[rest[:i]] = DirInfo(rest[:i])
		} else if _, dup := out[rest]; !dup {
			out[rest] = FileInfo(rest, int64(len(content)))
		}
	}
	return out
}

// Stat implements FS.
func (m *MemFS) Stat(name string) (fs.FileInfo, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	p := memClean(name)
	if b, ok := m.files[p]; ok {
		return FileInfo(filepath.Base(p), int64(len(b))), nil
	}
	if m.isDirLocked(p) {
		return DirInfo(filepath.Base(p)), nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

func sortedEntries(m map[string]fs.DirEntry) []fs.DirEntry {
	out := make([]fs.DirEntry, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	SortDirEntries(out)
	return out
}

// SortDirEntries sorts entries by name, the order FS.ReadDir returns.
func SortDirEntries(entries []fs.DirEntry) {
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
}

// MergeDirEntries returns the listing of a directory whose base entries are
// shadowed by extra ones (name → entry), sorted by name: an extra entry
// replaces a base entry of the same name unless the base entry is a
// directory. It is the ReadDir of an overlay over a base FS; base may be
// nil (the directory is not in the base).
func MergeDirEntries(base []fs.DirEntry, extra map[string]fs.DirEntry) []fs.DirEntry {
	all := make(map[string]fs.DirEntry, len(base)+len(extra))
	for _, e := range base {
		all[e.Name()] = e
	}
	for n, e := range extra {
		if old, ok := all[n]; ok && old.IsDir() {
			continue
		}
		all[n] = e
	}
	return sortedEntries(all)
}

// MemInfo is the fs.FileInfo, and the fs.DirEntry, of a file or directory
// held in memory: a name, a size and no modification time. The in-memory
// and overlay file systems of the language core share it.
type MemInfo struct {
	name string
	size int64
	dir  bool
}

// FileInfo returns the MemInfo of a file called name holding size bytes.
func FileInfo(name string, size int64) MemInfo { return MemInfo{name: name, size: size} }

// DirInfo returns the MemInfo of a directory called name.
func DirInfo(name string) MemInfo { return MemInfo{name: name, dir: true} }

// Name implements fs.FileInfo and fs.DirEntry.
func (i MemInfo) Name() string { return i.name }

// Size implements fs.FileInfo.
func (i MemInfo) Size() int64 { return i.size }

// Mode implements fs.FileInfo: 0755 directories, 0644 files.
func (i MemInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}

// ModTime implements fs.FileInfo: always the zero time.
func (i MemInfo) ModTime() time.Time { return time.Time{} }

// IsDir implements fs.FileInfo and fs.DirEntry.
func (i MemInfo) IsDir() bool { return i.dir }

// Sys implements fs.FileInfo.
func (i MemInfo) Sys() any { return nil }

// Type implements fs.DirEntry.
func (i MemInfo) Type() fs.FileMode { return i.Mode().Type() }

// Info implements fs.DirEntry.
func (i MemInfo) Info() (fs.FileInfo, error) { return i, nil }

var (
	_ fs.FileInfo = MemInfo{}
	_ fs.DirEntry = MemInfo{}
)

// ----------------------------------------------------------------------------
// Overlay

// Overlay is an FS whose files shadow those of a base FS: the content of an
// unsaved editor buffer wins over the file on disk. Overlay files also
// appear in directory listings (and make their parent directories exist),
// so a new, never-saved file is part of its package.
type Overlay struct {
	base FS
	mu   sync.RWMutex
	over map[string][]byte
}

// NewOverlay returns an Overlay over base (which may be nil: an overlay
// over an empty file system).
func NewOverlay(base FS) *Overlay {
	if base == nil {
		base = &MemFS{}
	}
	return &Overlay{base: base, over: map[string][]byte{}}
}

// Set makes name read as content, whatever the base holds.
func (o *Overlay) Set(name string, content []byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.over[filepath.Clean(name)] = append([]byte(nil), content...)
}

// Delete drops the overlay entry of name, so that the base shows through.
func (o *Overlay) Delete(name string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.over, filepath.Clean(name))
}

// Get returns the overlay content of name, if any.
func (o *Overlay) Get(name string) ([]byte, bool) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	b, ok := o.over[filepath.Clean(name)]
	return b, ok
}

// ReadFile implements FS.
func (o *Overlay) ReadFile(name string) ([]byte, error) {
	if b, ok := o.Get(name); ok {
		return append([]byte(nil), b...), nil
	}
	return o.base.ReadFile(name)
}

// overlayChildren returns the overlay files and directories directly
// inside dir.
func (o *Overlay) overlayChildren(dir string) map[string]fs.DirEntry {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return childEntries(o.over, filepath.Clean(dir))
}

// ReadDir implements FS.
func (o *Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	extra := o.overlayChildren(name)
	base, err := o.base.ReadDir(name)
	if len(extra) == 0 {
		if err != nil {
			return nil, err
		}
		return base, nil
	}
	if err != nil {
		base = nil
	}
	return MergeDirEntries(base, extra), nil
}

// Stat implements FS.
func (o *Overlay) Stat(name string) (fs.FileInfo, error) {
	if b, ok := o.Get(name); ok {
		return FileInfo(filepath.Base(name), int64(len(b))), nil
	}
	fi, err := o.base.Stat(name)
	if err == nil {
		return fi, nil
	}
	if len(o.overlayChildren(name)) > 0 {
		return DirInfo(filepath.Base(name)), nil
	}
	return nil, err
}

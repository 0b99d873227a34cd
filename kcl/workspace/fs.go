package workspace

import (
	"io/fs"
	"path/filepath"
	"strings"
	"sync"

	"github.com/kclx-dev/kclx/kcl/loader"
)

// diskCache is a loader.FS that remembers what it read from its base
// until told that a path changed. It is shared by all snapshots of a
// session: disk content is not versioned, the client reports changes.
type diskCache struct {
	base loader.FS

	mu    sync.RWMutex
	files map[string]result[[]byte]
	dirs  map[string]result[[]fs.DirEntry]
	stats map[string]result[fs.FileInfo]
}

// result is a remembered answer of the base FS.
type result[T any] struct {
	v   T
	err error
}

func newDiskCache(base loader.FS) *diskCache {
	d := &diskCache{base: base}
	d.invalidateAll()
	return d
}

// cached returns the remembered answer for name in the map *m, or asks
// load and remembers its answer. m is a pointer because invalidateAll
// replaces the maps.
func cached[T any](d *diskCache, m *map[string]result[T], name string, load func(string) (T, error)) (T, error) {
	name = filepath.Clean(name)
	d.mu.RLock()
	r, ok := (*m)[name]
	d.mu.RUnlock()
	if ok {
		return r.v, r.err
	}
	v, err := load(name)
	d.mu.Lock()
	(*m)[name] = result[T]{v, err}
	d.mu.Unlock()
	return v, err
}

func (d *diskCache) ReadFile(name string) ([]byte, error) {
	return cached(d, &d.files, name, d.base.ReadFile)
}

func (d *diskCache) ReadDir(name string) ([]fs.DirEntry, error) {
	return cached(d, &d.dirs, name, d.base.ReadDir)
}

func (d *diskCache) Stat(name string) (fs.FileInfo, error) {
	return cached(d, &d.stats, name, d.base.Stat)
}

// deleteTree deletes path and every key below it (those starting with
// prefix) from m.
func deleteTree[T any](m map[string]T, path, prefix string) {
	delete(m, path)
	for p := range m {
		if strings.HasPrefix(p, prefix) {
			delete(m, p)
		}
	}
}

// invalidate forgets what is known of path, of everything below it (a
// directory may have been removed) and of the listing of its parent.
func (d *diskCache) invalidate(path string) {
	path = filepath.Clean(path)
	prefix := path + string(filepath.Separator)
	d.mu.Lock()
	defer d.mu.Unlock()
	deleteTree(d.files, path, prefix)
	deleteTree(d.dirs, path, prefix)
	deleteTree(d.stats, path, prefix)
	// The parent's listing and existence may change too (up to the root
	// for a new directory tree).
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		delete(d.dirs, dir)
		delete(d.stats, dir)
		if next := filepath.Dir(dir); next == dir {
			break
		}
	}
}

// invalidateAll forgets everything.
func (d *diskCache) invalidateAll() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.files = map[string]result[[]byte]{}
	d.dirs = map[string]result[[]fs.DirEntry]{}
	d.stats = map[string]result[fs.FileInfo]{}
}

// snapshotFS is the loader.FS of one snapshot: its overlays over the
// session's disk cache. It is immutable.
type snapshotFS struct {
	disk     loader.FS
	overlays map[string]*Overlay
	// children maps a directory to the overlay files and directories
	// directly inside it (only for overlays that are not on disk or
	// whose directories are not).
	children map[string]map[string]bool // dir → name → isDir
}

func newSnapshotFS(disk loader.FS, overlays map[string]*Overlay) *snapshotFS {
	s := &snapshotFS{disk: disk, overlays: overlays, children: map[string]map[string]bool{}}
	for path := range overlays {
		isDir := false
		for p := path; ; {
			dir := filepath.Dir(p)
			if dir == p {
				break
			}
			m := s.children[dir]
			if m == nil {
				m = map[string]bool{}
				s.children[dir] = m
			}
			m[filepath.Base(p)] = isDir
			p, isDir = dir, true
		}
	}
	return s
}

func (s *snapshotFS) ReadFile(name string) ([]byte, error) {
	name = filepath.Clean(name)
	if o, ok := s.overlays[name]; ok {
		return o.Content, nil
	}
	return s.disk.ReadFile(name)
}

func (s *snapshotFS) ReadDir(name string) ([]fs.DirEntry, error) {
	name = filepath.Clean(name)
	children := s.children[name]
	base, err := s.disk.ReadDir(name)
	if len(children) == 0 {
		return base, err
	}
	if err != nil {
		base = nil
	}
	extra := make(map[string]fs.DirEntry, len(children))
	for n, isDir := range children {
		if isDir {
			extra[n] = loader.DirInfo(n)
			continue
		}
		var size int64
		if o := s.overlays[filepath.Join(name, n)]; o != nil {
			size = int64(len(o.Content))
		}
		extra[n] = loader.FileInfo(n, size)
	}
	return loader.MergeDirEntries(base, extra), nil
}

func (s *snapshotFS) Stat(name string) (fs.FileInfo, error) {
	name = filepath.Clean(name)
	if o, ok := s.overlays[name]; ok {
		return loader.FileInfo(filepath.Base(name), int64(len(o.Content))), nil
	}
	fi, err := s.disk.Stat(name)
	if err == nil {
		return fi, nil
	}
	if len(s.children[name]) > 0 {
		return loader.DirInfo(filepath.Base(name)), nil
	}
	return nil, err
}

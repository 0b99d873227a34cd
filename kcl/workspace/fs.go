package workspace

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kclx-dev/kclx/kcl/loader"
)

// diskCache is a loader.FS that remembers what it read from its base
// until told that a path changed. It is shared by all snapshots of a
// session: disk content is not versioned, the client reports changes.
type diskCache struct {
	base loader.FS

	mu    sync.RWMutex
	files map[string]fileResult
	dirs  map[string]dirResult
	stats map[string]statResult
}

type fileResult struct {
	data []byte
	err  error
}

type dirResult struct {
	entries []fs.DirEntry
	err     error
}

type statResult struct {
	info fs.FileInfo
	err  error
}

func newDiskCache(base loader.FS) *diskCache {
	return &diskCache{
		base:  base,
		files: map[string]fileResult{},
		dirs:  map[string]dirResult{},
		stats: map[string]statResult{},
	}
}

func (d *diskCache) ReadFile(name string) ([]byte, error) {
	name = filepath.Clean(name)
	d.mu.RLock()
	r, ok := d.files[name]
	d.mu.RUnlock()
	if ok {
		return r.data, r.err
	}
	data, err := d.base.ReadFile(name)
	d.mu.Lock()
	d.files[name] = fileResult{data, err}
	d.mu.Unlock()
	return data, err
}

func (d *diskCache) ReadDir(name string) ([]fs.DirEntry, error) {
	name = filepath.Clean(name)
	d.mu.RLock()
	r, ok := d.dirs[name]
	d.mu.RUnlock()
	if ok {
		return r.entries, r.err
	}
	entries, err := d.base.ReadDir(name)
	d.mu.Lock()
	d.dirs[name] = dirResult{entries, err}
	d.mu.Unlock()
	return entries, err
}

func (d *diskCache) Stat(name string) (fs.FileInfo, error) {
	name = filepath.Clean(name)
	d.mu.RLock()
	r, ok := d.stats[name]
	d.mu.RUnlock()
	if ok {
		return r.info, r.err
	}
	info, err := d.base.Stat(name)
	d.mu.Lock()
	d.stats[name] = statResult{info, err}
	d.mu.Unlock()
	return info, err
}

// invalidate forgets what is known of path, of everything below it (a
// directory may have been removed) and of the listing of its parent.
func (d *diskCache) invalidate(path string) {
	path = filepath.Clean(path)
	prefix := path + string(filepath.Separator)
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, m := range []func(string){
		func(p string) { delete(d.files, p) },
		func(p string) { delete(d.dirs, p) },
		func(p string) { delete(d.stats, p) },
	} {
		m(path)
	}
	for p := range d.files {
		if strings.HasPrefix(p, prefix) {
			delete(d.files, p)
		}
	}
	for p := range d.dirs {
		if strings.HasPrefix(p, prefix) {
			delete(d.dirs, p)
		}
	}
	for p := range d.stats {
		if strings.HasPrefix(p, prefix) {
			delete(d.stats, p)
		}
	}
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
	d.files = map[string]fileResult{}
	d.dirs = map[string]dirResult{}
	d.stats = map[string]statResult{}
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
	extra := s.children[name]
	base, err := s.disk.ReadDir(name)
	if len(extra) == 0 {
		return base, err
	}
	all := map[string]fs.DirEntry{}
	if err == nil {
		for _, e := range base {
			all[e.Name()] = e
		}
	}
	for n, isDir := range extra {
		if old, ok := all[n]; ok && (old.IsDir() || !isDir) {
			continue
		}
		var size int64
		if o := s.overlays[filepath.Join(name, n)]; o != nil {
			size = int64(len(o.Content))
		}
		all[n] = fs.FileInfoToDirEntry(memInfo{name: n, dir: isDir, size: size})
	}
	out := make([]fs.DirEntry, 0, len(all))
	for _, e := range all {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

func (s *snapshotFS) Stat(name string) (fs.FileInfo, error) {
	name = filepath.Clean(name)
	if o, ok := s.overlays[name]; ok {
		return memInfo{name: filepath.Base(name), size: int64(len(o.Content))}, nil
	}
	fi, err := s.disk.Stat(name)
	if err == nil {
		return fi, nil
	}
	if len(s.children[name]) > 0 {
		return memInfo{name: filepath.Base(name), dir: true}, nil
	}
	return nil, err
}

// memInfo is the fs.FileInfo of an overlay file or directory.
type memInfo struct {
	name string
	size int64
	dir  bool
}

func (m memInfo) Name() string { return m.name }
func (m memInfo) Size() int64  { return m.size }
func (m memInfo) Mode() fs.FileMode {
	if m.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (m memInfo) ModTime() time.Time { return time.Time{} }
func (m memInfo) IsDir() bool        { return m.dir }
func (m memInfo) Sys() any           { return nil }

package workspace

import (
	"crypto/sha256"
	"path/filepath"
	"sync"

	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/sema"
)

// Options configure a Session.
type Options struct {
	// FS is the disk; nil means an empty file system (tests), the server
	// passes loader.OSFS.
	FS loader.FS
	// PkgPath is the package cache ($KCL_PKG_PATH) used to resolve
	// external dependencies.
	PkgPath string
	// Folders are the workspace folders (absolute directories).
	Folders []string
}

// ChangeKind says what happened to a path.
type ChangeKind uint8

const (
	// SetOverlay opens or edits a buffer: Content and Version are its new
	// state.
	SetOverlay ChangeKind = iota
	// DropOverlay closes a buffer: the file on disk shows through again.
	DropOverlay
	// DiskChanged reports that a file's content changed on disk.
	DiskChanged
	// DiskCreated reports a new file or directory on disk.
	DiskCreated
	// DiskDeleted reports a file or directory removed from disk.
	DiskDeleted
)

// Change is one modification applied by Session.Apply.
type Change struct {
	Kind       ChangeKind
	Path       string
	Content    []byte
	Version    int32
	LanguageID string
}

// Overlay is the state of an open editor buffer.
type Overlay struct {
	Path       string
	Version    int32
	Content    []byte
	LanguageID string
	Hash       [32]byte
}

// caches are the caches a session shares with all its snapshots.
type caches struct {
	disk *diskCache
	// parses keeps the latest parse of every file; it releases versions
	// no snapshot uses any more (loader.NewReleasingCache), so editing
	// does not grow its FileSet.
	parses *loader.Cache
	// checks keeps package check results by content (and only the last
	// few versions of each package).
	checks *sema.Cache
}

// Session owns the mutable state of a workspace and hands out snapshots.
// It is safe for concurrent use.
type Session struct {
	opts   Options
	caches *caches

	mu     sync.Mutex
	snap   *Snapshot
	nextID uint64
}

// NewSession returns a session with no open buffers.
func NewSession(opts Options) *Session {
	if opts.FS == nil {
		opts.FS = &loader.MemFS{}
	}
	s := &Session{opts: opts, caches: &caches{
		disk:   newDiskCache(opts.FS),
		parses: loader.NewReleasingCache(),
		checks: sema.NewCache(),
	}}
	s.nextID = 1
	s.snap = newSnapshot(s.nextID, s.caches, s.opts, cleanFolders(opts.Folders), map[string]*Overlay{})
	return s
}

func cleanFolders(folders []string) []string {
	out := make([]string, 0, len(folders))
	seen := map[string]bool{}
	for _, f := range folders {
		f = filepath.Clean(f)
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// Stats reports the size of the session's caches: the files whose parse
// the FileSet holds (superseded versions leave once no snapshot uses
// them) and the package check results kept.
func (s *Session) Stats() (files, checks int) {
	return len(s.caches.parses.FileSet().Files()), s.caches.checks.Len()
}

// Snapshot returns the current snapshot.
func (s *Session) Snapshot() *Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snap
}

// SetFolders replaces the workspace folders and returns the new snapshot.
func (s *Session) SetFolders(folders []string) *Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.snap
	s.nextID++
	next := newSnapshot(s.nextID, s.caches, s.opts, cleanFolders(folders), old.overlays)
	next.inherit(old, nil, false)
	s.snap = next
	return next
}

// Apply applies changes in order and returns the new current snapshot.
func (s *Session) Apply(changes []Change) *Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.snap
	overlays := make(map[string]*Overlay, len(old.overlays)+1)
	for k, v := range old.overlays {
		overlays[k] = v
	}
	oldFS := old.fs
	changed := map[string]bool{}
	structural := false
	for _, c := range changes {
		path := filepath.Clean(c.Path)
		switch c.Kind {
		case SetOverlay:
			prev := overlays[path]
			o := &Overlay{Path: path, Version: c.Version, Content: c.Content, LanguageID: c.LanguageID, Hash: sha256.Sum256(c.Content)}
			if prev == nil {
				if _, err := oldFS.Stat(path); err != nil {
					structural = true // a new, unsaved file joins its package
				}
			} else {
				if prev.Hash == o.Hash {
					overlays[path] = o
					continue
				}
			}
			overlays[path] = o
			changed[path] = true
		case DropOverlay:
			prev := overlays[path]
			if prev == nil {
				continue
			}
			delete(overlays, path)
			if _, err := s.caches.disk.Stat(path); err != nil {
				structural = true
			}
			changed[path] = true
		case DiskChanged:
			s.caches.disk.invalidate(path)
			if isModuleFile(path) {
				structural = true
			}
			if overlays[path] == nil {
				changed[path] = true
			}
		case DiskCreated, DiskDeleted:
			s.caches.disk.invalidate(path)
			structural = true
			changed[path] = true
		}
	}
	s.nextID++
	next := newSnapshot(s.nextID, s.caches, s.opts, old.folders, overlays)
	next.inherit(old, changed, structural)
	s.snap = next
	return next
}

// isModuleFile reports whether path is a file that changes how packages
// resolve.
func isModuleFile(path string) bool {
	switch filepath.Base(path) {
	case loader.ModFileName, loader.LockFileName, "kcl.yaml", "kcl.work":
		return true
	}
	return false
}

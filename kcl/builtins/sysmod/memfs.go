package sysmod

import (
	"errors"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/kclx-dev/kclx/kcl/loader"
)

// MemFS is an in-memory FileSystem for tests and for hosts without a disk
// (the language server, playgrounds). Paths use slashes; relative paths are
// resolved against the working directory given to NewMemFS.
type MemFS struct {
	mu    sync.Mutex
	cwd   string
	files map[string][]byte // clean absolute path -> contents
	dirs  map[string]bool   // clean absolute path -> exists
}

// NewMemFS returns an empty file system whose working directory (created)
// is cwd, an absolute slash path.
func NewMemFS(cwd string) *MemFS {
	m := &MemFS{cwd: path.Clean("/" + cwd), files: map[string][]byte{}, dirs: map[string]bool{"/": true}}
	m.mkdirAll(m.cwd)
	return m
}

func (m *MemFS) abs(name string) string {
	if path.IsAbs(name) {
		return path.Clean(name)
	}
	return path.Join(m.cwd, name)
}

func pathErr(op, name string, err error) error { return &fs.PathError{Op: op, Path: name, Err: err} }

var (
	errIsDir    = errors.New("is a directory")
	errNotDir   = errors.New("not a directory")
	errNotEmpty = errors.New("directory not empty")
)

func (m *MemFS) mkdirAll(p string) {
	for d := p; ; d = path.Dir(d) {
		m.dirs[d] = true
		if d == "/" {
			return
		}
	}
}

// parentOK reports whether the parent of p is an existing directory.
func (m *MemFS) parentOK(p string) error {
	if !m.dirs[path.Dir(p)] {
		if _, isFile := m.files[path.Dir(p)]; isFile {
			return errNotDir
		}
		return fs.ErrNotExist
	}
	return nil
}

// ReadFile implements FileSystem.
func (m *MemFS) ReadFile(name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.abs(name)
	if m.dirs[p] {
		return nil, pathErr("read", name, errIsDir)
	}
	data, ok := m.files[p]
	if !ok {
		return nil, pathErr("open", name, fs.ErrNotExist)
	}
	return append([]byte(nil), data...), nil
}

// Stat implements FileSystem.
func (m *MemFS) Stat(name string) (fs.FileInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.abs(name)
	if m.dirs[p] {
		return loader.DirInfo(path.Base(p)), nil
	}
	if data, ok := m.files[p]; ok {
		return loader.FileInfo(path.Base(p), int64(len(data))), nil
	}
	return nil, pathErr("stat", name, fs.ErrNotExist)
}

// ReadDir implements FileSystem.
func (m *MemFS) ReadDir(name string) ([]fs.DirEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.abs(name)
	if !m.dirs[p] {
		if _, ok := m.files[p]; ok {
			return nil, pathErr("readdir", name, errNotDir)
		}
		return nil, pathErr("open", name, fs.ErrNotExist)
	}
	var out []fs.DirEntry
	for d := range m.dirs {
		if d != p && path.Dir(d) == p {
			out = append(out, loader.DirInfo(path.Base(d)))
		}
	}
	for f, data := range m.files {
		if path.Dir(f) == p {
			out = append(out, loader.FileInfo(path.Base(f), int64(len(data))))
		}
	}
	loader.SortDirEntries(out)
	return out, nil
}

// Abs implements FileSystem.
func (m *MemFS) Abs(name string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.abs(name)
	if _, ok := m.files[p]; ok || m.dirs[p] {
		return p, nil
	}
	return "", pathErr("abs", name, fs.ErrNotExist)
}

// WriteFile implements FileSystem.
func (m *MemFS) WriteFile(name string, data []byte) error { return m.write(name, data, false) }

// AppendFile implements FileSystem.
func (m *MemFS) AppendFile(name string, data []byte) error { return m.write(name, data, true) }

// write creates or truncates (or, with appendTo, appends to) the file name.
func (m *MemFS) write(name string, data []byte, appendTo bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.abs(name)
	if m.dirs[p] {
		return pathErr("open", name, errIsDir)
	}
	if err := m.parentOK(p); err != nil {
		return pathErr("open", name, err)
	}
	if appendTo {
		m.files[p] = append(m.files[p], data...)
	} else {
		m.files[p] = append([]byte(nil), data...)
	}
	return nil
}

// MkdirAll implements FileSystem.
func (m *MemFS) MkdirAll(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.abs(name)
	for d := p; ; d = path.Dir(d) {
		if _, ok := m.files[d]; ok {
			if d == p {
				return pathErr("mkdir", name, fs.ErrExist)
			}
			return pathErr("mkdir", name, errNotDir)
		}
		if d == "/" {
			break
		}
	}
	m.mkdirAll(p)
	return nil
}

// RemoveFile implements FileSystem.
func (m *MemFS) RemoveFile(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.abs(name)
	if m.dirs[p] {
		return pathErr("remove", name, errIsDir)
	}
	if _, ok := m.files[p]; !ok {
		return pathErr("remove", name, fs.ErrNotExist)
	}
	delete(m.files, p)
	return nil
}

// RemoveDir implements FileSystem.
func (m *MemFS) RemoveDir(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.abs(name)
	if !m.dirs[p] {
		if _, ok := m.files[p]; ok {
			return pathErr("remove", name, errNotDir)
		}
		return pathErr("remove", name, fs.ErrNotExist)
	}
	prefix := strings.TrimSuffix(p, "/") + "/"
	for d := range m.dirs {
		if strings.HasPrefix(d, prefix) {
			return pathErr("remove", name, errNotEmpty)
		}
	}
	for f := range m.files {
		if strings.HasPrefix(f, prefix) {
			return pathErr("remove", name, errNotEmpty)
		}
	}
	delete(m.dirs, p)
	return nil
}

// Rename implements FileSystem.
func (m *MemFS) Rename(oldname, newname string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	from, to := m.abs(oldname), m.abs(newname)
	if err := m.parentOK(to); err != nil {
		return pathErr("rename", oldname, err)
	}
	if data, ok := m.files[from]; ok {
		if m.dirs[to] {
			return pathErr("rename", oldname, errIsDir)
		}
		delete(m.files, from)
		m.files[to] = data
		return nil
	}
	if !m.dirs[from] {
		return pathErr("rename", oldname, fs.ErrNotExist)
	}
	prefix := from + "/"
	if strings.HasPrefix(to+"/", prefix) {
		return pathErr("rename", oldname, errors.New("invalid argument"))
	}
	var dirs, files []string
	for d := range m.dirs {
		if d == from || strings.HasPrefix(d, prefix) {
			dirs = append(dirs, d)
		}
	}
	for f := range m.files {
		if strings.HasPrefix(f, prefix) {
			files = append(files, f)
		}
	}
	for _, d := range dirs {
		delete(m.dirs, d)
		m.dirs[to+strings.TrimPrefix(d, from)] = true
	}
	for _, f := range files {
		data := m.files[f]
		delete(m.files, f)
		m.files[to+strings.TrimPrefix(f, from)] = data
	}
	return nil
}

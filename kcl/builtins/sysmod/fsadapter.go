package sysmod

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/kclx-dev/kclx/kcl/builtins"
)

// builtinsFS adapts the evaluator's builtins.FS to FileSystem. builtins.FS
// has no directory listing and a recursive Remove, so listing goes through
// Glob ("dir/*" with the directory escaped) and removal checks the kind of
// file first to keep upstream's semantics (delete removes a file or an
// empty directory only).
type builtinsFS struct{ fs builtins.FS }

// contextFS returns the context's file system as a FileSystem, or nil.
func contextFS(ctx *builtins.Context) FileSystem {
	if ctx == nil || ctx.FS == nil {
		return nil
	}
	if f, ok := ctx.FS.(FileSystem); ok {
		return f
	}
	return builtinsFS{ctx.FS}
}

func (a builtinsFS) ReadFile(name string) ([]byte, error)  { return a.fs.ReadFile(name) }
func (a builtinsFS) Stat(name string) (fs.FileInfo, error) { return a.fs.Stat(name) }
func (a builtinsFS) WriteFile(name string, data []byte) error {
	return a.fs.WriteFile(name, data)
}
func (a builtinsFS) AppendFile(name string, data []byte) error {
	return a.fs.AppendFile(name, data)
}
func (a builtinsFS) MkdirAll(name string) error           { return a.fs.Mkdir(name, true) }
func (a builtinsFS) Rename(oldname, newname string) error { return a.fs.Rename(oldname, newname) }

func (a builtinsFS) Abs(name string) (string, error) {
	if _, err := a.fs.Stat(name); err != nil {
		return "", err
	}
	return a.fs.Abs(name)
}

// escapeGlob escapes glob metacharacters so that a path matches itself.
func escapeGlob(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune(`*?[]\`, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// dirEntry is a directory entry built from a Stat result.
type dirEntry struct {
	name string
	info fs.FileInfo
}

func (d dirEntry) Name() string               { return d.name }
func (d dirEntry) IsDir() bool                { return d.info.IsDir() }
func (d dirEntry) Type() fs.FileMode          { return d.info.Mode().Type() }
func (d dirEntry) Info() (fs.FileInfo, error) { return d.info, nil }

func (a builtinsFS) ReadDir(name string) ([]fs.DirEntry, error) {
	info, err := a.fs.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	prefix := strings.TrimSuffix(name, "/")
	pattern := escapeGlob(prefix) + "/*"
	if prefix == "" || prefix == "." {
		pattern = "*"
	}
	matches, err := a.fs.Glob(pattern)
	if err != nil {
		return nil, err
	}
	// A Glob that skips dot files still lists the visible entries;
	// ask for those explicitly.
	if dots, err := a.fs.Glob(strings.TrimSuffix(pattern, "*") + ".*"); err == nil {
		matches = append(matches, dots...)
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, m := range matches {
		base := path.Base(strings.ReplaceAll(m, `\`, "/"))
		if base == "." || base == ".." || seen[base] {
			continue
		}
		seen[base] = true
		st, err := a.fs.Stat(m)
		if err != nil {
			continue
		}
		out = append(out, dirEntry{name: base, info: st})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

func (a builtinsFS) RemoveFile(name string) error {
	info, err := a.fs.Stat(name)
	if err != nil {
		return err
	}
	if info.IsDir() {
		return &fs.PathError{Op: "remove", Path: name, Err: errors.New("is a directory")}
	}
	return a.fs.Remove(name)
}

func (a builtinsFS) RemoveDir(name string) error {
	info, err := a.fs.Stat(name)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return &fs.PathError{Op: "remove", Path: name, Err: errors.New("not a directory")}
	}
	entries, err := a.ReadDir(name)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return &fs.PathError{Op: "remove", Path: name, Err: errors.New("directory not empty")}
	}
	return a.fs.Remove(name)
}

// Glob and Mkdir/Remove make MemFS usable as a builtins.FS too, so that
// hosts without a disk can pass one to the evaluator.

// Glob implements builtins.FS with the file module's glob rules.
func (m *MemFS) Glob(pattern string) ([]string, error) { return FileGlob(m, pattern) }

// Mkdir implements builtins.FS.
func (m *MemFS) Mkdir(name string, parents bool) error {
	if parents {
		return m.MkdirAll(name)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.abs(name)
	if _, ok := m.files[p]; ok || m.dirs[p] {
		return pathErr("mkdir", name, fs.ErrExist)
	}
	if err := m.parentOK(p); err != nil {
		return pathErr("mkdir", name, err)
	}
	m.dirs[p] = true
	return nil
}

// Remove implements builtins.FS: a file or a whole directory tree.
func (m *MemFS) Remove(name string) error {
	if err := m.RemoveFile(name); err == nil || !errors.Is(err, errIsDir) {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.abs(name)
	prefix := p + "/"
	for d := range m.dirs {
		if d == p || strings.HasPrefix(d, prefix) {
			delete(m.dirs, d)
		}
	}
	for f := range m.files {
		if strings.HasPrefix(f, prefix) {
			delete(m.files, f)
		}
	}
	return nil
}

var (
	_ builtins.FS = (*MemFS)(nil)
	_ FileSystem  = (*MemFS)(nil)
	_ FileSystem  = builtinsFS{}
)

package main

import (
	"io/fs"
	"os"
	"path/filepath"
)

// osFS is the OS-backed builtins.FS the CLI gives the evaluator; relative
// paths are resolved against dir.
type osFS struct{ dir string }

func (o osFS) path(name string) string {
	if filepath.IsAbs(name) || o.dir == "" {
		return name
	}
	return filepath.Join(o.dir, name)
}

func (o osFS) ReadFile(name string) ([]byte, error) { return os.ReadFile(o.path(name)) }

func (o osFS) WriteFile(name string, data []byte) error {
	return os.WriteFile(o.path(name), data, 0o644)
}

func (o osFS) AppendFile(name string, data []byte) error {
	f, err := os.OpenFile(o.path(name), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (o osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(o.path(name)) }

func (o osFS) Glob(pattern string) ([]string, error) {
	if filepath.IsAbs(pattern) || o.dir == "" {
		return filepath.Glob(pattern)
	}
	matches, err := filepath.Glob(filepath.Join(o.dir, pattern))
	if err != nil {
		return nil, err
	}
	for i, m := range matches {
		if r, err := filepath.Rel(o.dir, m); err == nil {
			matches[i] = r
		}
	}
	return matches, nil
}

func (o osFS) Mkdir(name string, parents bool) error {
	if parents {
		return os.MkdirAll(o.path(name), 0o755)
	}
	return os.Mkdir(o.path(name), 0o755)
}

func (o osFS) Remove(name string) error { return os.RemoveAll(o.path(name)) }

func (o osFS) Rename(from, to string) error { return os.Rename(o.path(from), o.path(to)) }

func (o osFS) Abs(name string) (string, error) { return filepath.Abs(o.path(name)) }

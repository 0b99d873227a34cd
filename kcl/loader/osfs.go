package loader

// This is the only file of the language core that touches the operating
// system (see internal/layering).

import (
	"io/fs"
	"os"
	"path/filepath"
)

// OSFS is the FS of the operating system's files.
type OSFS struct{}

// ReadFile implements FS.
func (OSFS) ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// ReadDir implements FS.
func (OSFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// Stat implements FS.
func (OSFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// PkgPathEnv is the environment variable naming the package cache.
const PkgPathEnv = "KCL_PKG_PATH"

// DefaultPkgPath returns the package cache directory: $KCL_PKG_PATH, or
// ~/.kcl/kpm when it is unset (empty when neither can be determined).
func DefaultPkgPath() string {
	if p := os.Getenv(PkgPathEnv); p != "" {
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return p
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		return filepath.Join(home, ".kcl", "kpm")
	}
	return ""
}

// OSOptions returns Options for loading from the operating system: OSFS,
// the current directory as WorkDir and DefaultPkgPath as PkgPath.
func OSOptions() Options {
	wd, _ := os.Getwd()
	return Options{FS: OSFS{}, WorkDir: wd, PkgPath: DefaultPkgPath()}
}

package loader

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// ModFileName and LockFileName are the file names of a KCL module's
// manifest and lock file.
const (
	ModFileName  = "kcl.mod"
	LockFileName = "kcl.mod.lock"
)

// ModFile is a parsed kcl.mod.
type ModFile struct {
	Path         string       // file path of kcl.mod
	Dir          string       // directory holding it: the module root
	Package      PackageMeta  // [package]
	Dependencies []Dependency // [dependencies], sorted by name
	Profile      Profile      // [profile]
	// Raw is the whole decoded TOML document, for sections the loader does
	// not interpret (e.g. [lint]).
	Raw map[string]any
}

// PackageMeta is the [package] section.
type PackageMeta struct {
	Name        string
	Edition     string
	Version     string
	Description string
	Include     []string
	Exclude     []string
}

// Dependency is one entry of [dependencies]: either a version string
// (`k8s = "1.31.2"`) or a table with one source: path, git or oci.
type Dependency struct {
	Name    string
	Version string // version string, or the table's `version` field
	Path    string // {path = "../x"}: relative to the kcl.mod directory
	Git     string // {git = url, tag/commit/branch}
	Oci     string // {oci = "oci://...", tag}
	Tag     string
	Commit  string
	Branch  string
	// Package renames the dependency's package (`package = "..."`), rarely used.
	Package string
}

// Profile is the [profile] section.
type Profile struct {
	Entries     []string
	DisableNone bool
	SortKeys    bool
	Selectors   []string
	Overrides   []string
	Options     []string
}

// Dep returns the dependency named name, or nil.
func (m *ModFile) Dep(name string) *Dependency {
	if m == nil {
		return nil
	}
	for i := range m.Dependencies {
		if m.Dependencies[i].Name == name {
			return &m.Dependencies[i]
		}
	}
	return nil
}

// ParseModFile parses the content of a kcl.mod file located at path.
func ParseModFile(path string, src []byte) (*ModFile, error) {
	raw := map[string]any{}
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := &ModFile{Path: path, Dir: filepath.Dir(path), Raw: raw}
	if pkg, ok := raw["package"].(map[string]any); ok {
		m.Package = PackageMeta{
			Name:        str(pkg["name"]),
			Edition:     str(pkg["edition"]),
			Version:     str(pkg["version"]),
			Description: str(pkg["description"]),
			Include:     strs(pkg["include"]),
			Exclude:     strs(pkg["exclude"]),
		}
	}
	if deps, ok := raw["dependencies"].(map[string]any); ok {
		for name, v := range deps {
			d := Dependency{Name: name}
			switch v := v.(type) {
			case string:
				d.Version = v
			case map[string]any:
				d.Version = str(v["version"])
				d.Path = str(v["path"])
				d.Git = str(v["git"])
				d.Oci = str(v["oci"])
				d.Tag = str(v["tag"])
				d.Commit = str(v["commit"])
				d.Branch = str(v["branch"])
				d.Package = str(v["package"])
			default:
				return nil, fmt.Errorf("%s: dependency %q: want a version string or a table", path, name)
			}
			m.Dependencies = append(m.Dependencies, d)
		}
		sort.Slice(m.Dependencies, func(i, j int) bool { return m.Dependencies[i].Name < m.Dependencies[j].Name })
	}
	if prof, ok := raw["profile"].(map[string]any); ok {
		m.Profile = Profile{
			Entries:     strs(prof["entries"]),
			DisableNone: boolean(prof["disable_none"]),
			SortKeys:    boolean(prof["sort_keys"]),
			Selectors:   strs(prof["selectors"]),
			Overrides:   strs(prof["overrides"]),
			Options:     strs(prof["options"]),
		}
	}
	return m, nil
}

// LockFile is a parsed kcl.mod.lock.
type LockFile struct {
	Dependencies map[string]LockedDep
}

// LockedDep is one locked dependency.
type LockedDep struct {
	Name          string
	FullName      string // e.g. "k8s_1.31.2": the folder name in the package cache
	Version       string
	Sum           string
	Reg           string
	Repo          string
	OciTag        string
	URL           string
	Branch        string
	Commit        string
	GitTag        string
	LocalFullPath string
}

// ParseLockFile parses the content of a kcl.mod.lock file.
func ParseLockFile(path string, src []byte) (*LockFile, error) {
	raw := map[string]any{}
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	l := &LockFile{Dependencies: map[string]LockedDep{}}
	deps, _ := raw["dependencies"].(map[string]any)
	for key, v := range deps {
		t, ok := v.(map[string]any)
		if !ok {
			continue
		}
		d := LockedDep{
			Name:          str(t["name"]),
			FullName:      str(t["full_name"]),
			Version:       str(t["version"]),
			Sum:           str(t["sum"]),
			Reg:           str(t["reg"]),
			Repo:          str(t["repo"]),
			OciTag:        str(t["oci_tag"]),
			URL:           str(t["url"]),
			Branch:        str(t["branch"]),
			Commit:        str(t["commit"]),
			GitTag:        str(t["git_tag"]),
			LocalFullPath: str(t["local_full_path"]),
		}
		if d.Name == "" {
			d.Name = key
		}
		l.Dependencies[key] = d
	}
	return l, nil
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func strs(v any) []string {
	switch v := v.(type) {
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			out = append(out, str(x))
		}
		return out
	case []string:
		return v
	case string:
		return []string{v}
	}
	return nil
}

func boolean(v any) bool {
	b, _ := v.(bool)
	return b
}

// FindModRoot returns the nearest directory at or above dir that holds a
// kcl.mod file, or "" when there is none.
func FindModRoot(fsys FS, dir string) string {
	dir = filepath.Clean(dir)
	for {
		if isFile(fsys, filepath.Join(dir, ModFileName)) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// ExpandModVars replaces ${KCL_MOD} in s with root and ${name:KCL_MOD} with
// the root of dependency name as given by depRoot (unknown names are left
// as they are).
func ExpandModVars(s, root string, depRoot func(name string) string) string {
	if !strings.Contains(s, "${") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			break
		}
		inner := s[i+2 : i+j]
		b.WriteString(s[:i])
		switch {
		case inner == "KCL_MOD":
			b.WriteString(root)
		case strings.HasSuffix(inner, ":KCL_MOD") && depRoot != nil:
			if r := depRoot(strings.TrimSuffix(inner, ":KCL_MOD")); r != "" {
				b.WriteString(r)
			} else {
				b.WriteString(s[i : i+j+1])
			}
		default:
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
	return b.String()
}

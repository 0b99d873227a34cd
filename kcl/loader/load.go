package loader

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// MainPkg is the package path of the main package (the files given on the
// command line).
const MainPkg = "__main__"

// PluginPrefix starts the path of every plugin module import.
const PluginPrefix = "kcl_plugin"

// SystemModules are the names of KCL's built-in system modules, in
// upstream order.
var SystemModules = []string{
	"collection", "net", "manifests", "math", "datetime", "regex", "yaml",
	"json", "crypto", "base64", "base32", "units", "file", "template", "runtime",
}

var systemModuleSet = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range SystemModules {
		m[s] = true
	}
	return m
}()

// IsSystemModule reports whether path names a system module.
func IsSystemModule(path string) bool { return systemModuleSet[path] }

// IsPluginModule reports whether path names a plugin module (kcl_plugin.x).
func IsPluginModule(path string) bool {
	return path == PluginPrefix || strings.HasPrefix(path, PluginPrefix+".")
}

// Options control Load. The zero value loads from the operating system
// with no package cache; OSOptions fills in the usual defaults.
type Options struct {
	FS      FS     // files; nil means OSFS
	WorkDir string // base of relative entries (default: the first entry's directory must be absolute)
	// PkgPath is the package cache ($KCL_PKG_PATH): dependency `name =
	// "version"` is found in <PkgPath>/<name>_<version> (or the lock
	// file's full_name).
	PkgPath string
	// VendorDirs are further directories searched for external packages
	// as <dir>/<name> (upstream's vendor home).
	VendorDirs []string
	// Vendor adds <root>/vendor to VendorDirs (kcl run --vendor).
	Vendor bool
	// PackageMaps maps external package names to their root directories
	// (kcl run -E name=path); it overrides kcl.mod.
	PackageMaps map[string]string
	// LoadPlugins allows kcl_plugin imports (otherwise they are errors).
	LoadPlugins bool
	// Cache, when set, provides and keeps parse results; the program then
	// uses the cache's FileSet.
	Cache *Cache
}

// ImportKind classifies a resolved import.
type ImportKind uint8

const (
	ImportPackage  ImportKind = iota // a package of .k files, loaded into Program.Packages
	ImportSystem                     // a system module (math, json, ...)
	ImportPlugin                     // kcl_plugin.<name>
	ImportNotFound                   // nothing found (the loader reported CannotFindModule)
	ImportEmpty                      // a directory without .k files: an empty package
)

func (k ImportKind) String() string {
	switch k {
	case ImportSystem:
		return "system"
	case ImportPlugin:
		return "plugin"
	case ImportNotFound:
		return "not-found"
	case ImportEmpty:
		return "empty"
	}
	return "package"
}

// Import is one import statement with its resolution.
type Import struct {
	File *SourceFile
	Stmt *ast.ImportStmt
	Kind ImportKind
	// PkgPath is the canonical path of the imported package: the key in
	// Program.Packages for ImportPackage (for example "k8s.api.core.v1"
	// even when written "api.core.v1" inside the k8s module), the module
	// name for ImportSystem, the written path for ImportPlugin, and the
	// absolute form of the written path otherwise.
	PkgPath string
	// Searched is the directory (without .k) where the package was looked
	// for, for messages about missing packages.
	Searched string
}

// Package is a KCL package: the .k files of one directory (or one file),
// sharing one namespace.
type Package struct {
	PkgPath string // "__main__", "a.b", "k8s.api.core.v1"
	// Name is the name of the module (kcl.mod package) the package belongs
	// to, "__main__" for the main module.
	Name     string
	Root     string        // root directory of that module
	Dir      string        // directory of the files ("" for the main package from several dirs)
	External bool          // belongs to a dependency
	Files    []*SourceFile // sorted by name (main package: entry order)
	Imports  []*Import     // every import statement of Files, in order
}

// Program is the result of Load: the main package and, transitively,
// every package it imports.
type Program struct {
	Root     string    // module root: directory of kcl.mod, else of the first entry
	Mod      *ModFile  // root kcl.mod, or nil
	Lock     *LockFile // root kcl.mod.lock, or nil
	Main     *Package
	Packages map[string]*Package // by PkgPath, Main included
	// Order lists package paths so that each package comes after the
	// packages it imports (cycles broken arbitrarily); Main is last.
	Order   []string
	FileSet *syntax.FileSet
	// Deps maps external package names to their resolved root directories
	// (only those that were needed or declared and found).
	Deps map[string]string
	// Imports gives the resolution of every import statement.
	Imports map[*ast.ImportStmt]*Import
	// Diagnostics holds syntax errors of every loaded file and load errors
	// (missing packages, cycles, unreadable files).
	Diagnostics []Diagnostic
}

// HasErrors reports whether the program has error diagnostics.
func (p *Program) HasErrors() bool { return HasErrors(p.Diagnostics) }

// File returns the loaded file with the given path, or nil.
func (p *Program) File(path string) *SourceFile {
	path = filepath.Clean(path)
	for _, pkg := range p.Packages {
		for _, f := range pkg.Files {
			if f.Path == path {
				return f
			}
		}
	}
	return nil
}

// PackageOf returns the package holding the file with the given path
// (the main package first), or nil.
func (p *Program) PackageOf(path string) *Package {
	path = filepath.Clean(path)
	if p.Main != nil {
		for _, f := range p.Main.Files {
			if f.Path == path {
				return p.Main
			}
		}
	}
	for _, pp := range p.Order {
		for _, f := range p.Packages[pp].Files {
			if f.Path == path {
				return p.Packages[pp]
			}
		}
	}
	return nil
}

// ErrNoInput is returned by Load when there is nothing to load.
var ErrNoInput = errors.New("no input files")

// Load parses the main package formed by entries (files or directories,
// together one package, in the given order; ${KCL_MOD} and
// ${name:KCL_MOD} are expanded) and every package they import,
// transitively. It always returns a Program; problems with the program's
// sources are in Program.Diagnostics. The error is non-nil only when an
// entry cannot be read at all or the root kcl.mod is malformed.
//
// With no entries, the kcl.mod profile entries of WorkDir's module are
// used, else every .k file of WorkDir.
func Load(entries []string, opts Options) (*Program, error) {
	l := newLoader(opts)
	return l.load(entries)
}

type loader struct {
	opts  Options
	fs    FS
	cache *Cache
	fset  *syntax.FileSet

	prog     *Program
	deps     map[string]string   // name → root dir, resolved
	noDep    map[string]bool     // names known not to resolve (until a new declaration)
	depDecl  map[string]depDecl  // name → declaration (from some kcl.mod)
	modFiles map[string]*ModFile // dir → parsed kcl.mod (nil: none)
	state    map[string]int      // pkgpath → 1 loading, 2 done
	stack    []string
	err      error
	// found memoizes pkgFiles by package directory: every import of a
	// package would otherwise stat and list its directory again.
	found map[string]foundPkg
}

type depDecl struct {
	dep  Dependency
	mod  *ModFile
	lock *LockFile
}

func newLoader(opts Options) *loader {
	l := &loader{opts: opts, fs: opts.FS}
	if l.fs == nil {
		l.fs = OSFS{}
	}
	if opts.Cache != nil {
		l.cache = opts.Cache
		l.fset = opts.Cache.FileSet()
	} else {
		l.fset = syntax.NewFileSet()
	}
	l.deps = map[string]string{}
	l.noDep = map[string]bool{}
	l.depDecl = map[string]depDecl{}
	l.modFiles = map[string]*ModFile{}
	l.state = map[string]int{}
	return l
}

func (l *loader) abs(p string) string {
	if !filepath.IsAbs(p) {
		base := l.opts.WorkDir
		if base == "" {
			if a, err := filepath.Abs(p); err == nil {
				return a
			}
		}
		p = filepath.Join(base, p)
	}
	return filepath.Clean(p)
}

func (l *loader) errorf(pos syntax.Pos, file string, kind Kind, code, format string, args ...any) {
	l.prog.Diagnostics = append(l.prog.Diagnostics, Diagnostic{
		Pos: pos, File: file, Severity: Error, Kind: kind, Code: code, Msg: fmt.Sprintf(format, args...),
	})
}

// mainEntry is one file of the main package with the module it resolves
// its imports in.
type mainEntry struct {
	path string
	name string // module name: __main__ or the dependency's name
	root string
}

func (l *loader) load(entries []string) (*Program, error) {
	l.prog = &Program{
		Packages: map[string]*Package{},
		FileSet:  l.fset,
		Imports:  map[*ast.ImportStmt]*Import{},
	}
	// 1. The module root: from the first entry without variables, else
	// the work directory.
	anchor := ""
	for _, e := range entries {
		if !strings.Contains(e, "${") {
			anchor = l.abs(e)
			break
		}
	}
	if anchor == "" {
		anchor = l.abs(l.opts.WorkDir)
	}
	anchorDir := anchor
	if !isDir(l.fs, anchor) {
		anchorDir = filepath.Dir(anchor)
	}
	root := FindModRoot(l.fs, anchorDir)
	if root == "" {
		root = anchorDir
	}
	l.prog.Root = root
	if mod, err := l.modFile(root); err != nil {
		l.err = err
		l.errorf(syntax.NoPos, filepath.Join(root, ModFileName), CompileError, "invalid-kcl-mod", "%v", err)
	} else if mod != nil {
		l.prog.Mod = mod
		l.prog.Lock = l.lockFile(root)
		l.declareDeps(mod, l.prog.Lock)
	}
	if len(entries) == 0 {
		if l.prog.Mod != nil && len(l.prog.Mod.Profile.Entries) > 0 && anchorDir == root {
			for _, e := range l.prog.Mod.Profile.Entries {
				if !strings.Contains(e, "${") && !filepath.IsAbs(e) {
					e = filepath.Join(root, e)
				}
				entries = append(entries, e)
			}
		} else {
			entries = []string{anchorDir}
		}
	}

	// 2. The main package's files.
	var mains []mainEntry
	seen := map[string]bool{}
	add := func(path, name, root string) {
		if !seen[path] {
			seen[path] = true
			mains = append(mains, mainEntry{path, name, root})
		}
	}
	for _, e := range entries {
		name, mroot := MainPkg, root
		expanded := ExpandModVars(e, root, func(dep string) string {
			if r := l.depRoot(dep); r != "" {
				name, mroot = dep, r
				return r
			}
			return ""
		})
		if strings.Contains(expanded, "${") {
			l.errorf(syntax.NoPos, "", CannotFindModule, "bad-entry", "cannot expand the variables of input file %s", e)
			l.err = fmt.Errorf("cannot expand the variables of input file %s", e)
			continue
		}
		p := l.abs(expanded)
		fi, err := l.fs.Stat(p)
		switch {
		case err != nil:
			l.errorf(syntax.NoPos, p, CannotFindModule, "file-not-found", "Cannot find the kcl file, please check the file path %s", p)
			l.err = fmt.Errorf("cannot find the kcl file %s", p)
		case fi.IsDir():
			files := l.dirFiles(p)
			if len(files) == 0 {
				l.errorf(syntax.NoPos, p, CannotFindModule, "file-not-found", "No input KCL files in %s", p)
				l.err = fmt.Errorf("no input KCL files in %s", p)
			}
			for _, f := range files {
				add(f, name, mroot)
			}
		default:
			add(p, name, mroot)
		}
	}
	if len(mains) == 0 && l.err == nil {
		l.err = ErrNoInput
	}
	paths := make([]string, len(mains))
	for i, m := range mains {
		paths[i] = m.path
	}
	files := l.parseFiles(paths)
	main := &Package{PkgPath: MainPkg, Name: MainPkg, Root: root}
	if len(mains) > 0 {
		main.Dir = filepath.Dir(mains[0].path)
		for _, m := range mains[1:] {
			if filepath.Dir(m.path) != main.Dir {
				main.Dir = ""
				break
			}
		}
	}
	l.prog.Main = main
	l.prog.Packages[MainPkg] = main
	l.state[MainPkg] = 1
	l.stack = append(l.stack, MainPkg)
	for i, f := range files {
		if f == nil {
			continue
		}
		main.Files = append(main.Files, f)
		l.processImports(main, f, mains[i].name, mains[i].root)
	}
	l.stack = l.stack[:len(l.stack)-1]
	l.state[MainPkg] = 2
	l.prog.Order = append(l.prog.Order, MainPkg)
	l.prog.Deps = l.deps
	// Syntax errors of every file, in load order.
	for _, pp := range l.prog.Order {
		for _, f := range l.prog.Packages[pp].Files {
			for _, e := range f.Errors {
				l.prog.Diagnostics = append(l.prog.Diagnostics, FromSyntax(e))
			}
		}
	}
	return l.prog, l.err
}

// dirFiles lists the package files of dir: *.k files, excluding *_test.k
// and files whose name starts with '_', sorted.
func (l *loader) dirFiles(dir string) []string {
	ents, err := l.fs.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".k") || strings.HasSuffix(n, "_test.k") || strings.HasPrefix(n, "_") {
			continue
		}
		out = append(out, filepath.Join(dir, n))
	}
	sort.Strings(out)
	return out
}

// parseFiles reads and parses paths concurrently; unreadable files are
// reported and yield nil.
func (l *loader) parseFiles(paths []string) []*SourceFile {
	out := make([]*SourceFile, len(paths))
	errs := make([]error, len(paths))
	work := func(i int) {
		src, err := l.fs.ReadFile(paths[i])
		if err != nil {
			errs[i] = err
			return
		}
		if l.cache != nil {
			out[i] = l.cache.Parse(paths[i], src)
		} else {
			out[i] = parseSource(l.fset, paths[i], src, hashOf(src))
		}
	}
	if n := min(len(paths), runtime.GOMAXPROCS(0)); n <= 1 {
		for i := range paths {
			work(i)
		}
	} else {
		var wg sync.WaitGroup
		next := make(chan int)
		for range n {
			wg.Go(func() {
				for i := range next {
					work(i)
				}
			})
		}
		for i := range paths {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	for i, err := range errs {
		if err != nil {
			l.errorf(syntax.NoPos, paths[i], CannotFindModule, "file-not-found", "Failed to load KCL file '%s': %v", paths[i], err)
		}
	}
	return out
}

// processImports resolves the imports of file f of package pkg, whose
// module is (name, root), loading imported packages.
func (l *loader) processImports(pkg *Package, f *SourceFile, name, root string) {
	for _, st := range f.AST.Body {
		is, ok := st.(*ast.ImportStmt)
		if !ok {
			continue
		}
		imp := l.resolve(f, is, name, root)
		pkg.Imports = append(pkg.Imports, imp)
		l.prog.Imports[is] = imp
	}
}

// resolve resolves one import statement and loads its package.
func (l *loader) resolve(f *SourceFile, is *ast.ImportStmt, name, root string) *Import {
	imp := &Import{File: f, Stmt: is}
	path := is.Path
	if is.IsRelative() {
		path = fixRelImport(root, f.Path, path)
	}
	imp.PkgPath = path
	switch {
	case path == "":
		imp.Kind = ImportNotFound
		imp.PkgPath = is.Path
		imp.Searched = filepath.Join(filepath.Dir(f.Path), strings.TrimLeft(is.Path, "."))
		return imp
	case IsPluginModule(path):
		imp.Kind = ImportPlugin
		if !l.opts.LoadPlugins {
			l.errorf(is.Pos(), f.Path, CannotFindModule, "plugin-not-found",
				"the plugin package `%s` is not found, please confirm if plugin mode is enabled", path)
		}
		return imp
	case IsSystemModule(path):
		imp.Kind = ImportSystem
		return imp
	}
	segs := strings.Split(path, ".")
	imp.Searched = filepath.Join(append([]string{root}, segs...)...)

	// Internal: under the current module's root.
	var cands []pkgInfo
	if files, ok := l.pkgFiles(root, segs); ok {
		pp := path
		if name != MainPkg {
			pp = name + "." + path
		}
		cands = append(cands, pkgInfo{pkgpath: pp, name: name, root: root, dir: pkgDir(root, segs), files: files, external: name != MainPkg})
	}
	// External: the first segment names a dependency.
	if droot := l.depRoot(segs[0]); droot != "" {
		if files, ok := l.pkgFiles(droot, segs[1:]); ok {
			cands = append(cands, pkgInfo{pkgpath: path, name: segs[0], root: droot, dir: pkgDir(droot, segs[1:]), files: files, external: true})
		}
	}
	switch len(cands) {
	case 0:
		imp.Kind = ImportNotFound
		// Upstream pins this message to the start of the importing file.
		l.errorf(f.AST.FileStart, f.Path, CannotFindModule, "package-not-found", "pkgpath %s not found in the program", path)
		l.prog.Diagnostics = append(l.prog.Diagnostics,
			Diagnostic{Severity: Suggestion, Kind: Suggestions, Code: "suggest-mod-add",
				Msg: fmt.Sprintf("try 'kcl mod add %s' to download the missing package", segs[0])},
			Diagnostic{Severity: Suggestion, Kind: Suggestions, Code: "suggest-browse",
				Msg: "browse more packages at 'https://artifacthub.io'"})
		return imp
	case 2:
		imp.Kind = ImportNotFound
		l.errorf(is.Pos(), f.Path, CannotFindModule, "package-ambiguous",
			"the `%s` is found multiple times in the current package and vendor package", path)
		return imp
	}
	info := cands[0]
	imp.PkgPath = info.pkgpath
	imp.Searched = info.dir
	if len(info.files) == 0 {
		imp.Kind = ImportEmpty
		return imp
	}
	imp.Kind = ImportPackage
	l.loadPackage(info, imp)
	return imp
}

// pkgInfo describes a package found on disk, before it is loaded.
type pkgInfo struct {
	pkgpath, name, root, dir string
	files                    []string
	external                 bool
}

// loadPackage loads the package described by info (imported by imp)
// unless it is loaded already; an import of a package that is still being
// loaded closes a cycle.
func (l *loader) loadPackage(info pkgInfo, imp *Import) {
	switch l.state[info.pkgpath] {
	case 2:
		return
	case 1:
		i := len(l.stack) - 1
		for i > 0 && l.stack[i] != info.pkgpath {
			i--
		}
		cycle := append([]string(nil), l.stack[i:]...)
		l.prog.Diagnostics = append(l.prog.Diagnostics, Diagnostic{
			Pos: imp.Stmt.Pos(), End: imp.Stmt.End(), File: imp.File.Path, Severity: Error, Kind: RecursiveLoad, Code: "import-cycle",
			Msg:   "Could not compiles due to cyclic import statements",
			Notes: append(cycle, info.pkgpath),
		})
		return
	}
	l.state[info.pkgpath] = 1
	l.stack = append(l.stack, info.pkgpath)
	pkg := &Package{PkgPath: info.pkgpath, Name: info.name, Root: info.root, Dir: info.dir, External: info.external}
	l.prog.Packages[info.pkgpath] = pkg
	for _, f := range l.parseFiles(info.files) {
		if f != nil {
			pkg.Files = append(pkg.Files, f)
		}
	}
	for _, f := range pkg.Files {
		l.processImports(pkg, f, info.name, info.root)
	}
	l.stack = l.stack[:len(l.stack)-1]
	l.state[info.pkgpath] = 2
	l.prog.Order = append(l.prog.Order, info.pkgpath)
}

func pkgDir(root string, segs []string) string {
	return filepath.Join(append([]string{root}, segs...)...)
}

// pkgFiles finds the package segs under root: the directory root/segs...
// (its package files) or the file root/segs....k. ok reports whether
// either exists.
func (l *loader) pkgFiles(root string, segs []string) (files []string, ok bool) {
	p := pkgDir(root, segs)
	key := p
	if len(segs) == 0 {
		key += "\x00" // the root itself: no p+".k" candidate
	}
	if r, hit := l.found[key]; hit {
		return r.files, r.ok
	}
	files, ok = l.findPkgFiles(p, len(segs) > 0)
	if l.found == nil {
		l.found = map[string]foundPkg{}
	}
	l.found[key] = foundPkg{files, ok}
	return files, ok
}

// foundPkg is a memoized result of pkgFiles.
type foundPkg struct {
	files []string
	ok    bool
}

// findPkgFiles looks for the package at directory (or file) p.
func (l *loader) findPkgFiles(p string, hasSegs bool) (files []string, ok bool) {
	if fi, err := l.fs.Stat(p); err == nil {
		if fi.IsDir() {
			return l.dirFiles(p), true
		}
		if strings.HasSuffix(p, ".k") {
			return []string{p}, true
		}
	}
	if hasSegs && isFile(l.fs, p+".k") {
		return []string{p + ".k"}, true
	}
	if exists(l.fs, p) {
		return nil, true
	}
	return nil, false
}

// fixRelImport turns a relative import path (".a", "..b.c") written in
// file into a path relative to root ("x.a", "b.c"); it returns "" when the
// path leaves the root.
func fixRelImport(root, file, path string) string {
	dots := len(path) - len(strings.TrimLeft(path, "."))
	rest := path[dots:]
	dir := filepath.Dir(file)
	for range dots - 1 {
		dir = filepath.Dir(dir)
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	var segs []string
	if rel != "." {
		segs = strings.Split(filepath.ToSlash(rel), "/")
	}
	if rest != "" {
		segs = append(segs, strings.Split(rest, ".")...)
	}
	return strings.Join(segs, ".")
}

// modFile returns the parsed kcl.mod of dir (nil, nil when there is none).
func (l *loader) modFile(dir string) (*ModFile, error) {
	if m, ok := l.modFiles[dir]; ok {
		return m, nil
	}
	path := filepath.Join(dir, ModFileName)
	src, err := l.fs.ReadFile(path)
	if err != nil {
		l.modFiles[dir] = nil
		return nil, nil
	}
	m, err := ParseModFile(path, src)
	if err != nil {
		l.modFiles[dir] = nil
		return nil, err
	}
	l.modFiles[dir] = m
	return m, nil
}

// lockFile returns the parsed kcl.mod.lock of dir, or nil.
func (l *loader) lockFile(dir string) *LockFile {
	path := filepath.Join(dir, LockFileName)
	src, err := l.fs.ReadFile(path)
	if err != nil {
		return nil
	}
	lf, err := ParseLockFile(path, src)
	if err != nil {
		return nil
	}
	return lf
}

// declareDeps records the dependencies of mod (first declaration wins).
func (l *loader) declareDeps(mod *ModFile, lock *LockFile) {
	if mod == nil {
		return
	}
	for _, d := range mod.Dependencies {
		if _, ok := l.depDecl[d.Name]; !ok {
			l.depDecl[d.Name] = depDecl{dep: d, mod: mod, lock: lock}
			delete(l.noDep, d.Name)
		}
	}
}

func (l *loader) vendorDirs() []string {
	var dirs []string
	dirs = append(dirs, l.opts.VendorDirs...)
	if l.opts.Vendor && l.prog != nil {
		dirs = append(dirs, filepath.Join(l.prog.Root, "vendor"))
	}
	if l.opts.PkgPath != "" {
		dirs = append(dirs, l.opts.PkgPath)
	}
	return dirs
}

// depRoot returns the root directory of the external package name, or ""
// when it cannot be found. The dependencies of a found package are
// declared in turn.
func (l *loader) depRoot(name string) string {
	if r, ok := l.deps[name]; ok {
		return r
	}
	if l.noDep[name] {
		return ""
	}
	r := l.findDep(name)
	if r == "" {
		l.noDep[name] = true
		return ""
	}
	l.deps[name] = r
	if mod, err := l.modFile(r); err == nil && mod != nil {
		l.declareDeps(mod, l.lockFile(r))
	}
	return r
}

func (l *loader) findDep(name string) string {
	if name == "" {
		return ""
	}
	if p, ok := l.opts.PackageMaps[name]; ok {
		p = l.abs(p)
		if isDir(l.fs, p) {
			return p
		}
		return ""
	}
	decl, declared := l.depDecl[name]
	if declared && decl.dep.Path != "" {
		p := filepath.Clean(filepath.Join(decl.mod.Dir, decl.dep.Path))
		if isDir(l.fs, p) {
			return p
		}
		return ""
	}
	var names []string
	if declared {
		d := decl.dep
		for _, v := range []string{d.Version, d.Tag, d.Commit, d.Branch} {
			if v != "" {
				names = append(names, name+"_"+v)
			}
		}
		if decl.lock != nil {
			if ld, ok := decl.lock.Dependencies[name]; ok {
				if ld.LocalFullPath != "" && isDir(l.fs, ld.LocalFullPath) {
					return filepath.Clean(ld.LocalFullPath)
				}
				if ld.FullName != "" {
					names = append(names, ld.FullName)
				}
			}
		}
	}
	names = append(names, name)
	for _, dir := range l.vendorDirs() {
		for _, n := range names {
			p := filepath.Join(dir, n)
			if isDir(l.fs, p) {
				return p
			}
		}
	}
	return ""
}

func hashOf(src []byte) [32]byte { return sha256.Sum256(src) }

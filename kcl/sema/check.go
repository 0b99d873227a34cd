package sema

import (
	"crypto/sha256"
	"encoding/binary"
	"sort"
	"sync"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
)

// Info holds what the checker learned about one package. It is
// immutable once Check returns and may be shared between results (see
// Cache).
type Info struct {
	PkgPath string
	Package *loader.Package
	Scope   *Scope // the package scope (its parent is the builtin scope)
	// Defs maps declaring identifiers to the objects they declare
	// (variables at their first assignment, schemas, attributes,
	// parameters, loop variables, type aliases, import aliases).
	Defs map[*ast.Ident]*Object
	// Uses maps referring identifiers to the objects they denote
	// (including config keys naming schema attributes and selector names
	// naming module members or attributes).
	Uses map[*ast.Ident]*Object
	// Types holds the type of every checked expression.
	Types map[ast.Expr]*types.Type
	// Scopes maps scope-opening nodes (schemas, rules, lambdas,
	// comprehensions, quantifiers, config literals) to their scopes.
	Scopes map[ast.Node]*Scope
	// Schemas maps schema and rule statements to their types.
	Schemas map[ast.Stmt]*types.Schema
	// ImportUsed reports, per import statement, whether the imported
	// module is referenced in the same file.
	ImportUsed map[*ast.ImportStmt]bool
	// Writes holds the identifiers that are plain assignment targets
	// (x = ..., x: T = ...): their entries in Uses are not reads.
	Writes map[*ast.Ident]bool
	// Expected holds, for config literals (*ast.ConfigExpr and the
	// entries of if/else config branches) checked where the context
	// gives a type (a schema instantiation, an annotated variable, a
	// schema attribute, a list or dict element), that type: what the
	// literal must be. See ExpectedType.
	Expected map[ast.Node]*types.Type
	// Diagnostics found in this package.
	Diagnostics []loader.Diagnostic

	key  [32]byte
	slot [32]byte
	// docs are the parsed schema doc strings by statement; the next
	// check of the package reuses those of its unchanged files.
	docs map[ast.Stmt]docString
}

// TypeOf returns the recorded type of x (any when unknown).
func (in *Info) TypeOf(x ast.Expr) *types.Type {
	if t, ok := in.Types[x]; ok && t != nil {
		return t
	}
	return types.Any
}

// ObjectOf returns the object an identifier declares or uses.
func (in *Info) ObjectOf(id *ast.Ident) *Object {
	if o := in.Defs[id]; o != nil {
		return o
	}
	return in.Uses[id]
}

// Result is the outcome of Check.
type Result struct {
	Program *loader.Program
	Infos   map[string]*Info // by package path
	Main    *Info
	// Diagnostics are the loader's diagnostics followed by every
	// package's check diagnostics, sorted by position and deduplicated.
	Diagnostics []loader.Diagnostic
}

// HasErrors reports whether the result holds an error diagnostic.
func (r *Result) HasErrors() bool { return loader.HasErrors(r.Diagnostics) }

// Options control Check.
type Options struct {
	// Cache, when set, reuses the Info of packages whose files and
	// dependencies are unchanged since an earlier check.
	Cache *Cache
}

// Cache keeps package check results keyed by content: the package path,
// the parses of its files (path, content hash and the parse itself, since
// an Info refers to AST nodes) and the keys of the packages it imports.
// It is safe for concurrent use.
//
// A long-lived client (the language server) checks new versions of the
// same packages over and over; the cache therefore keeps, per package
// (its path and file names), only the few most recent results, so that
// edits do not make it grow.
type Cache struct {
	mu    sync.Mutex
	m     map[[32]byte]*Info
	slots map[[32]byte][][32]byte // package identity → keys, oldest first
	hits  int
}

// cacheVersions is the number of results kept per package: the latest
// (an older one is needed again only after an undo, which re-parses the
// file anyway).
const cacheVersions = 1

// cacheLimit bounds the number of results kept in all.
const cacheLimit = 4096

// previous returns the latest result held for the package identity
// slot, or nil.
func (c *Cache) previous(slot [32]byte) *Info {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	keys := c.slots[slot]
	if len(keys) == 0 {
		return nil
	}
	return c.m[keys[len(keys)-1]]
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{m: map[[32]byte]*Info{}, slots: map[[32]byte][][32]byte{}}
}

// Hits returns how many packages were reused so far.
func (c *Cache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// Len returns the number of results held.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

func (c *Cache) get(k [32]byte) *Info {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	in := c.m[k]
	if in != nil {
		c.hits++
	}
	return in
}

func (c *Cache) put(in *Info) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[in.key]; ok {
		return
	}
	if len(c.m) >= cacheLimit {
		c.m = map[[32]byte]*Info{}
		c.slots = map[[32]byte][][32]byte{}
	}
	keys := append(c.slots[in.slot], in.key)
	for len(keys) > cacheVersions {
		delete(c.m, keys[0])
		keys = keys[1:]
	}
	c.slots[in.slot] = keys
	c.m[in.key] = in
}

// Check resolves names and checks types in every package of prog,
// dependencies first. It never panics on any input: an internal failure
// is reported as a diagnostic.
func Check(prog *loader.Program, opts *Options) *Result {
	if opts == nil {
		opts = &Options{}
	}
	res := &Result{Program: prog, Infos: map[string]*Info{}}
	g := &global{res: res, attrObjs: map[*types.Attr]*Object{}}
	g.sccs = importCycles(prog)
	for _, pp := range prog.Order {
		pkg := prog.Packages[pp]
		if pkg == nil {
			continue
		}
		key, slot := packageKey(prog, pkg, res.Infos)
		if in := opts.Cache.get(key); in != nil && in.Package.PkgPath == pp {
			res.Infos[pp] = in
			continue
		}
		var prevDocs map[ast.Stmt]docString
		if prev := opts.Cache.previous(slot); prev != nil {
			prevDocs = prev.docs
		}
		in := g.checkPackage(pkg, prevDocs)
		in.key, in.slot = key, slot
		res.Infos[pp] = in
		opts.Cache.put(in)
	}
	res.Main = res.Infos[loader.MainPkg]
	res.Diagnostics = append(res.Diagnostics, prog.Diagnostics...)
	for _, pp := range prog.Order {
		if in := res.Infos[pp]; in != nil {
			res.Diagnostics = append(res.Diagnostics, in.Diagnostics...)
		}
	}
	res.Diagnostics = dedupe(res.Diagnostics)
	loader.SortDiagnostics(res.Diagnostics)
	return res
}

// packageKey hashes what a package's check depends on. The slot hashes
// what identifies the package apart from content (its path, module and
// file names), for the cache's per-package eviction.
func packageKey(prog *loader.Program, pkg *loader.Package, done map[string]*Info) (key, slot [32]byte) {
	var b []byte
	str := func(tag, s string) {
		b = append(b, tag...)
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str("pkg", pkg.PkgPath)
	str("name", pkg.Name)
	str("root", pkg.Root)
	for _, f := range pkg.Files {
		str("file", f.Path)
	}
	slot = sha256.Sum256(b)
	b = append(b[:0], slot[:]...)
	for _, f := range pkg.Files {
		// The hash of the content, and the parse itself: an Info refers
		// to the AST nodes of the files it was checked from, which a
		// re-parse of the same content (an undo) does not share.
		var start syntax.Pos
		if f.AST != nil {
			start = f.AST.FileStart
		}
		b = append(b, f.Hash[:]...)
		b = binary.AppendVarint(b, int64(start))
	}
	var deps []string
	for _, imp := range pkg.Imports {
		deps = append(deps, imp.PkgPath+"/"+imp.Kind.String())
	}
	sort.Strings(deps)
	for _, d := range deps {
		str("imp", d)
	}
	var mainFiles map[string]bool
	for _, imp := range pkg.Imports {
		if in := done[imp.PkgPath]; in != nil && imp.Kind == loader.ImportPackage {
			str("dep", imp.PkgPath)
			b = append(b, in.key[:]...)
		}
		// An import of a file of the main package is an error: the
		// check depends on which files are main (only then, so that
		// dependencies are shared between programs).
		if dep := prog.Packages[imp.PkgPath]; dep != nil && imp.Kind == loader.ImportPackage && len(dep.Files) == 1 && prog.Main != nil {
			if mainFiles == nil {
				mainFiles = map[string]bool{}
				for _, f := range prog.Main.Files {
					mainFiles[f.Path] = true
				}
			}
			if mainFiles[dep.Files[0].Path] {
				str("main-import", dep.Files[0].Path)
			}
		}
	}
	return sha256.Sum256(b), slot
}

func dedupe(ds []loader.Diagnostic) []loader.Diagnostic {
	type key struct {
		pos  syntax.Pos
		file string
		kind loader.Kind
		msg  string
	}
	seen := map[key]bool{}
	out := ds[:0:0]
	for _, d := range ds {
		k := key{d.Pos, d.File, d.Kind, d.Msg}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}

// global is state shared by the checks of one program.
type global struct {
	res      *Result
	attrObjs map[*types.Attr]*Object
	sccs     map[string][]string // pkgpath → members of its import cycle (in first-visit order)
}

// importCycles finds the strongly connected components of the package
// import graph that form cycles.
func importCycles(prog *loader.Program) map[string][]string {
	index := map[string]int{}
	low := map[string]int{}
	on := map[string]bool{}
	var stack []string
	out := map[string][]string{}
	n := 0
	var visit func(p string, depth int)
	visit = func(p string, depth int) {
		if depth > 10000 {
			return
		}
		index[p], low[p] = n, n
		n++
		stack = append(stack, p)
		on[p] = true
		if pkg := prog.Packages[p]; pkg != nil {
			for _, imp := range pkg.Imports {
				q := imp.PkgPath
				if imp.Kind != loader.ImportPackage || prog.Packages[q] == nil {
					continue
				}
				if _, seen := index[q]; !seen {
					visit(q, depth+1)
					low[p] = min(low[p], low[q])
				} else if on[q] {
					low[p] = min(low[p], index[q])
				}
			}
		}
		if low[p] == index[p] {
			var comp []string
			for {
				q := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				on[q] = false
				comp = append(comp, q)
				if q == p {
					break
				}
			}
			selfLoop := false
			if len(comp) == 1 {
				for _, imp := range prog.Packages[p].Imports {
					if imp.Kind == loader.ImportPackage && imp.PkgPath == p {
						selfLoop = true
					}
				}
			}
			if len(comp) > 1 || selfLoop {
				sort.Slice(comp, func(i, j int) bool { return index[comp[i]] < index[comp[j]] })
				for _, q := range comp {
					out[q] = comp
				}
			}
		}
	}
	if prog.Main != nil {
		visit(loader.MainPkg, 0)
	}
	for _, p := range prog.Order {
		if _, seen := index[p]; !seen {
			visit(p, 0)
		}
	}
	return out
}

package sema

import (
	"crypto/sha256"
	"fmt"
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
	// Diagnostics found in this package.
	Diagnostics []loader.Diagnostic

	key [32]byte
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
// the hashes of its files and the keys of the packages it imports. It is
// safe for concurrent use. Results are only shared between programs
// loaded through the same loader.Cache (they refer to AST nodes).
type Cache struct {
	mu   sync.Mutex
	m    map[[32]byte]*Info
	hits int
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[[32]byte]*Info{}} }

// Hits returns how many packages were reused so far.
func (c *Cache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
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
	if len(c.m) > 4096 {
		c.m = map[[32]byte]*Info{}
	}
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
		key := packageKey(prog, pkg, res.Infos)
		if in := opts.Cache.get(key); in != nil && in.Package.PkgPath == pp {
			res.Infos[pp] = in
			continue
		}
		in := g.checkPackage(pkg)
		in.key = key
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

// packageKey hashes what a package's check depends on.
func packageKey(prog *loader.Program, pkg *loader.Package, done map[string]*Info) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "pkg %s %s %s\n", pkg.PkgPath, pkg.Name, pkg.Root)
	for _, f := range pkg.Files {
		fmt.Fprintf(h, "file %s %x\n", f.Path, f.Hash)
	}
	var deps []string
	for _, imp := range pkg.Imports {
		deps = append(deps, imp.PkgPath+"/"+imp.Kind.String())
	}
	sort.Strings(deps)
	for _, d := range deps {
		fmt.Fprintf(h, "imp %s\n", d)
	}
	for _, imp := range pkg.Imports {
		if in := done[imp.PkgPath]; in != nil && imp.Kind == loader.ImportPackage {
			fmt.Fprintf(h, "dep %s %x\n", imp.PkgPath, in.key)
		}
	}
	// Main files are checked for imports of themselves.
	for _, f := range prog.Main.Files {
		fmt.Fprintf(h, "main %s\n", f.Path)
	}
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
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

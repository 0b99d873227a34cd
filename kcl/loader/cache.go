package loader

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"runtime"
	"sync"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/parser"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// SourceFile is one parsed file. It is immutable once returned: its AST is
// shared between programs loaded through the same Cache and must not be
// modified.
type SourceFile struct {
	Path   string   // absolute, cleaned path
	Hash   [32]byte // SHA-256 of the content
	AST    *ast.File
	Errors syntax.ErrorList // syntax errors, sorted by position
	Src    []byte           // content (shared with the FileSet; do not modify)
}

// Cache keeps parse results keyed by file path and content hash, so that
// loading a program again after an edit re-parses only the changed files.
// It keeps the latest parse of each path. All files parsed through a
// Cache live in its FileSet; with NewCache they stay there for the
// cache's lifetime, so the FileSet grows with each new file version. A
// Cache is safe for concurrent use.
type Cache struct {
	fset    *syntax.FileSet
	release bool

	mu    sync.Mutex
	files map[string]*SourceFile // path → latest parse

	hits, misses int
}

// NewCache returns an empty cache with a fresh FileSet.
func NewCache() *Cache {
	return &Cache{fset: syntax.NewFileSet(), files: map[string]*SourceFile{}}
}

// NewReleasingCache returns an empty cache for long-lived clients that
// parse version after version of the same files (an editor session): a
// file leaves the cache's FileSet, and its memory is reclaimed, once its
// SourceFile is no longer referenced (by the cache, a Program, or any
// result built on one). Clients must therefore keep the SourceFile, or a
// Program holding it, while they use positions of its file, which they do
// by holding the AST or the program they came from.
func NewReleasingCache() *Cache {
	c := NewCache()
	c.release = true
	return c
}

// FileSet returns the FileSet holding every file parsed through c.
func (c *Cache) FileSet() *syntax.FileSet { return c.fset }

// Stats returns the number of cache hits and misses so far.
func (c *Cache) Stats() (hits, misses int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

// Parse returns the parse of src as file path, reusing the previous result
// when the same path was parsed with the same content. src must not be
// modified afterwards (the result keeps it); passing the very slice of
// the cached parse again is recognised without hashing it.
func (c *Cache) Parse(path string, src []byte) *SourceFile {
	c.mu.Lock()
	f, ok := c.files[path]
	c.mu.Unlock()
	// Comparing with the cached content is much cheaper than hashing it,
	// and an unchanged file re-read from disk is the common case.
	if ok && (sameSlice(f.Src, src) || bytes.Equal(f.Src, src)) {
		c.mu.Lock()
		c.hits++
		c.mu.Unlock()
		return f
	}
	h := sha256.Sum256(src)
	c.mu.Lock()
	if f, ok := c.files[path]; ok && f.Hash == h {
		c.hits++
		c.mu.Unlock()
		return f
	}
	c.misses++
	c.mu.Unlock()
	f = parseSource(c.fset, path, src, h)
	if c.release {
		if tok := c.fset.File(f.AST.FileStart); tok != nil {
			fset := c.fset
			runtime.AddCleanup(f, func(tok *syntax.File) { fset.RemoveFile(tok) }, tok)
		}
	}
	c.mu.Lock()
	c.files[path] = f
	c.mu.Unlock()
	return f
}

// sameSlice reports whether a and b are the same bytes in memory.
func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// Forget drops the cached parse of path.
func (c *Cache) Forget(path string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.files, path)
}

func parseSource(fset *syntax.FileSet, path string, src []byte, h [32]byte) (sf *SourceFile) {
	defer func() {
		// The parser promises never to panic; should it break that promise
		// the file still yields an (empty) tree and an error.
		if r := recover(); r != nil {
			tf := fset.AddFile(path, src)
			f := &ast.File{Name: path, FileStart: tf.Pos(0), FileEnd: tf.Pos(len(src))}
			var errs syntax.ErrorList
			errs.Add(f.FileStart, f.FileStart, syntax.InvalidSyntax, fmt.Sprintf("internal error: parser panic: %v", r))
			sf = &SourceFile{Path: path, Hash: h, AST: f, Errors: errs, Src: src}
		}
	}()
	f, errs := parser.ParseFile(fset, path, src, 0)
	return &SourceFile{Path: path, Hash: h, AST: f, Errors: errs, Src: src}
}

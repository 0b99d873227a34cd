package loader

import (
	"crypto/sha256"
	"fmt"
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
// All files parsed through a Cache live in its FileSet, which therefore
// grows with each new file version. A Cache is safe for concurrent use.
type Cache struct {
	fset *syntax.FileSet

	mu    sync.Mutex
	files map[string]*SourceFile // path → latest parse

	hits, misses int
}

// NewCache returns an empty cache with a fresh FileSet.
func NewCache() *Cache {
	return &Cache{fset: syntax.NewFileSet(), files: map[string]*SourceFile{}}
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
// when the same path was parsed with the same content.
func (c *Cache) Parse(path string, src []byte) *SourceFile {
	h := sha256.Sum256(src)
	c.mu.Lock()
	if f, ok := c.files[path]; ok && f.Hash == h {
		c.hits++
		c.mu.Unlock()
		return f
	}
	c.misses++
	c.mu.Unlock()
	f := parseSource(c.fset, path, src, h)
	c.mu.Lock()
	c.files[path] = f
	c.mu.Unlock()
	return f
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

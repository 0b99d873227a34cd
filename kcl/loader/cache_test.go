package loader

import (
	"fmt"
	"runtime"
	"testing"
	"time"
)

// TestReleasingCache checks that superseded versions of an edited file
// leave the FileSet of a releasing cache once nothing refers to them,
// while the versions still in use stay.
func TestReleasingCache(t *testing.T) {
	c := NewReleasingCache()
	kept := c.Parse("/w/other.k", []byte("x = 1\n"))
	var last *SourceFile
	for i := 0; i < 200; i++ {
		last = c.Parse("/w/main.k", []byte(fmt.Sprintf("a = %d\n", i)))
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(c.FileSet().Files()) > 2 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	files := c.FileSet().Files()
	if len(files) != 2 {
		t.Fatalf("FileSet holds %d files, want 2 (the live ones)", len(files))
	}
	for _, sf := range []*SourceFile{kept, last} {
		if tok := c.FileSet().File(sf.AST.FileStart); tok == nil || tok.Name() != sf.Path {
			t.Errorf("live file %s no longer resolves", sf.Path)
		}
	}
	runtime.KeepAlive(kept)
	runtime.KeepAlive(last)
}

// TestCacheKeepsFiles checks that a plain cache never drops a file.
func TestCacheKeepsFiles(t *testing.T) {
	c := NewCache()
	for i := 0; i < 10; i++ {
		c.Parse("/w/main.k", []byte(fmt.Sprintf("a = %d\n", i)))
	}
	runtime.GC()
	runtime.GC()
	if n := len(c.FileSet().Files()); n != 10 {
		t.Errorf("FileSet holds %d files, want 10", n)
	}
}

package syntax

import (
	"fmt"
	"sort"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// Pos is a compact position: an offset into a FileSet. Each File owns the
// range [Base, Base+Size] (the end position is valid, for EOF). NoPos (0)
// means "no position" and is never inside a file.
type Pos int

// NoPos is the zero Pos: no position information.
const NoPos Pos = 0

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p != NoPos }

// Position is a human-readable position, computed on demand.
type Position struct {
	Filename string
	Offset   int // byte offset, from 0
	Line     int // from 1
	Column   int // byte column, from 1
}

// IsValid reports whether the position has a line.
func (p Position) IsValid() bool { return p.Line > 0 }

// String returns "file:line:col" (or parts of it when unknown).
func (p Position) String() string {
	s := p.Filename
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	if s == "" {
		s = "-"
	}
	return s
}

// File is one source file in a FileSet. Its line table is computed lazily
// the first time a line or column is needed.
type File struct {
	name string
	base int
	src  []byte
	text string // src viewed as a string (shares memory; src is never modified)

	once  sync.Once
	lines []int // offsets of line starts
}

// Name returns the file name given to AddFile.
func (f *File) Name() string { return f.name }

// Base returns the Pos of offset 0.
func (f *File) Base() int { return f.base }

// Size returns the source length in bytes.
func (f *File) Size() int { return len(f.src) }

// Source returns the file's content. Neither the caller of AddFile nor
// anyone else may modify it afterwards: token texts share its memory.
func (f *File) Source() []byte { return f.src }

// Text returns the file's content as a string sharing its memory.
func (f *File) Text() string { return f.text }

// Pos converts an offset in this file to a Pos.
func (f *File) Pos(offset int) Pos {
	if offset < 0 {
		offset = 0
	} else if offset > len(f.src) {
		offset = len(f.src)
	}
	return Pos(f.base + offset)
}

// Offset converts a Pos of this file to an offset.
func (f *File) Offset(p Pos) int {
	o := int(p) - f.base
	if o < 0 {
		return 0
	}
	if o > len(f.src) {
		return len(f.src)
	}
	return o
}

// Contains reports whether p lies in this file (end position included).
func (f *File) Contains(p Pos) bool {
	return int(p) >= f.base && int(p) <= f.base+len(f.src)
}

func (f *File) computeLines() {
	f.once.Do(func() {
		n := 1
		for _, c := range f.src {
			if c == '\n' {
				n++
			}
		}
		lines := make([]int, 1, n)
		for i, c := range f.src {
			if c == '\n' {
				lines = append(lines, i+1)
			}
		}
		f.lines = lines
	})
}

// LineCount returns the number of lines.
func (f *File) LineCount() int {
	f.computeLines()
	return len(f.lines)
}

// LineStart returns the offset of the first byte of line (1-based).
func (f *File) LineStart(line int) int {
	f.computeLines()
	if line < 1 {
		return 0
	}
	if line > len(f.lines) {
		return len(f.src)
	}
	return f.lines[line-1]
}

// LineCol returns the 1-based line and byte column of offset.
func (f *File) LineCol(offset int) (line, col int) {
	f.computeLines()
	i := sort.SearchInts(f.lines, offset+1) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, offset - f.lines[i] + 1
}

// Line returns the 1-based line of p.
func (f *File) Line(p Pos) int {
	l, _ := f.LineCol(f.Offset(p))
	return l
}

// Position converts p to a Position.
func (f *File) Position(p Pos) Position {
	if !p.IsValid() {
		return Position{}
	}
	off := f.Offset(p)
	line, col := f.LineCol(off)
	return Position{Filename: f.name, Offset: off, Line: line, Column: col}
}

// LineText returns the text of the given 1-based line without its newline.
func (f *File) LineText(line int) string {
	start := f.LineStart(line)
	end := len(f.src)
	if line < f.LineCount() {
		end = f.LineStart(line+1) - 1
	}
	if end > start && f.src[end-1] == '\r' {
		end--
	}
	if end < start {
		end = start
	}
	return string(f.src[start:end])
}

// RuneColumn returns the 1-based column of offset counted in Unicode code
// points (as upstream KCL reports columns).
func (f *File) RuneColumn(offset int) int {
	line, _ := f.LineCol(offset)
	start := f.LineStart(line)
	return utf8.RuneCount(f.src[start:offset]) + 1
}

// FileSet is a set of files sharing one Pos space. It is safe for
// concurrent use.
type FileSet struct {
	mu    sync.RWMutex
	base  int
	files []*File
	last  *File
}

// NewFileSet returns an empty FileSet.
func NewFileSet() *FileSet { return &FileSet{base: 1} }

// AddFile adds a file with the given name and content and returns it.
func (s *FileSet) AddFile(name string, src []byte) *File {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := &File{name: name, base: s.base, src: src, text: unsafe.String(unsafe.SliceData(src), len(src))}
	s.base += len(src) + 1 // +1 so that the EOF position is unique
	s.files = append(s.files, f)
	s.last = f
	return f
}

// RemoveFile removes f from the set: positions in f no longer resolve
// (File returns nil for them), and the set no longer keeps f's content
// alive. The Pos range of f is never given to another file. Removing a
// file that is not in the set does nothing.
func (s *FileSet) RemoveFile(f *File) {
	if f == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := sort.Search(len(s.files), func(i int) bool { return s.files[i].base >= f.base })
	if i < len(s.files) && s.files[i] == f {
		copy(s.files[i:], s.files[i+1:])
		s.files[len(s.files)-1] = nil
		s.files = s.files[:len(s.files)-1]
	}
	if s.last == f {
		s.last = nil
	}
}

// File returns the file containing p, or nil.
func (s *FileSet) File(p Pos) *File {
	if !p.IsValid() {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if f := s.last; f != nil && f.Contains(p) {
		return f
	}
	i := sort.Search(len(s.files), func(i int) bool { return s.files[i].base > int(p) }) - 1
	if i >= 0 && s.files[i].Contains(p) {
		return s.files[i]
	}
	return nil
}

// Position converts p to a Position (zero if p is not in the set).
func (s *FileSet) Position(p Pos) Position {
	if f := s.File(p); f != nil {
		return f.Position(p)
	}
	return Position{}
}

// Files returns the files in the set, in the order they were added.
func (s *FileSet) Files() []*File {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]*File(nil), s.files...)
}

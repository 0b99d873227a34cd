package lsp

import (
	"unicode/utf16"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/kclx-dev/kclx/kcl/syntax"
)

// mapper converts between LSP positions (0-based line, UTF-16 column)
// and byte offsets of one file version. It is the only place of the
// server that knows about UTF-16; everything below the handlers works
// with byte offsets and syntax.Pos.
type mapper struct {
	tok *syntax.File
	src []byte
}

func newMapper(tok *syntax.File) *mapper {
	return &mapper{tok: tok, src: tok.Source()}
}

// lineBounds returns the offsets of the start of 0-based line and of its
// end (before "\n" or "\r\n").
func (m *mapper) lineBounds(line int) (start, end int) {
	start = m.tok.LineStart(line + 1)
	end = len(m.src)
	if line+1 < m.tok.LineCount() {
		end = m.tok.LineStart(line+2) - 1 // the '\n'
	}
	if end > start && end <= len(m.src) && end > 0 && m.src[end-1] == '\r' {
		end--
	}
	if end < start {
		end = start
	}
	return start, end
}

// offset converts an LSP position to a byte offset. Positions past the end
// of their line mean the end of the line, positions past the last line
// the end of the file (as editors and upstream do).
func (m *mapper) offset(p protocol.Position) int {
	line := int(p.Line)
	if line >= m.tok.LineCount() {
		return len(m.src)
	}
	start, end := m.lineBounds(line)
	col := int(p.Character)
	off := start
	for off < end && col > 0 {
		r, size := utf8.DecodeRune(m.src[off:end])
		n := 1
		if r >= 0x10000 && r != utf8.RuneError {
			n = 2
		}
		if n > col {
			break // inside a surrogate pair: stay before the character
		}
		col -= n
		off += size
	}
	return off
}

// position converts a byte offset to an LSP position.
func (m *mapper) position(offset int) protocol.Position {
	if offset < 0 {
		offset = 0
	}
	if offset > len(m.src) {
		offset = len(m.src)
	}
	line, _ := m.tok.LineCol(offset)
	start := m.tok.LineStart(line)
	return protocol.Position{Line: uint32(line - 1), Character: uint32(utf16Len(m.src[start:offset]))}
}

// posPosition converts a syntax.Pos of this file.
func (m *mapper) posPosition(p syntax.Pos) protocol.Position {
	return m.position(m.tok.Offset(p))
}

// rangeOf converts a byte range.
func (m *mapper) rangeOf(start, end int) protocol.Range {
	return protocol.Range{Start: m.position(start), End: m.position(end)}
}

// posRange converts a syntax.Pos range of this file.
func (m *mapper) posRange(start, end syntax.Pos) protocol.Range {
	s := m.tok.Offset(start)
	e := s
	if end.IsValid() {
		e = m.tok.Offset(end)
	}
	return m.rangeOf(s, e)
}

// offsets converts an LSP range to byte offsets.
func (m *mapper) offsets(r protocol.Range) (start, end int) {
	start, end = m.offset(r.Start), m.offset(r.End)
	if end < start {
		start, end = end, start
	}
	return start, end
}

// utf16Len returns the number of UTF-16 code units of b.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			n++
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		n += utf16.RuneLen(r)
		if r == utf8.RuneError {
			n = n - utf16.RuneLen(r) + 1
		}
		b = b[size:]
	}
	return n
}

// applyContentChange applies one incremental change to text, using the
// same conventions as mapper.offset (clamping out-of-range positions).
func applyContentChange(text []byte, r protocol.Range, newText string) []byte {
	tok := syntax.NewFileSet().AddFile("", text)
	m := newMapper(tok)
	start, end := m.offsets(r)
	out := make([]byte, 0, len(text)-(end-start)+len(newText))
	out = append(out, text[:start]...)
	out = append(out, newText...)
	out = append(out, text[end:]...)
	return out
}

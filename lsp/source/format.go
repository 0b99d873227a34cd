package source

import (
	"errors"

	"github.com/kclx-dev/kclx/formatter"
	"github.com/kclx-dev/kclx/kcl/parser"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// Edit replaces the bytes [Start, End) of a file with New.
type Edit struct {
	Start, End int
	New        string
}

// ErrSyntax is returned when a file with syntax errors is asked to be
// formatted: the formatter never guesses around broken code.
var ErrSyntax = errors.New("the file has syntax errors")

// FormatOptions are the editor's formatting settings.
type FormatOptions struct {
	TabSize      int
	InsertSpaces bool
}

func (o FormatOptions) formatter(path string) formatter.Options {
	var opts formatter.Options
	if o.TabSize > 0 {
		if o.InsertSpaces {
			opts.Indent = formatter.SpaceIndent(o.TabSize)
		} else {
			opts.Indent = "\t"
		}
	}
	if o.TabSize == 4 && o.InsertSpaces {
		// The editor's default: let an .editorconfig decide.
		opts.Indent = ""
	}
	return formatter.ForFile(path, opts)
}

// Format returns the minimal edits that format the whole file.
func Format(f *workspace.File, o FormatOptions) ([]Edit, error) {
	if len(f.Errors) > 0 {
		return nil, ErrSyntax
	}
	out, err := formatter.Source(f.Path, f.Src, o.formatter(f.Path))
	if err != nil {
		return nil, err
	}
	return convertEdits(formatter.Edits(f.Src, out), 0), nil
}

// FormatRange formats the lines [start, end) touch. Like upstream, a
// selection that is a sequence of whole top-level statements is formatted
// on its own (blank lines around it are the selection's business); any
// other selection gets the whole file's formatting, restricted to the
// edits that touch it.
func FormatRange(f *workspace.File, start, end int, o FormatOptions) ([]Edit, error) {
	start, end = lineStart(f.Src, start), lineEndInclusive(f.Src, end)
	if start >= end {
		return nil, nil
	}
	sel := f.Src[start:end]
	if _, _, errs := parser.ParseSource(f.Path, sel); len(errs) == 0 {
		out, err := formatter.Source(f.Path, sel, o.formatter(f.Path))
		if err == nil {
			return convertEdits(formatter.Edits(sel, out), start), nil
		}
	}
	if len(f.Errors) > 0 {
		return nil, ErrSyntax
	}
	edits, err := formatter.Range(f.Path, f.Src, start, end, o.formatter(f.Path))
	if err != nil {
		return nil, err
	}
	return convertEdits(edits, 0), nil
}

func convertEdits(edits []formatter.Edit, base int) []Edit {
	out := make([]Edit, len(edits))
	for i, e := range edits {
		out[i] = Edit{Start: e.Start + base, End: e.End + base, New: e.New}
	}
	return out
}

// lineStart returns the offset of the start of the line holding offset.
func lineStart(src []byte, offset int) int {
	if offset > len(src) {
		offset = len(src)
	}
	for offset > 0 && src[offset-1] != '\n' {
		offset--
	}
	return offset
}

// lineEndInclusive extends offset to the start of the next line, unless
// it already is at the start of a line.
func lineEndInclusive(src []byte, offset int) int {
	if offset > len(src) {
		return len(src)
	}
	if offset == 0 || src[offset-1] == '\n' {
		return offset
	}
	for offset < len(src) && src[offset] != '\n' {
		offset++
	}
	if offset < len(src) {
		offset++
	}
	return offset
}

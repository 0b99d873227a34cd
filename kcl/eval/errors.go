package eval

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/value"
)

// Label is one source location of a diagnostic with its message.
type Label struct {
	Pos syntax.Pos
	// NoCaret marks a line-only location: upstream prints runtime errors of
	// statements without a caret and with column 1.
	NoCaret bool
	Msg     string
	File    string // used when Pos is invalid
	Line    int    // used when Pos is invalid (0: unknown)
}

// Error is an evaluation error: a kind and one or more labelled
// locations, printed like upstream's diagnostics.
type Error struct {
	Kind   value.ErrorKind
	Labels []Label
	Notes  []string
	// Warning marks a warning (printed, but evaluation continues).
	Warning bool
	// Code overrides the code derived from Kind.
	Code string
	// Raw is the bare runtime message (runtime.catch), when it differs
	// from the first label's message.
	Raw string
}

func (e *Error) Error() string {
	if len(e.Labels) > 0 {
		return e.Labels[0].Msg
	}
	return string(e.Kind)
}

// Message returns the first label's message.
func (e *Error) Message() string { return e.Error() }

// Format renders e in upstream's pretty format: header line, then for each
// label the location, source line with gutter and caret (or not), message.
func (e *Error) Format(fset *syntax.FileSet) string {
	var b strings.Builder
	kind := e.Kind
	if kind == "" {
		kind = value.EvaluationError
	}
	sev := "error"
	if e.Warning {
		sev = "warning"
	}
	code := e.Code
	if code == "" {
		code = kind.Code()
	}
	fmt.Fprintf(&b, "%s[%s]: %s\n", sev, code, kind)
	for _, l := range e.Labels {
		writeLabel(&b, fset, l)
	}
	for _, n := range e.Notes {
		b.WriteString("note: " + n + "\n")
	}
	return b.String()
}

func writeLabel(b *strings.Builder, fset *syntax.FileSet, l Label) {
	var file *syntax.File
	if fset != nil && l.Pos.IsValid() {
		file = fset.File(l.Pos)
	}
	if file == nil {
		if l.File == "" {
			b.WriteString(l.Msg + "\n")
			return
		}
		if l.Line <= 0 {
			fmt.Fprintf(b, " --> %s\n", l.File)
			b.WriteString(l.Msg + "\n")
			return
		}
	}
	var line, col int
	var name, src string
	if file != nil {
		off := file.Offset(l.Pos)
		line, _ = file.LineCol(off)
		col = file.RuneColumn(off)
		name = file.Name()
		src = file.LineText(line)
	} else {
		line, col, name = l.Line, 1, l.File
	}
	ls := strconv.Itoa(line)
	pad := strings.Repeat(" ", len(ls))
	if l.NoCaret {
		col = 1
	}
	fmt.Fprintf(b, "%s--> %s:%d:%d\n", pad, name, line, col)
	fmt.Fprintf(b, "%s |\n", pad)
	fmt.Fprintf(b, "%s | %s\n", ls, src)
	if l.NoCaret {
		fmt.Fprintf(b, "%s |  %s\n", pad, l.Msg)
	} else {
		// caret under the column, counting characters of the source line
		prefix := ""
		if file != nil {
			runes := []rune(src)
			n := col - 1
			if n > len(runes) {
				n = len(runes)
			}
			var pb strings.Builder
			for _, r := range runes[:n] {
				if r == '\t' {
					pb.WriteByte('\t')
				} else {
					pb.WriteByte(' ')
				}
			}
			prefix = pb.String()
		} else {
			prefix = strings.Repeat(" ", col-1)
		}
		_ = utf8.RuneLen
		fmt.Fprintf(b, "%s | %s^ %s\n", pad, prefix, l.Msg)
	}
	fmt.Fprintf(b, "%s |\n", pad)
}

// evalPanic carries an *Error through panics inside the evaluator.
type evalPanic struct{ err *Error }

// fail aborts evaluation with err.
func fail(err *Error) { panic(evalPanic{err}) }

// recoverError converts a recovered panic value into an *Error. Internal
// panics (Go runtime errors) become EvaluationErrors without a stack trace
// reaching the user.
func (e *Evaluator) recoverError(r any) *Error {
	switch x := r.(type) {
	case evalPanic:
		return x.err
	case *value.Error:
		return e.errAt(x.Kind, x.Msg)
	case error:
		if e.opts.DebugPanics {
			fmt.Fprintf(e.stderr(), "internal panic: %v\n%s", x, debug.Stack())
		}
		return e.errAt(value.EvaluationError, "internal error: "+x.Error())
	default:
		if e.opts.DebugPanics {
			fmt.Fprintf(e.stderr(), "internal panic: %v\n%s", x, debug.Stack())
		}
		return e.errAt(value.EvaluationError, fmt.Sprint(x))
	}
}

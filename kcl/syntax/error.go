package syntax

import (
	"fmt"
	"sort"
)

// ErrorKind classifies syntax errors.
type ErrorKind uint8

const (
	InvalidSyntax    ErrorKind = iota // E1001
	TabError                          // E1002
	IndentationError                  // E1003
	// CompileError marks errors the parser can see but upstream reports
	// from its resolver (E2L23), such as `for a.b in x`.
	CompileError
)

func (k ErrorKind) String() string {
	switch k {
	case TabError:
		return "TabError"
	case IndentationError:
		return "IndentationError"
	case CompileError:
		return "CompileError"
	}
	return "InvalidSyntax"
}

// Code returns the upstream error code (E1001...).
func (k ErrorKind) Code() string {
	switch k {
	case TabError:
		return "E1002"
	case IndentationError:
		return "E1003"
	case CompileError:
		return "E2L23"
	}
	return "E1001"
}

// Error is one syntax error: a range and a message.
type Error struct {
	Pos, End Pos
	Kind     ErrorKind
	Msg      string
}

func (e *Error) Error() string { return e.Msg }

// ErrorList is a list of syntax errors.
type ErrorList []*Error

// Add appends an error.
func (l *ErrorList) Add(pos, end Pos, kind ErrorKind, msg string) {
	*l = append(*l, &Error{Pos: pos, End: end, Kind: kind, Msg: msg})
}

// Sort sorts the list by position (stable).
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos < l[j].Pos })
}

// Err returns nil for an empty list, else the list.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Msg
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Msg, len(l)-1)
}

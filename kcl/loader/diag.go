package loader

import (
	"fmt"
	"sort"

	"github.com/kclx-dev/kclx/kcl/syntax"
)

// Severity of a diagnostic.
type Severity uint8

const (
	Error Severity = iota
	Warning
	Suggestion
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Suggestion:
		return "suggestion"
	}
	return "error"
}

// Kind is the upstream diagnostic kind (crates/error ErrorKind and
// WarningKind); it determines the printed name and code.
type Kind uint8

const (
	InvalidSyntax Kind = iota
	TabError
	IndentationError
	IllegalArgumentSyntax
	CannotFindModule
	RecursiveLoad
	FloatOverflow
	FloatUnderflow
	IntOverflow
	InvalidDocstring
	Deprecated
	UnKnownDecorator
	InvalidDecoratorTarget
	InvalidFormatSpec
	SchemaCheckFailure
	IndexSignatureError
	TypeError
	NameError
	ValueError
	KeyError
	AttributeError
	AssertionError
	ImmutableError
	MultiInheritError
	CycleInheritError
	IllegalInheritError
	IllegalAttributeError
	IllegalParameterError
	RecursionError
	PlanError
	CannotAddMembers
	CompileError
	EvaluationError
	UniqueKeyError
	// Warning kinds.
	CompilerWarning
	UnusedImportWarning
	ReimportWarning
	ImportPositionWarning
	// Suggestions (hints attached to errors).
	Suggestions
	numKinds
)

var kindNames = [...]string{
	InvalidSyntax: "InvalidSyntax", TabError: "TabError", IndentationError: "IndentationError",
	IllegalArgumentSyntax: "IllegalArgumentSyntax", CannotFindModule: "CannotFindModule",
	RecursiveLoad: "RecursiveLoad", FloatOverflow: "FloatOverflow", FloatUnderflow: "FloatUnderflow",
	IntOverflow: "IntOverflow", InvalidDocstring: "InvalidDocstring", Deprecated: "Deprecated",
	UnKnownDecorator: "UnKnownDecorator", InvalidDecoratorTarget: "InvalidDecoratorTarget",
	InvalidFormatSpec: "InvalidFormatSpec", SchemaCheckFailure: "SchemaCheckFailure",
	IndexSignatureError: "IndexSignatureError", TypeError: "TypeError", NameError: "NameError",
	ValueError: "ValueError", KeyError: "KeyError", AttributeError: "AttributeError",
	AssertionError: "AssertionError", ImmutableError: "ImmutableError",
	MultiInheritError: "MultiInheritError", CycleInheritError: "CycleInheritError",
	IllegalInheritError: "IllegalInheritError", IllegalAttributeError: "IllegalAttributeError",
	IllegalParameterError: "IllegalParameterError", RecursionError: "RecursionError",
	PlanError: "PlanError", CannotAddMembers: "CannotAddMembers", CompileError: "CompileError",
	EvaluationError: "EvaluationError", UniqueKeyError: "UniqueKeyError",
	CompilerWarning: "CompilerWarning", UnusedImportWarning: "UnusedImportWarning",
	ReimportWarning: "ReimportWarning", ImportPositionWarning: "ImportPositionWarning",
	Suggestions: "Suggestions",
}

// String returns the upstream kind name (e.g. "TypeError").
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// IsWarning reports whether k is a warning kind.
func (k Kind) IsWarning() bool { return k >= CompilerWarning && k <= ImportPositionWarning }

// Code returns the code printed in the diagnostic header: the kind's own
// code for the few kinds upstream registers (E1001 E1002 E1003 E1I37 E2G22
// E2F04 E2L23 E2A31 E2L28 E2D34 E3M38), E1001 for every other error kind,
// W1001 for warnings.
func (k Kind) Code() string {
	switch k {
	case TabError:
		return "E1002"
	case IndentationError:
		return "E1003"
	case IllegalArgumentSyntax:
		return "E1I37"
	case TypeError:
		return "E2G22"
	case CannotFindModule:
		return "E2F04"
	case CompileError:
		return "E2L23"
	case IllegalAttributeError:
		return "E2A31"
	case UniqueKeyError:
		return "E2L28"
	case IllegalInheritError:
		return "E2D34"
	case EvaluationError:
		return "E3M38"
	}
	if k.IsWarning() {
		return "W1001"
	}
	return "E1001"
}

// KindByName returns the kind with the given upstream name.
func KindByName(name string) (Kind, bool) {
	for k, n := range kindNames {
		if n == name {
			return Kind(k), true
		}
	}
	return 0, false
}

// Diagnostic is one error, warning or suggestion of the loader, the type
// checker or the linter.
type Diagnostic struct {
	Pos, End syntax.Pos // range in the program's FileSet; Pos may be NoPos
	// File names the file when Pos is NoPos (it is "" for diagnostics that
	// belong to no file, such as suggestions).
	File     string
	Severity Severity
	Kind     Kind
	// Code is a short kebab-case identifier of the particular check
	// ("package-not-found", "unused-import", ...); "" when the kind says
	// everything.
	Code  string
	Msg   string
	Notes []string // extra lines (suggestions, the other end of a conflict)
	// Related are other places the diagnostic involves, each with its
	// own message (the first declaration of a variable assigned again,
	// ...); interactive clients show them next to the diagnostic.
	Related []Related
}

// Related is a place a diagnostic refers to.
type Related struct {
	Pos, End syntax.Pos
	Msg      string
}

// Position returns the start position of d in fset.
func (d *Diagnostic) Position(fset *syntax.FileSet) syntax.Position {
	if d.Pos.IsValid() && fset != nil {
		if p := fset.Position(d.Pos); p.IsValid() {
			return p
		}
	}
	return syntax.Position{Filename: d.File}
}

// String formats d as "file:line:col: severity[code]: Kind: msg" without
// positions (use Format for positions).
func (d *Diagnostic) String() string {
	return fmt.Sprintf("%s[%s]: %s: %s", d.Severity, d.Kind.Code(), d.Kind, d.Msg)
}

// Format formats d with its position resolved in fset.
func (d *Diagnostic) Format(fset *syntax.FileSet) string {
	return d.Position(fset).String() + ": " + d.String()
}

// FromSyntax converts a syntax error to a Diagnostic.
//
// Upstream reports tab and indentation errors under the InvalidSyntax
// kind (E1001); the Code keeps the finer classification.
func FromSyntax(e *syntax.Error) Diagnostic {
	code, kind := "syntax", InvalidSyntax
	switch e.Kind {
	case syntax.TabError:
		code = "tab-error"
	case syntax.IndentationError:
		code = "indentation-error"
	case syntax.CompileError:
		code, kind = "compile-error", CompileError
	}
	return Diagnostic{Pos: e.Pos, End: e.End, Severity: Error, Kind: kind, Code: code, Msg: e.Msg}
}

// SortDiagnostics sorts ds by position (stable; position-less last).
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Pos, ds[j].Pos
		if !a.IsValid() || !b.IsValid() {
			return a.IsValid() && !b.IsValid()
		}
		return a < b
	})
}

// HasErrors reports whether ds holds an error-severity diagnostic.
func HasErrors(ds []Diagnostic) bool {
	for i := range ds {
		if ds[i].Severity == Error {
			return true
		}
	}
	return false
}

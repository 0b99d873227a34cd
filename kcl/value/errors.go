package value

import "fmt"

// ErrorKind is an upstream diagnostic kind ("EvaluationError",
// "TypeError", ...). Its Code is the upstream error code printed as
// error[CODE]: Kind.
type ErrorKind string

// Error kinds raised at run time. Most runtime failures are reported by
// upstream as EvaluationError; the others appear where upstream reports them
// with their own kind.
const (
	EvaluationError       ErrorKind = "EvaluationError"
	TypeError             ErrorKind = "TypeError"
	CompileError          ErrorKind = "CompileError"
	ImmutableError        ErrorKind = "ImmutableError"
	NameError             ErrorKind = "NameError"
	IllegalParameterError ErrorKind = "IllegalParameterError"
	IllegalAttributeError ErrorKind = "IllegalAttributeError"
	IllegalInheritError   ErrorKind = "IllegalInheritError"
	IndexSignatureError   ErrorKind = "IndexSignatureError"
	UniqueKeyError        ErrorKind = "UniqueKeyError"
	CannotFindModule      ErrorKind = "CannotFindModule"
	RecursiveLoad         ErrorKind = "RecursiveLoad"
	InvalidSyntax         ErrorKind = "InvalidSyntax"
	CannotAddMembers      ErrorKind = "CannotAddMembers"
	AttributeError        ErrorKind = "AttributeError"
	SchemaCheckFailure    ErrorKind = "SchemaCheckFailure"
	AssertionError        ErrorKind = "AssertionError"
	RecursionError        ErrorKind = "RecursionError"
	IntOverflow           ErrorKind = "IntOverflow"
	FloatOverflow         ErrorKind = "FloatOverflow"
	FloatUnderflow        ErrorKind = "FloatUnderflow"
	Deprecated            ErrorKind = "Deprecated"
	ValueError            ErrorKind = "ValueError"
	KeyError              ErrorKind = "KeyError"
	PlanError             ErrorKind = "PlanError"
	CompilerWarning       ErrorKind = "CompilerWarning"
)

// Code returns the upstream error code of k (E3M38 for EvaluationError and
// for kinds upstream reports through the evaluator).
func (k ErrorKind) Code() string {
	switch k {
	case InvalidSyntax, ImmutableError, IllegalParameterError, IndexSignatureError, NameError:
		return "E1001"
	case TypeError:
		return "E2G22"
	case CompileError, CannotAddMembers, AttributeError:
		return "E2L23"
	case UniqueKeyError:
		return "E2L28"
	case IllegalAttributeError:
		return "E2A31"
	case IllegalInheritError:
		return "E2D34"
	case CannotFindModule:
		return "E2F04"
	case RecursiveLoad:
		return "E2H13"
	case CompilerWarning:
		return "W1001"
	}
	return "E3M38"
}

// Error is a runtime error raised by value operations and builtin
// functions. It carries no position: the evaluator attaches the position of
// the expression or statement being evaluated. Kind defaults to
// EvaluationError.
type Error struct {
	Kind ErrorKind
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Errorf returns an *Error of kind with a formatted message.
func Errorf(kind ErrorKind, format string, args ...any) *Error {
	if len(args) == 0 {
		return &Error{Kind: kind, Msg: format}
	}
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// EvalErrorf returns an EvaluationError with a formatted message.
func EvalErrorf(format string, args ...any) *Error {
	return Errorf(EvaluationError, format, args...)
}

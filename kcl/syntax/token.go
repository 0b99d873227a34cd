package syntax

import "strconv"

// Token is the set of lexical tokens of KCL.
type Token uint8

const (
	ILLEGAL Token = iota
	EOF
	COMMENT // # ... (only returned in ScanComments mode)

	NEWLINE // end of a logical line (and, inside brackets, of every physical line)
	INDENT
	DEDENT

	literalBeg
	IDENT  // name or $name
	INT    // 123, 0x1f, 0o17, 017, 0b101, 1_000, 1Ki (unit suffix included)
	FLOAT  // 1.5, 1e10, 1.
	STRING // 'a', "a", '''a''', """a""", r"a" (raw text, quotes included)
	literalEnd

	operatorBeg
	ADD      // +
	SUB      // -
	MUL      // *
	QUO      // /
	REM      // %
	POW      // **
	FLOORDIV // //
	AND_BIT  // &
	OR_BIT   // |
	XOR      // ^
	SHL      // <<
	SHR      // >>
	INV      // ~

	ADD_ASSIGN      // +=
	SUB_ASSIGN      // -=
	MUL_ASSIGN      // *=
	QUO_ASSIGN      // /=
	REM_ASSIGN      // %=
	POW_ASSIGN      // **=
	FLOORDIV_ASSIGN // //=
	AND_ASSIGN      // &=
	OR_ASSIGN       // |=
	XOR_ASSIGN      // ^=
	SHL_ASSIGN      // <<=
	SHR_ASSIGN      // >>=

	EQL // ==
	NEQ // !=
	LSS // <
	LEQ // <=
	GTR // >
	GEQ // >=

	ASSIGN   // =
	LPAREN   // (
	RPAREN   // )
	LBRACK   // [
	RBRACK   // ]
	LBRACE   // {
	RBRACE   // }
	COMMA    // ,
	PERIOD   // .
	ELLIPSIS // ...
	COLON    // :
	ARROW    // ->
	AT       // @
	QUESTION // ?
	NOT_BANG // ! (invalid alone; scanned for error recovery)
	operatorEnd

	keywordBeg
	AS
	IMPORT
	RULE
	SCHEMA
	MIXIN
	PROTOCOL
	CHECK
	FOR
	ASSERT
	IF
	ELIF
	ELSE
	OR
	AND
	NOT
	IN
	IS
	LAMBDA
	ALL
	ANY
	FILTER
	MAP
	TYPE
	TRUE
	FALSE
	NONE
	UNDEFINED
	keywordEnd

	// NOT_IN and IS_NOT are never produced by the scanner; the parser
	// combines `not in` and `is not` into them.
	NOT_IN
	IS_NOT
)

var tokens = [...]string{
	ILLEGAL: "ILLEGAL",
	EOF:     "EOF",
	COMMENT: "COMMENT",
	NEWLINE: "newline",
	INDENT:  "indent",
	DEDENT:  "dedent",

	IDENT:  "identifier",
	INT:    "int",
	FLOAT:  "float",
	STRING: "string",

	ADD:      "+",
	SUB:      "-",
	MUL:      "*",
	QUO:      "/",
	REM:      "%",
	POW:      "**",
	FLOORDIV: "//",
	AND_BIT:  "&",
	OR_BIT:   "|",
	XOR:      "^",
	SHL:      "<<",
	SHR:      ">>",
	INV:      "~",

	ADD_ASSIGN:      "+=",
	SUB_ASSIGN:      "-=",
	MUL_ASSIGN:      "*=",
	QUO_ASSIGN:      "/=",
	REM_ASSIGN:      "%=",
	POW_ASSIGN:      "**=",
	FLOORDIV_ASSIGN: "//=",
	AND_ASSIGN:      "&=",
	OR_ASSIGN:       "|=",
	XOR_ASSIGN:      "^=",
	SHL_ASSIGN:      "<<=",
	SHR_ASSIGN:      ">>=",

	EQL: "==",
	NEQ: "!=",
	LSS: "<",
	LEQ: "<=",
	GTR: ">",
	GEQ: ">=",

	ASSIGN:   "=",
	LPAREN:   "(",
	RPAREN:   ")",
	LBRACK:   "[",
	RBRACK:   "]",
	LBRACE:   "{",
	RBRACE:   "}",
	COMMA:    ",",
	PERIOD:   ".",
	ELLIPSIS: "...",
	COLON:    ":",
	ARROW:    "->",
	AT:       "@",
	QUESTION: "?",
	NOT_BANG: "!",

	AS:        "as",
	IMPORT:    "import",
	RULE:      "rule",
	SCHEMA:    "schema",
	MIXIN:     "mixin",
	PROTOCOL:  "protocol",
	CHECK:     "check",
	FOR:       "for",
	ASSERT:    "assert",
	IF:        "if",
	ELIF:      "elif",
	ELSE:      "else",
	OR:        "or",
	AND:       "and",
	NOT:       "not",
	IN:        "in",
	IS:        "is",
	LAMBDA:    "lambda",
	ALL:       "all",
	ANY:       "any",
	FILTER:    "filter",
	MAP:       "map",
	TYPE:      "type",
	TRUE:      "True",
	FALSE:     "False",
	NONE:      "None",
	UNDEFINED: "Undefined",

	NOT_IN: "not in",
	IS_NOT: "is not",
}

// String returns the source text of operators and keywords and a
// descriptive name for the other tokens.
func (t Token) String() string {
	if int(t) < len(tokens) && tokens[t] != "" {
		return tokens[t]
	}
	return "token(" + strconv.Itoa(int(t)) + ")"
}

// IsLiteral reports whether t is an identifier or basic literal.
func (t Token) IsLiteral() bool { return literalBeg < t && t < literalEnd }

// IsOperator reports whether t is an operator or delimiter.
func (t Token) IsOperator() bool { return operatorBeg < t && t < operatorEnd }

// IsKeyword reports whether t is a reserved word.
func (t Token) IsKeyword() bool { return keywordBeg < t && t < keywordEnd }

// IsAugAssign reports whether t is an augmented assignment operator (+= ...).
func (t Token) IsAugAssign() bool { return ADD_ASSIGN <= t && t <= SHR_ASSIGN }

// BinaryOf returns the binary operator of an augmented assignment
// (ADD for ADD_ASSIGN ...), or ILLEGAL.
func (t Token) BinaryOf() Token {
	if !t.IsAugAssign() {
		return ILLEGAL
	}
	return ADD + (t - ADD_ASSIGN)
}

var keywords map[string]Token

func init() {
	keywords = make(map[string]Token, keywordEnd-keywordBeg)
	for t := keywordBeg + 1; t < keywordEnd; t++ {
		keywords[tokens[t]] = t
	}
}

// Lookup maps an identifier to its keyword token, or IDENT. Soft keywords
// (type, rule, mixin, protocol, check) are returned as IDENT: they are
// keywords only in statement positions the parser recognises, and plain
// names elsewhere (option(type="list"), if rule: ...).
func Lookup(name string) Token {
	if t, ok := keywords[name]; ok && !t.IsSoft() {
		return t
	}
	return IDENT
}

// IsSoft reports whether t is a soft keyword (see Lookup).
func (t Token) IsSoft() bool {
	switch t {
	case TYPE, RULE, MIXIN, PROTOCOL, CHECK:
		return true
	}
	return false
}

// IsKeywordName reports whether name is a reserved word, soft keywords
// included (printers write such names as $name).
func IsKeywordName(name string) bool {
	_, ok := keywords[name]
	return ok
}

// Precedence levels of binary operators, lowest first (checklist §2.5).
const (
	LowestPrec = 0
	PrecAs     = 1
	PrecOr     = 2
	PrecAnd    = 3
	PrecEq     = 4 // == !=
	PrecIn     = 5 // in, not in
	PrecIs     = 6 // is, is not
	PrecCmp    = 7 // < <= > >=
	PrecBitOr  = 8
	PrecXor    = 9
	PrecBitAnd = 10
	PrecShift  = 11
	PrecAdd    = 12
	PrecMul    = 13
	PrecPow    = 14
)

// Precedence returns the binary-operator precedence of t, or LowestPrec
// when t is not a binary operator.
func (t Token) Precedence() int {
	switch t {
	case AS:
		return PrecAs
	case OR:
		return PrecOr
	case AND:
		return PrecAnd
	case EQL, NEQ:
		return PrecEq
	case IN, NOT_IN:
		return PrecIn
	case IS, IS_NOT:
		return PrecIs
	case LSS, LEQ, GTR, GEQ:
		return PrecCmp
	case OR_BIT:
		return PrecBitOr
	case XOR:
		return PrecXor
	case AND_BIT:
		return PrecBitAnd
	case SHL, SHR:
		return PrecShift
	case ADD, SUB:
		return PrecAdd
	case MUL, QUO, REM, FLOORDIV:
		return PrecMul
	case POW:
		return PrecPow
	}
	return LowestPrec
}

// IsCompare reports whether t is a comparison operator (these chain:
// a < b < c).
func (t Token) IsCompare() bool {
	switch t {
	case EQL, NEQ, LSS, LEQ, GTR, GEQ, IN, NOT_IN, IS, IS_NOT:
		return true
	}
	return false
}

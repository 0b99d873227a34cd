package ast

import (
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// Pos is an alias for syntax.Pos.
type Pos = syntax.Pos

// Node is any node of the syntax tree. Pos is the first byte of the node
// and End the position just after its last byte.
type Node interface {
	Pos() Pos
	End() Pos
}

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// Type is a type-annotation node.
type Type interface {
	Node
	typeNode()
}

// ----------------------------------------------------------------------------
// Comments

// Comment is one `#` comment; Text includes the leading '#' and excludes
// the line break.
type Comment struct {
	Hash Pos
	Text string
}

func (c *Comment) Pos() Pos { return c.Hash }
func (c *Comment) End() Pos { return c.Hash + Pos(len(c.Text)) }

// ----------------------------------------------------------------------------
// File

// File is one parsed KCL module.
type File struct {
	Name      string     // file name as given to the parser
	FileStart Pos        // position of the first byte
	FileEnd   Pos        // position just after the last byte
	Doc       *StringLit // module doc string (also present as first ExprStmt), or nil
	Body      []Stmt
	Comments  []*Comment // all comments in source order
}

func (f *File) Pos() Pos { return f.FileStart }
func (f *File) End() Pos { return f.FileEnd }

// ----------------------------------------------------------------------------
// Expressions

type (
	// BadExpr is a placeholder for an expression with syntax errors; it
	// spans the skipped source (From == To for a missing expression).
	BadExpr struct {
		From, To Pos
	}

	// Ident is a name. A `$`-escaped name ($if) has Escaped set and Name
	// without the dollar.
	Ident struct {
		NamePos Pos
		Name    string
		Escaped bool
	}

	// BasicLit is a number: Kind is syntax.INT or syntax.FLOAT; Value is the
	// source text, including a unit suffix (1Ki).
	BasicLit struct {
		ValuePos Pos
		Kind     syntax.Token
		Value    string
	}

	// StringLit is a string literal without interpolation. Raw is the source
	// text (prefix and quotes included) or, for a part of a JoinedString
	// (Fragment set), the fragment's text without quotes. The decoded value
	// is computed on demand by Value, so that large doc strings cost
	// nothing until they are read.
	StringLit struct {
		ValuePos Pos
		Raw      string
		Fragment bool
	}

	// JoinedString is a string with ${...} interpolation. Parts are
	// *StringLit fragments (Fragment set; Raw is the fragment's source) and
	// *FormattedValue items, in order.
	JoinedString struct {
		ValuePos Pos
		Raw      string
		Parts    []Expr
	}

	// FormattedValue is one ${X} or ${X: #json} part of a JoinedString.
	FormattedValue struct {
		Dollar Pos // position of '$'
		X      Expr
		Spec   string // "" or the format spec text after ':' (e.g. "#json")
		Rbrace Pos    // position of '}'
	}

	// NameConstant is True, False, None or Undefined.
	NameConstant struct {
		ValuePos Pos
		Value    syntax.Token // TRUE, FALSE, NONE, UNDEFINED
	}

	// ParenExpr is a parenthesized expression.
	ParenExpr struct {
		Lparen Pos
		X      Expr
		Rparen Pos
	}

	// SelectorExpr is X.Sel or, with Optional, X?.Sel.
	SelectorExpr struct {
		X        Expr
		Optional bool
		Sel      *Ident
	}

	// IndexExpr is X[Index] or X?[Index].
	IndexExpr struct {
		X        Expr
		Optional bool
		Lbrack   Pos
		Index    Expr
		Rbrack   Pos
	}

	// SliceExpr is X[Lo:Hi:Step] (each part optional).
	SliceExpr struct {
		X        Expr
		Optional bool
		Lbrack   Pos
		Lo, Hi   Expr
		Step     Expr
		Slice3   bool // a second ':' is present
		Rbrack   Pos
	}

	// CallExpr is Fun(Args..., Keywords...).
	CallExpr struct {
		Fun      Expr
		Lparen   Pos
		Args     []Expr
		Keywords []*Keyword
		Rparen   Pos
	}

	// Keyword is a keyword argument Name=Value.
	Keyword struct {
		Name  *Ident
		Value Expr
	}

	// UnaryExpr is Op X for Op in + - ~ not.
	UnaryExpr struct {
		OpPos Pos
		Op    syntax.Token
		X     Expr
	}

	// BinaryExpr is X Op Y (arithmetic, bitwise, logical and single
	// comparisons; Op may be NOT_IN or IS_NOT).
	BinaryExpr struct {
		X     Expr
		OpPos Pos
		Op    syntax.Token
		Y     Expr
	}

	// CompareExpr is a chained comparison X op1 Y1 op2 Y2 ... (two or more
	// operators of the same precedence level).
	CompareExpr struct {
		X   Expr
		Ops []CompareOp
	}

	// AsExpr is a type cast X as Type.
	AsExpr struct {
		X     Expr
		AsPos Pos
		Type  Type
	}

	// IfExpr is Body if Cond else Else.
	IfExpr struct {
		Body    Expr
		IfPos   Pos
		Cond    Expr
		ElsePos Pos
		Else    Expr
	}

	// ListExpr is [Elts...]. Elements may be *StarredExpr and
	// *ListIfItem.
	ListExpr struct {
		Lbrack Pos
		Elts   []Expr
		Rbrack Pos
	}

	// StarredExpr is *X inside a list.
	StarredExpr struct {
		Star Pos
		X    Expr
	}

	// ListIfItem is `if Cond: Elts...` inside a list; Else is nil, another
	// *ListIfItem (elif, with Elif set) or a *ListElse.
	ListIfItem struct {
		IfPos Pos
		Elif  bool
		Cond  Expr
		Elts  []Expr
		Else  Expr
	}

	// ListElse is the `else: Elts...` branch of a ListIfItem.
	ListElse struct {
		ElsePos Pos
		Elts    []Expr
		EndPos  Pos
	}

	// ListComp is [Elt for ... in ... if ...].
	ListComp struct {
		Lbrack     Pos
		Elt        Expr
		Generators []*CompClause
		Rbrack     Pos
	}

	// DictComp is {Key op Value for ... in ... if ...}.
	DictComp struct {
		Lbrace     Pos
		Entry      *ConfigEntry
		Generators []*CompClause
		Rbrace     Pos
	}

	// CompClause is `for Targets in Iter if Ifs...` of a comprehension.
	CompClause struct {
		For     Pos
		Targets []*Ident
		Iter    Expr
		Ifs     []Expr
	}

	// ConfigExpr is a config (dict) literal {Entries...}.
	ConfigExpr struct {
		Lbrace  Pos
		Entries []*ConfigEntry
		Rbrace  Pos
	}

	// ConfigIfEntry is `if Cond: entries...` inside a config; used as the
	// Value of a ConfigEntry with no key. Else is nil, another
	// *ConfigIfEntry (elif) or a *ConfigElse.
	ConfigIfEntry struct {
		IfPos   Pos
		Elif    bool
		Cond    Expr
		Entries []*ConfigEntry
		Else    Expr
	}

	// ConfigElse is the `else: entries...` branch of a ConfigIfEntry.
	ConfigElse struct {
		ElsePos Pos
		Entries []*ConfigEntry
		EndPos  Pos
	}

	// SchemaExpr is Name {Config} or Name(Args) {Config}.
	SchemaExpr struct {
		Name     Expr // *Ident or *SelectorExpr
		Lparen   Pos  // NoPos when there are no arguments
		Args     []Expr
		Keywords []*Keyword
		Rparen   Pos
		Config   *ConfigExpr
	}

	// QuantExpr is `Op Vars in Target { Test [if IfCond] }` for Op in all,
	// any, map, filter.
	QuantExpr struct {
		OpPos  Pos
		Op     syntax.Token
		Vars   []*Ident
		Target Expr
		Lbrace Pos
		Test   Expr
		IfCond Expr
		Rbrace Pos
	}

	// LambdaExpr is lambda [Params] [-> Ret] { Body }.
	LambdaExpr struct {
		Lambda Pos
		Params []*Param
		Ret    Type
		Lbrace Pos
		Body   []Stmt
		Rbrace Pos
	}

	// CheckExpr is one line of a check block or rule: Test [if If] [, Msg].
	CheckExpr struct {
		Test Expr
		If   Expr
		Msg  Expr
	}
)

// CompareOp is one operator and right operand of a CompareExpr.
type CompareOp struct {
	OpPos Pos
	Op    syntax.Token
	Y     Expr
}

// ConfigEntry is one entry of a config literal. Op is COLON (k: v),
// ASSIGN (k = v), ADD_ASSIGN (k += v); for `**v` Key is nil and Op is POW;
// for an if-entry Key is nil, Op is ILLEGAL and Value a *ConfigIfEntry.
type ConfigEntry struct {
	Key   Expr
	OpPos Pos
	Op    syntax.Token
	Value Expr
}

func (e *ConfigEntry) Pos() Pos {
	if e.Key != nil {
		return e.Key.Pos()
	}
	if e.Op == syntax.POW {
		return e.OpPos
	}
	return e.Value.Pos()
}
func (e *ConfigEntry) End() Pos { return e.Value.End() }

// Param is one parameter of a lambda or schema/rule.
type Param struct {
	Name    *Ident
	Type    Type // or nil
	Default Expr // or nil
}

func (p *Param) Pos() Pos { return p.Name.Pos() }
func (p *Param) End() Pos {
	switch {
	case p.Default != nil:
		return p.Default.End()
	case p.Type != nil:
		return p.Type.End()
	}
	return p.Name.End()
}

func (x *BadExpr) Pos() Pos        { return x.From }
func (x *Ident) Pos() Pos          { return x.NamePos }
func (x *BasicLit) Pos() Pos       { return x.ValuePos }
func (x *StringLit) Pos() Pos      { return x.ValuePos }
func (x *JoinedString) Pos() Pos   { return x.ValuePos }
func (x *FormattedValue) Pos() Pos { return x.Dollar }
func (x *NameConstant) Pos() Pos   { return x.ValuePos }
func (x *ParenExpr) Pos() Pos      { return x.Lparen }
func (x *SelectorExpr) Pos() Pos   { return x.X.Pos() }
func (x *IndexExpr) Pos() Pos      { return x.X.Pos() }
func (x *SliceExpr) Pos() Pos      { return x.X.Pos() }
func (x *CallExpr) Pos() Pos       { return x.Fun.Pos() }
func (x *Keyword) Pos() Pos        { return x.Name.Pos() }
func (x *UnaryExpr) Pos() Pos      { return x.OpPos }
func (x *BinaryExpr) Pos() Pos     { return x.X.Pos() }
func (x *CompareExpr) Pos() Pos    { return x.X.Pos() }
func (x *AsExpr) Pos() Pos         { return x.X.Pos() }
func (x *IfExpr) Pos() Pos         { return x.Body.Pos() }
func (x *ListExpr) Pos() Pos       { return x.Lbrack }
func (x *StarredExpr) Pos() Pos    { return x.Star }
func (x *ListIfItem) Pos() Pos     { return x.IfPos }
func (x *ListElse) Pos() Pos       { return x.ElsePos }
func (x *ListComp) Pos() Pos       { return x.Lbrack }
func (x *DictComp) Pos() Pos       { return x.Lbrace }
func (x *CompClause) Pos() Pos     { return x.For }
func (x *ConfigExpr) Pos() Pos     { return x.Lbrace }
func (x *ConfigIfEntry) Pos() Pos  { return x.IfPos }
func (x *ConfigElse) Pos() Pos     { return x.ElsePos }
func (x *SchemaExpr) Pos() Pos     { return x.Name.Pos() }
func (x *QuantExpr) Pos() Pos      { return x.OpPos }
func (x *LambdaExpr) Pos() Pos     { return x.Lambda }
func (x *CheckExpr) Pos() Pos      { return x.Test.Pos() }

func (x *BadExpr) End() Pos { return x.To }
func (x *Ident) End() Pos {
	n := Pos(len(x.Name))
	if x.Escaped {
		n++
	}
	return x.NamePos + n
}
func (x *BasicLit) End() Pos       { return x.ValuePos + Pos(len(x.Value)) }
func (x *StringLit) End() Pos      { return x.ValuePos + Pos(len(x.Raw)) }
func (x *JoinedString) End() Pos   { return x.ValuePos + Pos(len(x.Raw)) }
func (x *FormattedValue) End() Pos { return x.Rbrace + 1 }
func (x *NameConstant) End() Pos   { return x.ValuePos + Pos(len(x.Value.String())) }
func (x *ParenExpr) End() Pos      { return x.Rparen + 1 }
func (x *SelectorExpr) End() Pos   { return x.Sel.End() }
func (x *IndexExpr) End() Pos      { return x.Rbrack + 1 }
func (x *SliceExpr) End() Pos      { return x.Rbrack + 1 }
func (x *CallExpr) End() Pos       { return x.Rparen + 1 }
func (x *Keyword) End() Pos        { return x.Value.End() }
func (x *UnaryExpr) End() Pos      { return x.X.End() }
func (x *BinaryExpr) End() Pos     { return x.Y.End() }
func (x *CompareExpr) End() Pos    { return x.Ops[len(x.Ops)-1].Y.End() }
func (x *AsExpr) End() Pos         { return x.Type.End() }
func (x *IfExpr) End() Pos         { return x.Else.End() }
func (x *ListExpr) End() Pos       { return x.Rbrack + 1 }
func (x *StarredExpr) End() Pos    { return x.X.End() }
func (x *ListIfItem) End() Pos {
	if x.Else != nil {
		return x.Else.End()
	}
	if n := len(x.Elts); n > 0 {
		return x.Elts[n-1].End()
	}
	return x.Cond.End()
}
func (x *ListElse) End() Pos {
	if n := len(x.Elts); n > 0 {
		return x.Elts[n-1].End()
	}
	return x.EndPos
}
func (x *ListComp) End() Pos { return x.Rbrack + 1 }
func (x *DictComp) End() Pos { return x.Rbrace + 1 }
func (x *CompClause) End() Pos {
	if n := len(x.Ifs); n > 0 {
		return x.Ifs[n-1].End()
	}
	return x.Iter.End()
}
func (x *ConfigExpr) End() Pos { return x.Rbrace + 1 }
func (x *ConfigIfEntry) End() Pos {
	if x.Else != nil {
		return x.Else.End()
	}
	if n := len(x.Entries); n > 0 {
		return x.Entries[n-1].End()
	}
	return x.Cond.End()
}
func (x *ConfigElse) End() Pos {
	if n := len(x.Entries); n > 0 {
		return x.Entries[n-1].End()
	}
	return x.EndPos
}
func (x *SchemaExpr) End() Pos { return x.Config.End() }
func (x *QuantExpr) End() Pos  { return x.Rbrace + 1 }
func (x *LambdaExpr) End() Pos { return x.Rbrace + 1 }
func (x *CheckExpr) End() Pos {
	switch {
	case x.Msg != nil:
		return x.Msg.End()
	case x.If != nil:
		return x.If.End()
	}
	return x.Test.End()
}

func (*BadExpr) exprNode()        {}
func (*Ident) exprNode()          {}
func (*BasicLit) exprNode()       {}
func (*StringLit) exprNode()      {}
func (*JoinedString) exprNode()   {}
func (*FormattedValue) exprNode() {}
func (*NameConstant) exprNode()   {}
func (*ParenExpr) exprNode()      {}
func (*SelectorExpr) exprNode()   {}
func (*IndexExpr) exprNode()      {}
func (*SliceExpr) exprNode()      {}
func (*CallExpr) exprNode()       {}
func (*UnaryExpr) exprNode()      {}
func (*BinaryExpr) exprNode()     {}
func (*CompareExpr) exprNode()    {}
func (*AsExpr) exprNode()         {}
func (*IfExpr) exprNode()         {}
func (*ListExpr) exprNode()       {}
func (*StarredExpr) exprNode()    {}
func (*ListIfItem) exprNode()     {}
func (*ListElse) exprNode()       {}
func (*ListComp) exprNode()       {}
func (*DictComp) exprNode()       {}
func (*ConfigExpr) exprNode()     {}
func (*ConfigIfEntry) exprNode()  {}
func (*ConfigElse) exprNode()     {}
func (*SchemaExpr) exprNode()     {}
func (*QuantExpr) exprNode()      {}
func (*LambdaExpr) exprNode()     {}
func (*CheckExpr) exprNode()      {}

// ----------------------------------------------------------------------------
// Types

type (
	// BadType is a placeholder for a malformed type annotation.
	BadType struct {
		From, To Pos
	}

	// NamedType is a basic type (any bool int float str), a schema name or a
	// type alias, possibly package-qualified: Name is *Ident or
	// *SelectorExpr.
	NamedType struct {
		Name Expr
	}

	// ListType is [Elem] (Elem nil for []).
	ListType struct {
		Lbrack Pos
		Elem   Type
		Rbrack Pos
	}

	// DictType is {Key:Value} (either may be nil).
	DictType struct {
		Lbrace Pos
		Key    Type
		Colon  Pos
		Value  Type
		Rbrace Pos
	}

	// UnionType is A | B | ...
	UnionType struct {
		Types []Type
	}

	// LiteralType is a literal used as a type: "a", 1, 1.5, 1Ki, True,
	// False (Lit is *StringLit, *BasicLit or *NameConstant).
	LiteralType struct {
		Lit Expr
	}

	// FuncType is (Params...) -> Ret.
	FuncType struct {
		Lparen Pos
		Params []Type
		Rparen Pos
		Ret    Type // nil when there is no "->"
	}
)

func (t *BadType) Pos() Pos     { return t.From }
func (t *NamedType) Pos() Pos   { return t.Name.Pos() }
func (t *ListType) Pos() Pos    { return t.Lbrack }
func (t *DictType) Pos() Pos    { return t.Lbrace }
func (t *UnionType) Pos() Pos   { return t.Types[0].Pos() }
func (t *LiteralType) Pos() Pos { return t.Lit.Pos() }
func (t *FuncType) Pos() Pos    { return t.Lparen }

func (t *BadType) End() Pos     { return t.To }
func (t *NamedType) End() Pos   { return t.Name.End() }
func (t *ListType) End() Pos    { return t.Rbrack + 1 }
func (t *DictType) End() Pos    { return t.Rbrace + 1 }
func (t *UnionType) End() Pos   { return t.Types[len(t.Types)-1].End() }
func (t *LiteralType) End() Pos { return t.Lit.End() }
func (t *FuncType) End() Pos {
	if t.Ret != nil {
		return t.Ret.End()
	}
	return t.Rparen + 1
}

func (*BadType) typeNode()     {}
func (*NamedType) typeNode()   {}
func (*ListType) typeNode()    {}
func (*DictType) typeNode()    {}
func (*UnionType) typeNode()   {}
func (*LiteralType) typeNode() {}
func (*FuncType) typeNode()    {}

// ----------------------------------------------------------------------------
// Statements

type (
	// BadStmt is a placeholder for statements with syntax errors.
	BadStmt struct {
		From, To Pos
	}

	// ExprStmt is an expression on its own line (also doc strings).
	ExprStmt struct {
		X Expr
	}

	// ImportStmt is `import Path [as Alias]`. Path is the dotted path text
	// as written, including leading dots of relative imports (".a", "..b.c").
	ImportStmt struct {
		Import  Pos
		PathPos Pos
		Path    string
		Alias   *Ident // nil when there is no "as"
	}

	// AssignStmt is `T1 = T2 = ... = Value` or `T: Type = Value`.
	AssignStmt struct {
		Targets []Expr // *Ident, *SelectorExpr, *IndexExpr chains
		Type    Type   // annotation, or nil
		Value   Expr
	}

	// AugAssignStmt is `Target op= Value`.
	AugAssignStmt struct {
		Target Expr
		OpPos  Pos
		Op     syntax.Token // ADD_ASSIGN ...
		Value  Expr
	}

	// UnificationStmt is `Target: Schema {...}`.
	UnificationStmt struct {
		Target Expr
		Value  *SchemaExpr
	}

	// TypeAliasStmt is `type Name = Type`.
	TypeAliasStmt struct {
		TypePos Pos
		Name    *Ident
		Type    Type
	}

	// AssertStmt is `assert Test [if If] [, Msg]`.
	AssertStmt struct {
		Assert Pos
		Test   Expr
		If     Expr
		Msg    Expr
	}

	// IfStmt is `if Cond: Body` with optional elif/else. Else is nil,
	// another *IfStmt (elif; Elif set) or an *ElseStmt.
	IfStmt struct {
		IfPos Pos
		Elif  bool
		Cond  Expr
		Body  []Stmt
		Else  Stmt
	}

	// ElseStmt is the `else: Body` branch of an IfStmt.
	ElseStmt struct {
		ElsePos Pos
		Body    []Stmt
		EndPos  Pos
	}

	// Decorator is `@X` before a schema, rule or attribute; X is the name
	// (*Ident or *SelectorExpr) or a *CallExpr of it with arguments.
	Decorator struct {
		At Pos
		X  Expr
	}

	// SchemaStmt is a schema, mixin or protocol definition.
	SchemaStmt struct {
		Decorators []*Decorator
		Keyword    Pos          // position of schema/mixin/protocol
		Kind       syntax.Token // SCHEMA, MIXIN or PROTOCOL
		Name       *Ident
		Params     []*Param // schema arguments [a: int, ...]
		HasParams  bool     // brackets were written (possibly empty)
		Parent     Expr     // (Parent), *Ident or *SelectorExpr, or nil
		For        Expr     // for Protocol, or nil
		Doc        *StringLit
		Mixins     []Expr // mixin [A, B]
		MixinPos   Pos
		Body       []Stmt // *SchemaAttr, *IndexSignature and init statements
		CheckPos   Pos    // NoPos when there is no check block
		Checks     []*CheckExpr
		EndPos     Pos
	}

	// SchemaAttr is an attribute declaration in a schema body:
	// `[decorators] Name[?]: Type [= Value]` (Op ASSIGN or OR_ASSIGN).
	SchemaAttr struct {
		Decorators []*Decorator
		Name       Expr // *Ident or *StringLit
		Type       Type
		Value      Expr
		OpPos      Pos
		Op         syntax.Token // ILLEGAL when there is no default
		Optional   bool
	}

	// IndexSignature is `[KeyName: KeyType]: ValueType [= Value]`
	// (KeyName may be nil; Ellipsis for [...KeyType]).
	IndexSignature struct {
		Lbrack    Pos
		Ellipsis  bool
		KeyName   *Ident
		KeyType   Type
		Rbrack    Pos
		ValueType Type
		Value     Expr
	}

	// RuleStmt is a rule definition.
	RuleStmt struct {
		Decorators []*Decorator
		Rule       Pos
		Name       *Ident
		Params     []*Param
		HasParams  bool
		Parents    []Expr
		For        Expr
		Doc        *StringLit
		Checks     []*CheckExpr
		EndPos     Pos
	}
)

func (s *BadStmt) Pos() Pos         { return s.From }
func (s *ExprStmt) Pos() Pos        { return s.X.Pos() }
func (s *ImportStmt) Pos() Pos      { return s.Import }
func (s *AssignStmt) Pos() Pos      { return s.Targets[0].Pos() }
func (s *AugAssignStmt) Pos() Pos   { return s.Target.Pos() }
func (s *UnificationStmt) Pos() Pos { return s.Target.Pos() }
func (s *TypeAliasStmt) Pos() Pos   { return s.TypePos }
func (s *AssertStmt) Pos() Pos      { return s.Assert }
func (s *IfStmt) Pos() Pos          { return s.IfPos }
func (s *ElseStmt) Pos() Pos        { return s.ElsePos }
func (d *Decorator) Pos() Pos       { return d.At }
func (s *SchemaStmt) Pos() Pos {
	if len(s.Decorators) > 0 {
		return s.Decorators[0].Pos()
	}
	return s.Keyword
}
func (s *SchemaAttr) Pos() Pos {
	if len(s.Decorators) > 0 {
		return s.Decorators[0].Pos()
	}
	return s.Name.Pos()
}
func (s *IndexSignature) Pos() Pos { return s.Lbrack }
func (s *RuleStmt) Pos() Pos {
	if len(s.Decorators) > 0 {
		return s.Decorators[0].Pos()
	}
	return s.Rule
}

func (s *BadStmt) End() Pos  { return s.To }
func (s *ExprStmt) End() Pos { return s.X.End() }
func (s *ImportStmt) End() Pos {
	if s.Alias != nil {
		return s.Alias.End()
	}
	return s.PathPos + Pos(len(s.Path))
}
func (s *AssignStmt) End() Pos      { return s.Value.End() }
func (s *AugAssignStmt) End() Pos   { return s.Value.End() }
func (s *UnificationStmt) End() Pos { return s.Value.End() }
func (s *TypeAliasStmt) End() Pos   { return s.Type.End() }
func (s *AssertStmt) End() Pos {
	switch {
	case s.Msg != nil:
		return s.Msg.End()
	case s.If != nil:
		return s.If.End()
	}
	return s.Test.End()
}
func (s *IfStmt) End() Pos {
	if s.Else != nil {
		return s.Else.End()
	}
	if n := len(s.Body); n > 0 {
		return s.Body[n-1].End()
	}
	return s.Cond.End()
}
func (s *ElseStmt) End() Pos {
	if n := len(s.Body); n > 0 {
		return s.Body[n-1].End()
	}
	return s.EndPos
}
func (d *Decorator) End() Pos  { return d.X.End() }
func (s *SchemaStmt) End() Pos { return s.EndPos }
func (s *SchemaAttr) End() Pos {
	if s.Value != nil {
		return s.Value.End()
	}
	return s.Type.End()
}
func (s *IndexSignature) End() Pos {
	if s.Value != nil {
		return s.Value.End()
	}
	return s.ValueType.End()
}
func (s *RuleStmt) End() Pos { return s.EndPos }

func (*BadStmt) stmtNode()         {}
func (*ExprStmt) stmtNode()        {}
func (*ImportStmt) stmtNode()      {}
func (*AssignStmt) stmtNode()      {}
func (*AugAssignStmt) stmtNode()   {}
func (*UnificationStmt) stmtNode() {}
func (*TypeAliasStmt) stmtNode()   {}
func (*AssertStmt) stmtNode()      {}
func (*IfStmt) stmtNode()          {}
func (*ElseStmt) stmtNode()        {}
func (*SchemaStmt) stmtNode()      {}
func (*SchemaAttr) stmtNode()      {}
func (*IndexSignature) stmtNode()  {}
func (*RuleStmt) stmtNode()        {}

// IsRelative reports whether an import path is relative (starts with '.').
func (s *ImportStmt) IsRelative() bool { return len(s.Path) > 0 && s.Path[0] == '.' }

// Name returns the name the import binds: the alias or the last path
// segment.
func (s *ImportStmt) Name() string {
	if s.Alias != nil {
		return s.Alias.Name
	}
	p := s.Path
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '.' {
			return p[i+1:]
		}
	}
	return p
}

// Value returns the decoded value of the literal: escapes processed
// (unless raw), and the triple-quote indentation rule applied.
func (x *StringLit) Value() string {
	if x.Fragment {
		return syntax.DecodeString(x.Raw, false)
	}
	info := syntax.ParseStringInfo(x.Raw)
	v := syntax.DecodeString(x.Raw[info.Body:info.BodyEnd], info.Raw)
	if info.Triple {
		v = syntax.DedentTriple(v)
	}
	return v
}

// NewString returns a string literal with the given value, written as a
// double-quoted KCL string (for ASTs built by programs).
func NewString(value string) *StringLit {
	return &StringLit{Raw: syntax.Quote(value)}
}

// Branches returns the bodies of an if statement's branches in order: the
// if body, each elif body, then the else body when present.
func (s *IfStmt) Branches() [][]Stmt {
	out := [][]Stmt{s.Body}
	for e := s.Else; e != nil; {
		switch el := e.(type) {
		case *IfStmt:
			out = append(out, el.Body)
			e = el.Else
		case *ElseStmt:
			out = append(out, el.Body)
			e = nil
		default:
			e = nil
		}
	}
	return out
}

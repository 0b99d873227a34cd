package ast

import "fmt"

// Visitor's Visit is called for each node met by Walk. If it returns a
// non-nil visitor w, Walk visits the node's children with w, then calls
// w.Visit(nil).
type Visitor interface {
	Visit(node Node) (w Visitor)
}

// Walk traverses an AST in depth-first source order.
func Walk(v Visitor, node Node) {
	if v = v.Visit(node); v == nil {
		return
	}
	walkChildren(v, node)
	v.Visit(nil)
}

type inspector func(Node) bool

func (f inspector) Visit(node Node) Visitor {
	if f(node) {
		return f
	}
	return nil
}

// Inspect traverses an AST in depth-first order, calling f(node) for each
// node; if f returns true, Inspect visits node's children, then calls
// f(nil).
func Inspect(node Node, f func(Node) bool) {
	Walk(inspector(f), node)
}

func walkExprs(v Visitor, list []Expr) {
	for _, x := range list {
		Walk(v, x)
	}
}

func walkStmts(v Visitor, list []Stmt) {
	for _, x := range list {
		Walk(v, x)
	}
}

func walkOpt(v Visitor, n Node) {
	if n != nil && !isNilNode(n) {
		Walk(v, n)
	}
}

// isNilNode reports whether an interface holds a typed nil pointer.
func isNilNode(n Node) bool {
	switch n := n.(type) {
	case *Ident:
		return n == nil
	case *StringLit:
		return n == nil
	case *ConfigExpr:
		return n == nil
	case *SchemaExpr:
		return n == nil
	}
	return false
}

func walkParams(v Visitor, ps []*Param) {
	for _, p := range ps {
		Walk(v, p)
	}
}

func walkEntries(v Visitor, es []*ConfigEntry) {
	for _, e := range es {
		Walk(v, e)
	}
}

func walkChildren(v Visitor, node Node) {
	switch n := node.(type) {
	case *File:
		walkStmts(v, n.Body)
	case *Comment, *BadExpr, *Ident, *BasicLit, *StringLit, *NameConstant, *BadStmt, *BadType:
		// leaves
	case *JoinedString:
		walkExprs(v, n.Parts)
	case *FormattedValue:
		Walk(v, n.X)
	case *ParenExpr:
		Walk(v, n.X)
	case *SelectorExpr:
		Walk(v, n.X)
		Walk(v, n.Sel)
	case *IndexExpr:
		Walk(v, n.X)
		Walk(v, n.Index)
	case *SliceExpr:
		Walk(v, n.X)
		walkOpt(v, n.Lo)
		walkOpt(v, n.Hi)
		walkOpt(v, n.Step)
	case *CallExpr:
		Walk(v, n.Fun)
		walkExprs(v, n.Args)
		for _, k := range n.Keywords {
			Walk(v, k)
		}
	case *Keyword:
		Walk(v, n.Name)
		Walk(v, n.Value)
	case *UnaryExpr:
		Walk(v, n.X)
	case *BinaryExpr:
		Walk(v, n.X)
		Walk(v, n.Y)
	case *CompareExpr:
		Walk(v, n.X)
		for _, op := range n.Ops {
			Walk(v, op.Y)
		}
	case *AsExpr:
		Walk(v, n.X)
		Walk(v, n.Type)
	case *IfExpr:
		Walk(v, n.Body)
		Walk(v, n.Cond)
		Walk(v, n.Else)
	case *ListExpr:
		walkExprs(v, n.Elts)
	case *StarredExpr:
		Walk(v, n.X)
	case *ListIfItem:
		Walk(v, n.Cond)
		walkExprs(v, n.Elts)
		walkOpt(v, n.Else)
	case *ListElse:
		walkExprs(v, n.Elts)
	case *ListComp:
		Walk(v, n.Elt)
		for _, g := range n.Generators {
			Walk(v, g)
		}
	case *DictComp:
		Walk(v, n.Entry)
		for _, g := range n.Generators {
			Walk(v, g)
		}
	case *CompClause:
		for _, t := range n.Targets {
			Walk(v, t)
		}
		Walk(v, n.Iter)
		walkExprs(v, n.Ifs)
	case *ConfigExpr:
		walkEntries(v, n.Entries)
	case *ConfigEntry:
		walkOpt(v, n.Key)
		Walk(v, n.Value)
	case *ConfigIfEntry:
		Walk(v, n.Cond)
		walkEntries(v, n.Entries)
		walkOpt(v, n.Else)
	case *ConfigElse:
		walkEntries(v, n.Entries)
	case *SchemaExpr:
		Walk(v, n.Name)
		walkExprs(v, n.Args)
		for _, k := range n.Keywords {
			Walk(v, k)
		}
		Walk(v, n.Config)
	case *QuantExpr:
		for _, x := range n.Vars {
			Walk(v, x)
		}
		Walk(v, n.Target)
		Walk(v, n.Test)
		walkOpt(v, n.IfCond)
	case *LambdaExpr:
		walkParams(v, n.Params)
		walkOpt(v, n.Ret)
		walkStmts(v, n.Body)
	case *CheckExpr:
		Walk(v, n.Test)
		walkOpt(v, n.If)
		walkOpt(v, n.Msg)
	case *Param:
		Walk(v, n.Name)
		walkOpt(v, n.Type)
		walkOpt(v, n.Default)

	case *NamedType:
		Walk(v, n.Name)
	case *ListType:
		walkOpt(v, n.Elem)
	case *DictType:
		walkOpt(v, n.Key)
		walkOpt(v, n.Value)
	case *UnionType:
		for _, t := range n.Types {
			Walk(v, t)
		}
	case *LiteralType:
		Walk(v, n.Lit)
	case *FuncType:
		for _, t := range n.Params {
			Walk(v, t)
		}
		walkOpt(v, n.Ret)

	case *ExprStmt:
		Walk(v, n.X)
	case *ImportStmt:
		walkOpt(v, n.Alias)
	case *AssignStmt:
		walkExprs(v, n.Targets)
		walkOpt(v, n.Type)
		Walk(v, n.Value)
	case *AugAssignStmt:
		Walk(v, n.Target)
		Walk(v, n.Value)
	case *UnificationStmt:
		Walk(v, n.Target)
		Walk(v, n.Value)
	case *TypeAliasStmt:
		Walk(v, n.Name)
		Walk(v, n.Type)
	case *AssertStmt:
		Walk(v, n.Test)
		walkOpt(v, n.If)
		walkOpt(v, n.Msg)
	case *IfStmt:
		Walk(v, n.Cond)
		walkStmts(v, n.Body)
		walkOpt(v, n.Else)
	case *ElseStmt:
		walkStmts(v, n.Body)
	case *Decorator:
		Walk(v, n.X)
	case *SchemaStmt:
		for _, d := range n.Decorators {
			Walk(v, d)
		}
		Walk(v, n.Name)
		walkParams(v, n.Params)
		walkOpt(v, n.Parent)
		walkOpt(v, n.For)
		walkOpt(v, n.Doc)
		walkExprs(v, n.Mixins)
		walkStmts(v, n.Body)
		for _, c := range n.Checks {
			Walk(v, c)
		}
	case *SchemaAttr:
		for _, d := range n.Decorators {
			Walk(v, d)
		}
		Walk(v, n.Name)
		Walk(v, n.Type)
		walkOpt(v, n.Value)
	case *IndexSignature:
		walkOpt(v, n.KeyName)
		Walk(v, n.KeyType)
		Walk(v, n.ValueType)
		walkOpt(v, n.Value)
	case *RuleStmt:
		for _, d := range n.Decorators {
			Walk(v, d)
		}
		Walk(v, n.Name)
		walkParams(v, n.Params)
		walkExprs(v, n.Parents)
		walkOpt(v, n.For)
		walkOpt(v, n.Doc)
		for _, c := range n.Checks {
			Walk(v, c)
		}
	default:
		panic(fmt.Sprintf("ast.Walk: unexpected node type %T", n))
	}
}

package source

import (
	"context"
	"sort"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// SymbolKind is the kind of a document or workspace symbol (values are
// LSP's SymbolKind numbers).
type SymbolKind int

// Symbol kinds used by the server.
const (
	KindModule        SymbolKind = 2
	KindNamespace     SymbolKind = 3
	KindPackage       SymbolKind = 4
	KindProperty      SymbolKind = 7
	KindFunction      SymbolKind = 12
	KindVariable      SymbolKind = 13
	KindConstant      SymbolKind = 14
	KindStruct        SymbolKind = 23
	KindTypeParameter SymbolKind = 26
	KindInterface     SymbolKind = 11
)

// Symbol is one declaration of a file, with nested declarations (schema
// attributes) as children.
type Symbol struct {
	Name   string
	Detail string
	Kind   SymbolKind
	// Start, End is the whole declaration; SelStart, SelEnd its name.
	Start, End       int
	SelStart, SelEnd int
	Children         []Symbol
}

// DocumentSymbols returns the declarations of a file: schemas, mixins,
// protocols and rules (with their attributes), type aliases and
// top-level variables.
func DocumentSymbols(f *workspace.File) []Symbol {
	var out []Symbol
	seen := map[string]bool{}
	var stmts func(list []ast.Stmt)
	stmts = func(list []ast.Stmt) {
		for _, s := range list {
			switch s := s.(type) {
			case *ast.SchemaStmt:
				if s.Name == nil || s.Name.Name == "" {
					continue
				}
				sym := declSymbol(f, s, s.Name, KindStruct, s.Name.Name)
				if s.Kind == syntax.PROTOCOL {
					sym.Kind = KindInterface
				}
				sym.Children = schemaBodySymbols(f, s.Body)
				out = append(out, sym)
			case *ast.RuleStmt:
				if s.Name == nil || s.Name.Name == "" {
					continue
				}
				out = append(out, declSymbol(f, s, s.Name, KindStruct, "rule"))
			case *ast.TypeAliasStmt:
				if s.Name == nil || s.Name.Name == "" {
					continue
				}
				out = append(out, declSymbol(f, s, s.Name, KindTypeParameter, typeString(f, s.Type)))
			case *ast.AssignStmt:
				for _, t := range s.Targets {
					id, ok := t.(*ast.Ident)
					if !ok || seen[id.Name] {
						continue
					}
					seen[id.Name] = true
					kind, detail := KindVariable, typeString(f, s.Type)
					if _, ok := s.Value.(*ast.LambdaExpr); ok {
						kind = KindFunction
					}
					if detail == "" {
						detail = literalTypeName(s.Value)
					}
					out = append(out, declSymbol(f, s, id, kind, detail))
				}
			case *ast.UnificationStmt:
				id, ok := s.Target.(*ast.Ident)
				if !ok || seen[id.Name] {
					continue
				}
				seen[id.Name] = true
				detail := ""
				if s.Value != nil {
					detail = exprText(f, s.Value.Name)
				}
				out = append(out, declSymbol(f, s, id, KindVariable, detail))
			case *ast.IfStmt:
				for _, body := range s.Branches() {
					stmts(body)
				}
			}
		}
	}
	stmts(f.AST.Body)
	return out
}

func schemaBodySymbols(f *workspace.File, body []ast.Stmt) []Symbol {
	var out []Symbol
	for _, s := range body {
		switch s := s.(type) {
		case *ast.SchemaAttr:
			var name string
			var nameNode ast.Node
			switch n := s.Name.(type) {
			case *ast.Ident:
				name, nameNode = n.Name, n
			case *ast.StringLit:
				name, nameNode = n.Value(), n
			default:
				continue
			}
			if name == "" {
				continue
			}
			out = append(out, declSymbol(f, s, nameNode, KindProperty, name, typeString(f, s.Type)))
		case *ast.IfStmt:
			out = append(out, schemaBodySymbols(f, s.Body)...)
		}
	}
	return out
}

// declSymbol builds a symbol; with two strings the first is the name and
// the second the detail, else the name is taken from the name node.
func declSymbol(f *workspace.File, decl ast.Node, name ast.Node, kind SymbolKind, strs ...string) Symbol {
	sym := Symbol{Kind: kind}
	switch len(strs) {
	case 1:
		sym.Detail = strs[0]
	case 2:
		sym.Name, sym.Detail = strs[0], strs[1]
	}
	if sym.Name == "" {
		if id, ok := name.(*ast.Ident); ok {
			sym.Name = id.Name
		}
	}
	sym.Start, sym.End = nodeOffsets(f, decl)
	sym.SelStart, sym.SelEnd = nodeOffsets(f, name)
	if sym.SelStart < sym.Start {
		sym.Start = sym.SelStart
	}
	if sym.SelEnd > sym.End {
		sym.End = sym.SelEnd
	}
	return sym
}

// nodeOffsets returns the byte range of a node in f (clamped to the file).
func nodeOffsets(f *workspace.File, n ast.Node) (start, end int) {
	start, end = clampOffset(f, n.Pos()), clampOffset(f, n.End())
	if end < start {
		end = start
	}
	return start, end
}

func clampOffset(f *workspace.File, p syntax.Pos) int {
	base := f.Tok.Base()
	off := int(p) - base
	if off < 0 {
		return 0
	}
	if off > f.Tok.Size() {
		return f.Tok.Size()
	}
	return off
}

// exprText returns the source text of a node (empty when it has no
// valid range).
func exprText(f *workspace.File, n ast.Node) string {
	if n == nil {
		return ""
	}
	start, end := nodeOffsets(f, n)
	return string(f.Src[start:end])
}

// typeString returns the source text of a type annotation with
// whitespace normalised, or "".
func typeString(f *workspace.File, t ast.Type) string {
	if t == nil {
		return ""
	}
	return strings.Join(strings.Fields(exprText(f, t)), " ")
}

// literalTypeName names the type of a literal value (for symbol details
// when there is no annotation).
func literalTypeName(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.StringLit, *ast.JoinedString:
		return "str"
	case *ast.BasicLit:
		if x.Kind == syntax.FLOAT {
			return "float"
		}
		return "int"
	case *ast.NameConstant:
		switch x.Value {
		case syntax.TRUE, syntax.FALSE:
			return "bool"
		}
	case *ast.ListExpr, *ast.ListComp:
		return "list"
	case *ast.ConfigExpr, *ast.DictComp:
		return "dict"
	case *ast.SchemaExpr:
		if id, ok := x.Name.(*ast.Ident); ok {
			return id.Name
		}
	case *ast.LambdaExpr:
		return "function"
	}
	return ""
}

// WorkspaceSymbol is a declaration found by a workspace symbol search.
type WorkspaceSymbol struct {
	Symbol
	Path      string
	Container string
}

// maxWorkspaceSymbols bounds the answer of a workspace symbol search.
const maxWorkspaceSymbols = 500

// WorkspaceSymbols returns the declarations of every .k file of the
// workspace folders and open buffers whose name matches query: its
// characters appear in order, case-insensitively (an empty query matches
// everything). Exact and prefix matches come first.
func WorkspaceSymbols(ctx context.Context, snap *workspace.Snapshot, query string) []WorkspaceSymbol {
	q := strings.ToLower(query)
	var out []WorkspaceSymbol
	snap.Walk(func(path string) bool {
		if ctx.Err() != nil {
			return false
		}
		f, err := snap.Parse(path)
		if err != nil {
			return true
		}
		var walk func(list []Symbol, container string)
		walk = func(list []Symbol, container string) {
			for _, s := range list {
				if fuzzyMatch(strings.ToLower(s.Name), q) {
					out = append(out, WorkspaceSymbol{Symbol: s, Path: path, Container: container})
				}
				walk(s.Children, s.Name)
			}
		}
		walk(DocumentSymbols(f), "")
		return true
	})
	rank := func(s WorkspaceSymbol) int {
		n := strings.ToLower(s.Name)
		switch {
		case n == q:
			return 0
		case strings.HasPrefix(n, q):
			return 1
		case strings.Contains(n, q):
			return 2
		}
		return 3
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	if len(out) > maxWorkspaceSymbols {
		out = out[:maxWorkspaceSymbols]
	}
	return out
}

// fuzzyMatch reports whether the characters of q occur in s in order.
func fuzzyMatch(s, q string) bool {
	for _, c := range q {
		i := strings.IndexRune(s, c)
		if i < 0 {
			return false
		}
		s = s[i+len(string(c)):]
	}
	return true
}

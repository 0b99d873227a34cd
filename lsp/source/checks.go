package source

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// The resolver's own findings, published with the loader's diagnostics
// until kcl/sema provides the real type checker: unused and repeated
// imports, undefined names (with suggestions), reassigned immutable
// variables and literals that contradict a basic type annotation.

func init() {
	semanticDiagnostics = resolverDiagnostics
}

func resolverDiagnostics(ctx context.Context, snap *workspace.Snapshot, unit *workspace.Unit, path string) []Diagnostic {
	r := resolve(snap, path)
	if r == nil {
		return nil
	}
	defer r.release()
	f := r.f
	var out []Diagnostic
	span := func(n ast.Node) (int, int) { return f.Offset(n.Pos()), f.Offset(n.End()) }

	// Imports: repeated and unused.
	used := map[*Object]bool{}
	for _, rf := range r.res.refs {
		if !rf.def {
			used[rf.obj] = true
		}
	}
	seenPath := map[string]bool{}
	for _, s := range f.AST.Body {
		imp, ok := s.(*ast.ImportStmt)
		if !ok {
			continue
		}
		start, end := span(imp)
		if seenPath[imp.Path] {
			out = append(out, Diagnostic{Path: path, Start: start, End: end, Severity: loader.Warning, Code: "ReimportWarning",
				Message: fmt.Sprintf("Module '%s' is reimported multiple times", imp.Path), Unnecessary: true})
			continue
		}
		seenPath[imp.Path] = true
		o := r.res.fc.imports[imp.Name()]
		if o == nil || o.Decl != imp || used[o] {
			continue
		}
		if res := r.m.prog.Imports[imp]; res != nil && res.Kind == loader.ImportPlugin {
			continue
		}
		out = append(out, Diagnostic{Path: path, Start: start, End: end, Severity: loader.Warning, Code: "UnusedImportWarning",
			Message: fmt.Sprintf("Module '%s' imported but unused", imp.Name()), Unnecessary: true})
	}

	// Undefined names, outside mixins and protocols (whose bodies use the
	// attributes of the schemas they are mixed into).
	for _, u := range r.res.unresolved {
		if inMixin(u.sc) {
			continue
		}
		start, end := span(u.id)
		msg := fmt.Sprintf("name '%s' is not defined", u.id.Name)
		var data any
		if sugg := suggestions(u.id.Name, u.sc); len(sugg) > 0 {
			quoted := make([]string, len(sugg))
			for i, s := range sugg {
				quoted[i] = fmt.Sprintf("%q", s)
			}
			msg += fmt.Sprintf(", did you mean '[%s]'?", strings.Join(quoted, ", "))
			data = map[string]any{"suggested_replacement": sugg}
		}
		out = append(out, Diagnostic{Path: path, Start: start, End: end, Severity: loader.Error, Code: "CompileError", Message: msg, Data: data})
	}

	// Immutable variables assigned twice at the top level of the file.
	top := map[syntax.Pos]bool{}
	for _, s := range f.AST.Body {
		if a, ok := s.(*ast.AssignStmt); ok {
			for _, t := range a.Targets {
				top[t.Pos()] = true
			}
		}
	}
	for _, rf := range r.res.reassigns {
		o := rf.obj
		if !top[rf.pos] || !top[o.NamePos] || o.File != path {
			continue
		}
		s1, e1 := f.Offset(rf.pos), f.Offset(rf.end)
		s0, e0 := f.Offset(o.NamePos), f.Offset(o.NameEnd)
		change := fmt.Sprintf("Can not change the value of '%s', because it was declared immutable", o.Name)
		declared := fmt.Sprintf("The variable '%s' is declared here", o.Name)
		out = append(out,
			Diagnostic{Path: path, Start: s1, End: e1, Severity: loader.Error, Code: "ImmutableError", Message: change,
				Related: []Related{{Path: path, Start: s0, End: e0, Message: declared}}},
			Diagnostic{Path: path, Start: s0, End: e0, Severity: loader.Error, Code: "ImmutableError", Message: declared,
				Related: []Related{{Path: path, Start: s1, End: e1, Message: change}}},
		)
	}

	// A literal that contradicts a basic annotation: `b: str = 1`.
	for _, s := range f.AST.Body {
		a, ok := s.(*ast.AssignStmt)
		if !ok || a.Type == nil || len(a.Targets) != 1 {
			continue
		}
		nt, ok := a.Type.(*ast.NamedType)
		if !ok {
			continue
		}
		id, ok := nt.Name.(*ast.Ident)
		if !ok {
			continue
		}
		lt, ok := literalType(a.Value).(*litType)
		if !ok || !basicMismatch(id.Name, lt.base.name) {
			continue
		}
		start, end := span(a.Targets[0])
		out = append(out, Diagnostic{Path: path, Start: start, End: end, Severity: loader.Error, Code: "TypeError",
			Message: fmt.Sprintf("expected %s, got %s(%s)", id.Name, lt.base.name, strings.Trim(lt.value, `"'`))})
	}
	return out
}

// basicMismatch reports whether a literal of basic type got cannot be
// assigned to the basic type want (int widens to float).
func basicMismatch(want, got string) bool {
	switch want {
	case "str", "int", "bool":
		return got != want
	case "float":
		return got != "float" && got != "int"
	}
	return false
}

func inMixin(sc *Scope) bool {
	for ; sc != nil; sc = sc.parent {
		if sc.kind == scopeSchema && sc.schema != nil && sc.schema.stmt != nil {
			switch sc.schema.stmt.Kind {
			case syntax.MIXIN, syntax.PROTOCOL:
				return true
			}
			if strings.HasSuffix(sc.schema.name, "Mixin") {
				return true
			}
		}
	}
	return false
}

// suggestions returns the visible names closest to name (edit distance
// at most a third of its length, at least 1), best first.
func suggestions(name string, sc *Scope) []string {
	type cand struct {
		name string
		d    int
	}
	limit := len(name) / 3
	if limit < 1 {
		limit = 1
	}
	seen := map[string]bool{}
	var cands []cand
	for s := sc; s != nil; s = s.parent {
		for n := range s.names {
			if seen[n] {
				continue
			}
			seen[n] = true
			d := editDistance(name, n)
			if strings.HasPrefix(n, name) && len(name) >= 2 {
				d = 1
			}
			if d <= limit {
				cands = append(cands, cand{n, d})
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].d != cands[j].d {
			return cands[i].d < cands[j].d
		}
		return cands[i].name < cands[j].name
	})
	var out []string
	for i, c := range cands {
		if i == 3 {
			break
		}
		out = append(out, c.name)
	}
	return out
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// CodeAction is a quick fix: a title, the diagnostic code it fixes and
// its edits per file.
type CodeAction struct {
	Title string
	Edits map[string][]Edit
}

// QuickFixes returns the fixes for diagnostics of path: removing unused
// or repeated imports and replacing undefined names by a suggestion.
// Each diagnostic is given by its code, range and suggestions.
func QuickFixes(path, code string, start, end int, suggestions []string) []CodeAction {
	switch code {
	case "UnusedImportWarning", "ReimportWarning":
		return []CodeAction{{Title: "Remove the import (" + code + ")", Edits: map[string][]Edit{path: {{Start: start, End: end}}}}}
	case "CompileError":
		var out []CodeAction
		for _, s := range suggestions {
			out = append(out, CodeAction{Title: "Replace with " + s, Edits: map[string][]Edit{path: {{Start: start, End: end, New: s}}}})
		}
		return out
	}
	return nil
}

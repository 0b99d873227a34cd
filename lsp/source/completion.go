package source

import (
	"context"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// CompletionKind is an LSP CompletionItemKind.
type CompletionKind int

// Completion item kinds used by the server.
const (
	CompFunction CompletionKind = 3
	CompField    CompletionKind = 5
	CompVariable CompletionKind = 6
	CompClass    CompletionKind = 7
	CompModule   CompletionKind = 9
	CompValue    CompletionKind = 12
	CompKeyword  CompletionKind = 14
	CompFile     CompletionKind = 17
	CompFolder   CompletionKind = 19
)

// CompletionItem is one completion proposal.
type CompletionItem struct {
	Label  string
	Kind   CompletionKind
	Detail string
	Doc    string
	// InsertText is the text to insert ("" means the label); Snippet
	// marks it as an LSP snippet.
	InsertText string
	Snippet    bool
	// Edits are further edits (an import to add).
	Edits []Edit
}

// CompletionRequest describes where and how completion was asked for.
type CompletionRequest struct {
	Offset int
	// Trigger is the character that triggered completion ("" when
	// invoked).
	Trigger string
	// PastEnd is set when the client's position lay beyond the end of
	// its line: the trigger character is taken as typed there.
	PastEnd bool
}

// Completion returns the proposals at a position: members after a dot,
// attribute values after a colon, schema attributes in a config,
// packages after import, and otherwise the names in scope (with
// schemas of packages not yet imported, each with the import to add).
func Completion(ctx context.Context, snap *workspace.Snapshot, path string, req CompletionRequest) []CompletionItem {
	f, err := snap.Parse(path)
	if err != nil {
		return nil
	}
	off := req.Offset
	src := f.Src
	lineStart := off
	for lineStart > 0 && src[lineStart-1] != '\n' {
		lineStart--
	}
	prefix := string(src[lineStart:off])
	if inComment(prefix) || unterminatedString(prefix) {
		return nil
	}
	if trimmed := strings.TrimLeft(prefix, " \t"); strings.HasPrefix(trimmed, "import ") || trimmed == "import" {
		return importCompletion(snap, f, strings.TrimSpace(strings.TrimPrefix(trimmed, "import")), req)
	}
	r := resolve(snap, path)
	if r == nil {
		return nil
	}
	defer r.release()
	c := &completer{r: r, req: req, src: src}
	if s := r.stringAt(off); s != nil {
		if _, joined := s.(*ast.JoinedString); joined {
			return nil
		}
		if s.End() != f.Pos(off) || (r.bareString(s) && !req.PastEnd) {
			return nil // inside a string or a doc string
		}
	}
	before := strings.TrimRight(prefix, " \t")
	switch {
	case strings.HasSuffix(before, "."):
		return c.members(lineStart + len(before) - 1)
	case req.Trigger == ".":
		if len(before) == 0 {
			return nil
		}
		return c.members(lineStart + len(before))
	case req.Trigger == ":":
		return c.attrValues(lineStart + len(before))
	}
	return c.names(off, req.Trigger == "\n")
}

type completer struct {
	r   *resolved
	req CompletionRequest
	src []byte
}

// inComment reports whether the end of a line prefix is in a comment.
func inComment(prefix string) bool {
	var quote byte
	for i := 0; i < len(prefix); i++ {
		c := prefix[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return true
		}
	}
	return false
}

// unterminatedString reports whether a line prefix ends inside a string
// opened on the line.
func unterminatedString(prefix string) bool {
	var quote byte
	for i := 0; i < len(prefix); i++ {
		c := prefix[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if strings.HasPrefix(prefix[i:], `"""`) || strings.HasPrefix(prefix[i:], `'''`) {
				return false // triple quotes: leave it to the AST
			}
			quote = c
		case c == '#':
			return false
		}
	}
	return quote != 0
}

// stringAt returns the string literal containing offset (its end
// included).
func (r *resolved) stringAt(offset int) ast.Expr {
	p := r.f.Pos(offset)
	for _, n := range enclosingPath(r.f.AST, p, p) {
		switch n := n.(type) {
		case *ast.StringLit:
			if n.Pos() < p {
				return n
			}
		case *ast.JoinedString:
			if n.Pos() < p {
				return n
			}
		}
	}
	return nil
}

// bareString reports whether s is a statement of its own (a doc string).
func (r *resolved) bareString(s ast.Expr) bool {
	found := false
	ast.Inspect(r.f.AST, func(n ast.Node) bool {
		if es, ok := n.(*ast.ExprStmt); ok && es.X == s {
			found = true
		}
		return !found && n != nil
	})
	return found
}

// scopeAt returns the innermost recorded scope containing pos.
func (r *resolved) scopeAt(pos syntax.Pos) *Scope {
	best := r.res.fc.scope
	indented := false
	if off := r.f.Offset(pos); off > 0 {
		ls := off
		for ls > 0 && r.f.Src[ls-1] != '\n' {
			ls--
		}
		indented = ls < off && (r.f.Src[ls] == ' ' || r.f.Src[ls] == '\t')
	}
	for _, s := range r.res.scopes {
		end := s.end
		if indented && s.ext > end {
			end = s.ext
		}
		if s.start.IsValid() && s.start <= pos && pos <= end {
			if best == nil || (s.start >= best.start && s.end <= best.end) {
				best = s
			}
		}
	}
	return best
}

// exprEndingAt returns the expression that ends at offset: the smallest
// one, widened over postfix forms (selectors, calls, schema
// instantiations, indexing).
func (r *resolved) exprEndingAt(offset int) ast.Expr {
	p := r.f.Pos(offset)
	if offset == 0 {
		return nil
	}
	path := enclosingPath(r.f.AST, p-1, p-1)
	var x ast.Expr
	i := 0
	for ; i < len(path); i++ {
		if e, ok := path[i].(ast.Expr); ok && e.End() == p {
			if _, bad := e.(*ast.BadExpr); !bad {
				x = e
				break
			}
		}
	}
	if x == nil {
		return nil
	}
	for i++; i < len(path); i++ {
		parent, ok := path[i].(ast.Expr)
		if !ok || parent.End() != p {
			break
		}
		switch parent.(type) {
		case *ast.SelectorExpr, *ast.CallExpr, *ast.SchemaExpr, *ast.IndexExpr, *ast.SliceExpr, *ast.ParenExpr:
			x = parent
			continue
		}
		break
	}
	return x
}

// members proposes the members of the expression ending at offset.
func (c *completer) members(offset int) []CompletionItem {
	x := c.r.exprEndingAt(offset)
	if x == nil {
		return nil
	}
	for _, n := range enclosingPath(c.r.f.AST, x.Pos(), x.End()) {
		if _, isType := n.(ast.Type); isType {
			return nil // a type annotation: nothing to select from
		}
	}
	if sel, ok := x.(*ast.SelectorExpr); ok && sel.Sel.Name == "" {
		x = sel.X // the parser's recovery of "x." itself
	}
	sc := c.r.scopeAt(x.Pos())
	rs := &resolver{m: c.r.m, fc: c.r.res.fc}
	t := rs.expr(x, sc, nil)
	return c.memberItems(t)
}

func (c *completer) memberItems(t Type) []CompletionItem {
	m := c.r.m
	var out []CompletionItem
	seen := map[string]bool{}
	add := func(it CompletionItem) {
		if !seen[it.Label] {
			seen[it.Label] = true
			out = append(out, it)
		}
	}
	var walk func(t Type)
	walk = func(t Type) {
		switch t := t.(type) {
		case *schemaType:
			for _, a := range m.allAttrs(t.info) {
				add(CompletionItem{Label: a.Name, Kind: CompField, Detail: a.Name + ": " + typeStr(m.typeOf(a)), Doc: a.Doc})
			}
		case *moduleType:
			switch {
			case t.system:
				for _, o := range sysModuleList[t.pkgpath] {
					add(c.objectItem(o))
				}
			case t.pkg != nil:
				for _, name := range sortedNames(t.pkg.names) {
					o := t.pkg.names[name]
					it := c.objectItem(o)
					add(it)
				}
			}
		case *unionType:
			for _, x := range t.types {
				walk(x)
			}
		case *dictType:
			for _, a := range t.attrs {
				add(CompletionItem{Label: a.name, Kind: CompField, Detail: a.name + ": " + typeStr(a.typ)})
			}
		default:
			if isStr(t) {
				for _, o := range strMethodList {
					add(c.objectItem(o))
				}
			}
		}
	}
	walk(t)
	return out
}

// objectItem is the proposal for a name: functions as snippets, schemas
// by name.
func (c *completer) objectItem(o *Object) CompletionItem {
	m := c.r.m
	t := m.typeOf(o)
	switch o.Kind {
	case objSchema, objRule:
		return CompletionItem{Label: o.Name, Kind: CompClass, Detail: m.schemaDetail(o.schema), Doc: parseDoc(o.Doc).summary}
	case objImport:
		return CompletionItem{Label: o.Name, Kind: CompModule, Detail: typeStr(t)}
	case objAttr:
		return CompletionItem{Label: o.Name, Kind: CompField, Detail: o.Name + ": " + typeStr(t), Doc: o.Doc}
	}
	if ft, ok := t.(*funcType); ok && (o.Kind == objBuiltin || o.Kind == objMember) {
		return CompletionItem{Label: o.Name + "(…)", Kind: CompFunction, Detail: funcSignature(o.Name, ft, false), Doc: o.Doc,
			InsertText: callSnippet(o.Name, ft), Snippet: true}
	}
	kind := CompVariable
	if _, ok := t.(*funcType); ok {
		kind = CompFunction
	}
	return CompletionItem{Label: o.Name, Kind: kind, Detail: o.Name + ": " + typeStr(t)}
}

// callSnippet returns "name(${1:a}, ${2:b})" for the named parameters.
func callSnippet(name string, ft *funcType) string {
	var ps []string
	for _, p := range ft.params {
		if p.variadic {
			continue
		}
		ps = append(ps, "${"+itoa(len(ps)+1)+":"+p.name+"}")
	}
	return name + "(" + strings.Join(ps, ", ") + ")"
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// schemaDetail renders a schema for completion details: package,
// header, own attributes.
func (m *Model) schemaDetail(s *schemaInfo) string {
	if s == nil {
		return ""
	}
	m.resolveSchema(s)
	var b strings.Builder
	b.WriteString(s.obj.Pkg + "\n\n" + m.schemaSignature(s, false))
	var attrs []string
	for _, a := range s.attrs {
		if _, ok := a.Decl.(*ast.SchemaAttr); ok {
			attrs = append(attrs, a.Name+": "+typeStr(m.typeOf(a)))
		}
	}
	if len(attrs) > 0 {
		b.WriteString("\nAttributes:\n" + strings.Join(attrs, "\n"))
	}
	return b.String()
}

// schemaValueItem is the "Name{}" proposal that instantiates a schema.
func (c *completer) schemaValueItem(o *Object, qual string) CompletionItem {
	m := c.r.m
	s := o.schema
	m.resolveSchema(s)
	name := o.Name
	if qual != "" {
		name = qual + "." + o.Name
	}
	label, insert := name+"{}", name+"{$0}"
	if len(s.params) > 0 {
		var ps, snip []string
		for i, p := range s.params {
			ps = append(ps, p.Name)
			snip = append(snip, "${"+itoa(i+1)+":"+p.Name+"}")
		}
		label = name + "(" + strings.Join(ps, ", ") + "){}"
		insert = name + "(" + strings.Join(snip, ", ") + "){$0}"
	}
	return CompletionItem{Label: label, Kind: CompClass, Detail: m.schemaDetail(s), Doc: parseDoc(o.Doc).summary, InsertText: insert, Snippet: true}
}

// attrValues proposes values for the attribute whose key ends at offset
// (a ':' being typed after it).
func (c *completer) attrValues(offset int) []CompletionItem {
	p := c.r.f.Pos(offset)
	var attr *Object
	for _, rf := range c.r.res.refs {
		if rf.end == p && rf.role == roleKey && rf.obj.Kind == objAttr {
			attr = rf.obj
		}
	}
	if attr == nil {
		return nil
	}
	var out []CompletionItem
	var walk func(t Type)
	walk = func(t Type) {
		switch t := t.(type) {
		case *basicType:
			if t == tBool {
				out = append(out, CompletionItem{Label: " True", Kind: CompValue}, CompletionItem{Label: " False", Kind: CompValue})
			}
		case *litType:
			out = append(out, CompletionItem{Label: " " + t.value, Kind: CompValue})
		case *unionType:
			for _, x := range t.types {
				walk(x)
			}
		case *listType:
			out = append(out, CompletionItem{Label: " []", Kind: CompValue, InsertText: " [$1]", Snippet: true})
		case *dictType:
			out = append(out, CompletionItem{Label: " {}", Kind: CompValue, InsertText: " {$1}", Snippet: true})
		case *schemaType:
			name := t.String()
			if sa, ok := attr.Decl.(*ast.SchemaAttr); ok {
				if nt, ok := sa.Type.(*ast.NamedType); ok {
					name = exprSource(attr.fc, nt.Name)
				}
			}
			out = append(out, CompletionItem{Label: " " + name + "{}", Kind: CompValue, InsertText: " {$1}", Snippet: true})
		}
	}
	walk(c.r.m.typeOf(attr))
	return out
}

// configAt returns the config literal whose key position holds offset
// (only blanks since its opening brace, a comma or the line start).
func (c *completer) configAt(offset int) *ast.ConfigExpr {
	i := offset
	for i > 0 && (c.src[i-1] == ' ' || c.src[i-1] == '\t') {
		i--
	}
	if i > 0 && c.src[i-1] != '\n' && c.src[i-1] != '{' && c.src[i-1] != ',' && c.src[i-1] != '\r' {
		return nil
	}
	p := c.r.f.Pos(offset)
	for _, n := range enclosingPath(c.r.f.AST, p, p) {
		switch n := n.(type) {
		case *ast.ConfigExpr:
			if n.Lbrace < p && p <= n.Rbrace {
				return n
			}
		case *ast.ConfigEntry:
			// Inside an entry's value on its own line: a value, not a key.
			if n.Key != nil && n.Value != nil && n.Value.Pos() < p {
				if _, bad := n.Value.(*ast.BadExpr); !bad {
					if _, isCfg := n.Value.(*ast.ConfigExpr); !isCfg {
						return nil
					}
				}
			}
		case *ast.SchemaStmt, *ast.LambdaExpr:
			return nil
		}
	}
	return nil
}

// names proposes what can be written at offset.
func (c *completer) names(offset int, newline bool) []CompletionItem {
	p := c.r.f.Pos(offset)
	if cfg := c.configAt(offset); cfg != nil {
		t := c.r.res.configs[cfg]
		if len(schemasOf(t)) > 0 {
			set := map[string]bool{}
			for _, k := range configKeys(cfg.Entries) {
				set[k] = true
			}
			var out []CompletionItem
			for _, it := range c.memberItems(t) {
				if !set[it.Label] {
					out = append(out, it)
				}
			}
			if !newline {
				for _, name := range sortedNames(c.r.res.fc.imports) {
					out = append(out, c.objectItem(c.r.res.fc.imports[name]))
				}
			}
			return out
		}
	}
	if newline {
		return nil
	}
	sc := c.r.scopeAt(p)
	var out []CompletionItem
	seen := map[string]bool{}
	add := func(it CompletionItem) {
		if !seen[it.Label] {
			seen[it.Label] = true
			out = append(out, it)
		}
	}
	builtins := true
	for s := sc; s != nil; s = s.parent {
		if s.kind == scopeSchema || s.kind == scopeConfig {
			builtins = false
		}
		if s.kind == scopeLambda {
			break
		}
	}
	for s := sc; s != nil; s = s.parent {
		if s.kind == scopeBuiltin && !builtins {
			continue
		}
		if s.kind == scopeConfig {
			continue
		}
		for _, name := range sortedNames(s.names) {
			o := s.names[name]
			if o.HasDecl() && o.File == c.r.f.Path && o.NamePos > p && s.kind != scopePackage && s.kind != scopeSchema {
				continue // a local defined later
			}
			add(c.objectItem(o))
			if o.Kind == objSchema {
				add(c.schemaValueItem(o, ""))
			}
		}
	}
	if builtins {
		for _, it := range c.unimportedSchemas() {
			add(it)
		}
	}
	return out
}

// unimportedSchemas proposes schemas of the module's other packages and
// of its dependencies that the file does not import yet, with an edit
// adding the import.
func (c *completer) unimportedSchemas() []CompletionItem {
	m := c.r.m
	prog := m.prog
	imported := map[string]bool{}
	for _, o := range c.r.res.fc.imports {
		if o.imp != nil {
			imported[o.imp.PkgPath] = true
		}
	}
	here := filepath.Dir(c.r.f.Path)
	type cand struct{ dir, importPath string }
	var cands []cand
	if root := prog.Root; root != "" {
		var walk func(dir, rel string, depth int)
		walk = func(dir, rel string, depth int) {
			if depth > 6 {
				return
			}
			entries, err := c.r.m.unit.FS().ReadDir(dir)
			if err != nil {
				return
			}
			for _, e := range entries {
				if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.HasPrefix(e.Name(), "_") {
					continue
				}
				sub := filepath.Join(dir, e.Name())
				imp := e.Name()
				if rel != "" {
					imp = rel + "." + e.Name()
				}
				if sub != here {
					cands = append(cands, cand{sub, imp})
				}
				walk(sub, imp, depth+1)
			}
		}
		walk(root, "", 0)
	}
	deps := map[string]string{}
	if prog.Mod != nil {
		for _, d := range prog.Mod.Dependencies {
			if d.Path != "" {
				deps[d.Name] = filepath.Join(prog.Mod.Dir, filepath.FromSlash(d.Path))
			}
		}
	}
	for name, dir := range prog.Deps {
		deps[name] = dir
	}
	for name, dir := range deps {
		cands = append(cands, cand{dir, name})
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].importPath < cands[j].importPath })
	var out []CompletionItem
	fsys := c.r.m.unit.FS()
	for _, cd := range cands {
		if imported[cd.importPath] {
			continue
		}
		entries, err := fsys.ReadDir(cd.dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !workspace.IsPackageFile(e.Name()) {
				continue
			}
			src, err := fsys.ReadFile(filepath.Join(cd.dir, e.Name()))
			if err != nil {
				continue
			}
			for _, name := range topLevelSchemas(src) {
				alias := cd.importPath[strings.LastIndexByte(cd.importPath, '.')+1:]
				out = append(out, CompletionItem{
					Label:      name + "{}(import " + cd.importPath + ")",
					Kind:       CompClass,
					Detail:     cd.importPath + "." + name,
					InsertText: alias + "." + name + "{$0}",
					Snippet:    true,
					Edits:      []Edit{{Start: 0, End: 0, New: "import " + cd.importPath + "\n"}},
				})
			}
		}
	}
	return out
}

// topLevelSchemas lists the public schemas a source declares, by a cheap
// line scan (these files are not part of the unit).
func topLevelSchemas(src []byte) []string {
	var out []string
	for _, line := range strings.Split(string(src), "\n") {
		rest, ok := strings.CutPrefix(line, "schema ")
		if !ok {
			continue
		}
		end := strings.IndexAny(rest, "[(: ")
		if end <= 0 {
			continue
		}
		if name := rest[:end]; !strings.HasPrefix(name, "_") {
			out = append(out, name)
		}
	}
	return out
}

// importCompletion proposes modules after "import": system modules and
// the module's packages, or the children of a package path being typed.
func importCompletion(snap *workspace.Snapshot, f *workspace.File, typed string, req CompletionRequest) []CompletionItem {
	var out []CompletionItem
	fsys := snap.FS()
	dir := filepath.Dir(f.Path)
	root := loader.FindModRoot(fsys, dir)
	if root == "" {
		root = dir
	}
	listDir := func(d string) {
		entries, err := fsys.ReadDir(d)
		if err != nil {
			return
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				continue
			}
			full := filepath.Join(d, name)
			if e.IsDir() {
				if hasKFiles(fsys, full, 3) {
					out = append(out, CompletionItem{Label: name, Kind: CompFolder})
				}
				continue
			}
			if base, ok := strings.CutSuffix(name, ".k"); ok && full != f.Path && workspace.IsPackageFile(name) {
				out = append(out, CompletionItem{Label: base, Kind: CompFile})
			}
		}
	}
	if typed == "" {
		for _, m := range loader.SystemModules {
			out = append(out, CompletionItem{Label: m, Kind: CompModule})
		}
		listDir(root)
		return out
	}
	path := strings.TrimSuffix(typed, ".")
	base := root
	if strings.HasPrefix(path, ".") {
		base = dir
		path = path[1:]
		for strings.HasPrefix(path, ".") {
			base = filepath.Dir(base)
			path = path[1:]
		}
	}
	if path != "" {
		base = filepath.Join(base, filepath.FromSlash(strings.ReplaceAll(path, ".", "/")))
	}
	listDir(base)
	return out
}

// hasKFiles reports whether dir holds .k files (up to depth levels
// down).
func hasKFiles(fsys loader.FS, dir string, depth int) bool {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".k") {
			return true
		}
	}
	if depth == 0 {
		return false
	}
	for _, e := range entries {
		if e.IsDir() && hasKFiles(fsys, filepath.Join(dir, e.Name()), depth-1) {
			return true
		}
	}
	return false
}

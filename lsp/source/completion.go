package source

import (
	"context"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/types"
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
	// Resolve, when set, stands for Detail and Doc, left out of a long
	// list: ResolveCompletion fills them in when the client asks.
	Resolve *CompletionData

	schema *types.Schema // the schema an item proposes, if any
}

// CompletionData identifies the schema of a completion item whose
// details are computed on demand.
type CompletionData struct {
	Path   string `json:"path"`   // the file completion was asked in
	Pkg    string `json:"pkg"`    // the schema's package path
	Schema string `json:"schema"` // the schema's name
}

// maxDetailedItems is the length of a completion list above which the
// details of schemas (their attributes, docs) are computed only on
// demand (completionItem/resolve): a package of thousands of schemas
// would otherwise answer every completion with megabytes.
const maxDetailedItems = 300

// ResolveCompletion returns the detail and documentation of an item
// whose details were left out.
func ResolveCompletion(ctx context.Context, snap *workspace.Snapshot, data CompletionData) (detail, doc string) {
	v := analyze(snap, data.Path)
	if v == nil {
		return "", ""
	}
	in := v.res.Infos[data.Pkg]
	if in == nil {
		return "", ""
	}
	o := in.Scope.LookupLocal(data.Schema)
	if o == nil || o.Schema == nil {
		return "", ""
	}
	c := &completer{v: v}
	return c.schemaDetail(o.Schema), o.Schema.Doc
}

// details fills in the details of the schemas a list proposes or, for a
// long list, leaves them to ResolveCompletion.
func (c *completer) details(items []CompletionItem) []CompletionItem {
	for i := range items {
		it := &items[i]
		if it.schema == nil {
			continue
		}
		if len(items) > maxDetailedItems {
			it.Resolve = &CompletionData{Path: c.v.file.Path, Pkg: it.schema.PkgPath, Schema: it.schema.Name}
			continue
		}
		it.Detail, it.Doc = c.schemaDetail(it.schema), it.schema.Doc
	}
	return items
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

// CompletionList is the answer to a completion request.
type CompletionList struct {
	Items []CompletionItem
	// Incomplete is set when a long list was cut to the items matching
	// the word being typed: the client asks again as typing goes on.
	Incomplete bool
}

// maxCompletionItems bounds the items of one answer.
const maxCompletionItems = 1000

// Completion returns the proposals at a position: members after a dot,
// attribute values after a colon, schema attributes in a config,
// packages after import, and otherwise the names in scope (with
// schemas of packages not yet imported, each with the import to add).
func Completion(ctx context.Context, snap *workspace.Snapshot, path string, req CompletionRequest) CompletionList {
	f, err := snap.Parse(path)
	if err != nil {
		return CompletionList{}
	}
	items := completion(ctx, snap, f, req)
	if len(items) <= maxCompletionItems {
		return CompletionList{Items: items}
	}
	// A long list (a package of thousands of schemas): only the items
	// that match the word being typed, and at most maxCompletionItems.
	word := strings.ToLower(wordBefore(f.Src, req.Offset))
	out := items[:0]
	for _, it := range items {
		if len(out) == maxCompletionItems {
			break
		}
		if fuzzyMatch(strings.ToLower(it.Label), word) {
			out = append(out, it)
		}
	}
	return CompletionList{Items: out, Incomplete: true}
}

// wordBefore returns the identifier characters right before offset.
func wordBefore(src []byte, offset int) string {
	s, _ := wordAt(src, offset)
	return string(src[s:offset])
}

// wordAt returns the range of the identifier characters around offset.
func wordAt(src []byte, offset int) (start, end int) {
	isWord := func(c byte) bool {
		return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
	}
	start, end = offset, offset
	for start > 0 && isWord(src[start-1]) {
		start--
	}
	for end < len(src) && isWord(src[end]) {
		end++
	}
	return start, end
}

func completion(ctx context.Context, snap *workspace.Snapshot, f *workspace.File, req CompletionRequest) []CompletionItem {
	path := f.Path
	off := req.Offset
	src := f.Src
	lineStart := off
	for lineStart > 0 && src[lineStart-1] != '\n' {
		lineStart--
	}
	prefix := string(src[lineStart:off])
	if inCommentOrString(prefix) {
		return nil
	}
	if trimmed := strings.TrimLeft(prefix, " \t"); strings.HasPrefix(trimmed, "import ") || trimmed == "import" {
		return importCompletion(snap, f, strings.TrimSpace(strings.TrimPrefix(trimmed, "import")), req)
	}
	v := analyze(snap, path)
	if v == nil {
		return nil
	}
	c := &completer{v: v, req: req, src: v.file.Src}
	if s := c.stringAt(off); s != nil {
		if _, joined := s.(*ast.JoinedString); joined {
			return nil
		}
		if s.End() != v.pos(off) || (c.bareString(s) && !req.PastEnd) {
			return nil // inside a string or a doc string
		}
	}
	before := strings.TrimRight(prefix, " \t")
	switch {
	case strings.HasSuffix(before, "."):
		return c.details(c.members(lineStart + len(before) - 1))
	case req.Trigger == ".":
		if len(before) == 0 {
			return nil
		}
		return c.details(c.members(lineStart + len(before)))
	case req.Trigger == ":":
		return c.attrValues(lineStart + len(before))
	}
	return c.details(c.names(off, req.Trigger == "\n"))
}

type completer struct {
	v   *view
	req CompletionRequest
	src []byte
}

// inCommentOrString reports whether the end of a line prefix is in a
// comment, or inside a string opened on the line (not a triple-quoted
// one: that is left to the AST).
func inCommentOrString(prefix string) bool {
	var quote byte
	triple := false
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
				triple = true
			}
			quote = c
		case c == '#':
			return true
		}
	}
	return quote != 0 && !triple
}

// stringAt returns the string literal containing offset (its end
// included).
func (c *completer) stringAt(offset int) ast.Expr {
	p := c.v.pos(offset)
	for _, n := range sema.PathAt(c.v.file.AST, p) {
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
func (c *completer) bareString(s ast.Expr) bool {
	for _, n := range sema.PathAt(c.v.file.AST, s.Pos()) {
		if es, ok := n.(*ast.ExprStmt); ok && es.X == s {
			return true
		}
	}
	return false
}

// exprEndingAt returns the expression that ends at offset: the smallest
// one, widened over postfix forms (selectors, calls, schema
// instantiations, indexing).
func (c *completer) exprEndingAt(offset int) ast.Expr {
	if offset == 0 {
		return nil
	}
	p := c.v.pos(offset)
	path := sema.PathAt(c.v.file.AST, p-1)
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

// typeOf returns the type of an expression: as checked, or, for a name
// the checker did not reach, the type of what it denotes there.
func (c *completer) typeOf(x ast.Expr) *types.Type {
	if t, ok := c.v.info.Types[x]; ok && t != nil && !t.IsAny() {
		return t
	}
	if id, ok := x.(*ast.Ident); ok {
		// A module's name alone is not an expression the checker types.
		for _, b := range c.v.info.NamesAt(c.v.file.Path, id.Pos()) {
			if b.Name == id.Name {
				return b.Object.Type
			}
		}
	}
	return types.Any
}

// members proposes the members of the expression ending at offset.
func (c *completer) members(offset int) []CompletionItem {
	x := c.exprEndingAt(offset)
	if x == nil {
		return nil
	}
	for _, n := range sema.PathAt(c.v.file.AST, x.Pos()) {
		if _, isType := n.(ast.Type); isType && n.Pos() <= x.Pos() && x.End() <= n.End() {
			return nil // a type annotation: nothing to select from
		}
	}
	if sel, ok := x.(*ast.SelectorExpr); ok && sel.Sel.Name == "" {
		x = sel.X // the parser's recovery of "x." itself
	}
	return c.memberItems(c.typeOf(x))
}

// memberItems proposes the members of a value of type t.
func (c *completer) memberItems(t *types.Type) []CompletionItem {
	var out []CompletionItem
	seen := map[string]bool{}
	add := func(it CompletionItem) {
		if !seen[it.Label] {
			seen[it.Label] = true
			out = append(out, it)
		}
	}
	var walk func(t *types.Type, depth int)
	walk = func(t *types.Type, depth int) {
		if t == nil || depth > 16 {
			return
		}
		switch t.Kind {
		case types.KSchema:
			for _, it := range c.schemaMemberItems(t.Schema) {
				add(it)
			}
		case types.KModule:
			switch t.Module.Kind {
			case types.ModSystem:
				for _, it := range systemModuleItems(t.Module.PkgPath) {
					add(it)
				}
			case types.ModUser:
				in := c.v.res.Infos[t.Module.PkgPath]
				if in == nil {
					break
				}
				names := append([]string(nil), in.Scope.Names()...)
				sort.Strings(names)
				for _, name := range names {
					if o := in.Scope.LookupLocal(name); o != nil && o.Kind != sema.ObjModule {
						add(c.objectItem(name, o))
					}
				}
			}
		case types.KUnion:
			for _, m := range t.Types {
				walk(m, depth+1)
			}
		case types.KDict:
			for _, n := range t.Attrs.Names() {
				a := t.Attrs.Get(n)
				add(CompletionItem{Label: n, Kind: CompField, Detail: n + ": " + typeStr(a.Type)})
			}
		case types.KStr, types.KStrLit:
			tab := types.StringMethods()
			for _, n := range tab.Names {
				add(builtinItem(n, tab.M[n], "str."+n))
			}
		}
	}
	walk(t, 0)
	return out
}

// schemaMemberItems proposes the attributes of a schema: declared ones
// (own, mixed in, inherited) and those its body assigns.
func (c *completer) schemaMemberItems(s *types.Schema) []CompletionItem {
	var out []CompletionItem
	seen := map[string]bool{}
	for _, a := range schemaAttrs(s) {
		seen[a.Name] = true
		out = append(out, CompletionItem{Label: a.Name, Kind: CompField, Detail: a.Name + ": " + typeStr(a.Type), Doc: a.Doc})
	}
	for x, d := s, 0; x != nil && d < 64; x, d = x.Base, d+1 {
		for _, b := range c.bodyVars(x) {
			if !seen[b.Name] {
				seen[b.Name] = true
				out = append(out, CompletionItem{Label: b.Name, Kind: CompField, Detail: b.Name + ": " + typeStr(b.Object.Type)})
			}
		}
	}
	return out
}

// bodyVars returns the names a schema's body assigns without declaring
// them as attributes (n1 = n - 1), with their objects.
func (c *completer) bodyVars(s *types.Schema) []sema.Binding {
	in := c.v.res.Infos[s.PkgPath]
	st, ok := s.Node.(*ast.SchemaStmt)
	if in == nil || !ok {
		return nil
	}
	sc := in.Scopes[st]
	if sc == nil {
		return nil
	}
	var out []sema.Binding
	for _, n := range sc.Names() {
		if o := sc.LookupLocal(n); o != nil && o.Kind == sema.ObjVar && o.Pos.IsValid() && s.Attrs.Get(n) == nil {
			if _, isIndexKey := o.Node.(*ast.IndexSignature); !isIndexKey {
				out = append(out, sema.Binding{Name: n, Object: o})
			}
		}
	}
	return out
}

// systemModuleItems proposes the members of a system module.
func systemModuleItems(module string) []CompletionItem {
	var out []CompletionItem
	if tab := types.SystemModule(module); tab != nil {
		for _, n := range tab.Names {
			out = append(out, builtinItem(n, tab.M[n], module+"."+n))
		}
	}
	if module == "units" {
		for _, n := range types.UnitsConstants {
			out = append(out, CompletionItem{Label: n, Kind: CompVariable, Detail: n + ": int"})
		}
	}
	return out
}

// builtinItem is the proposal of a builtin function: "name(…)" with a
// snippet of its parameters.
func builtinItem(name string, t *types.Type, doc string) CompletionItem {
	if !t.IsFunc() {
		return CompletionItem{Label: name, Kind: CompVariable, Detail: name + ": " + typeStr(t)}
	}
	return CompletionItem{Label: name + "(…)", Kind: CompFunction, Detail: funcSignature(name, t.Func), Doc: builtinDoc(doc),
		InsertText: callSnippet(name, t.Func), Snippet: true}
}

// objectItem is the proposal for a name: functions as snippets, schemas
// by name.
func (c *completer) objectItem(name string, o *sema.Object) CompletionItem {
	switch o.Kind {
	case sema.ObjSchema:
		if s := o.Schema; s != nil {
			return CompletionItem{Label: name, Kind: CompClass, schema: s}
		}
	case sema.ObjModule:
		return CompletionItem{Label: name, Kind: CompModule, Detail: typeStr(o.Type)}
	case sema.ObjAttr:
		t := o.Type
		if o.Attr != nil {
			t = o.Attr.Type
		}
		return CompletionItem{Label: name, Kind: CompField, Detail: name + ": " + typeStr(t), Doc: o.Doc}
	case sema.ObjBuiltin:
		return builtinItem(name, o.Type, name)
	}
	kind := CompVariable
	if o.Type.IsFunc() {
		kind = CompFunction
	}
	return CompletionItem{Label: name, Kind: kind, Detail: name + ": " + typeStr(o.Type)}
}

// callSnippet returns "name(${1:a}, ${2:b})" for the named parameters.
func callSnippet(name string, f *types.Func) string {
	var ps []string
	for _, p := range namedParams(f) {
		ps = append(ps, "${"+strconv.Itoa(len(ps)+1)+":"+p.Name+"}")
	}
	return name + "(" + strings.Join(ps, ", ") + ")"
}

// schemaDetail renders a schema for completion details: package,
// header, own declared attributes.
func (c *completer) schemaDetail(s *types.Schema) string {
	var b strings.Builder
	b.WriteString(s.PkgPath + "\n\n" + schemaHeader(s))
	var attrs []string
	for _, n := range s.Attrs.Names() {
		if a := s.Attrs.Get(n); a != nil && declared(a) && ownAttr(s, a) {
			attrs = append(attrs, a.Name+": "+typeStr(a.Type))
		}
	}
	if len(attrs) > 0 {
		b.WriteString("\nAttributes:\n" + strings.Join(attrs, "\n"))
	}
	return b.String()
}

// ownAttr reports whether a is declared in s's own body (not mixed in).
func ownAttr(s *types.Schema, a *types.Attr) bool {
	n, ok := s.Node.(ast.Node)
	return ok && n.Pos() <= a.Pos && a.Pos <= n.End()
}

// schemaValueItem is the "Name{}" proposal that instantiates a schema.
func (c *completer) schemaValueItem(name string, s *types.Schema) CompletionItem {
	label, insert := name+"{}", name+"{$0}"
	if len(s.Params) > 0 {
		var ps, snip []string
		for i, p := range s.Params {
			ps = append(ps, p.Name)
			snip = append(snip, "${"+strconv.Itoa(i+1)+":"+p.Name+"}")
		}
		label = name + "(" + strings.Join(ps, ", ") + "){}"
		insert = name + "(" + strings.Join(snip, ", ") + "){$0}"
	}
	return CompletionItem{Label: label, Kind: CompClass, InsertText: insert, Snippet: true, schema: s}
}

// attrValues proposes values for the attribute whose key ends at offset
// (a ':' being typed after it).
func (c *completer) attrValues(offset int) []CompletionItem {
	p := c.v.pos(offset)
	id := sema.IdentAt(c.v.file.AST, p)
	if id == nil || id.End() != p {
		return nil
	}
	o := c.v.objectOf(id)
	if o == nil || o.Kind != sema.ObjAttr || o.Attr == nil {
		return nil
	}
	a := o.Attr
	var out []CompletionItem
	var walk func(t *types.Type, depth int)
	walk = func(t *types.Type, depth int) {
		if t == nil || depth > 16 {
			return
		}
		switch t.Kind {
		case types.KBool:
			out = append(out, CompletionItem{Label: " True", Kind: CompValue}, CompletionItem{Label: " False", Kind: CompValue})
		case types.KBoolLit, types.KIntLit, types.KFloatLit, types.KStrLit:
			out = append(out, CompletionItem{Label: " " + typeStr(t), Kind: CompValue})
		case types.KUnion:
			for _, m := range t.Types {
				walk(m, depth+1)
			}
		case types.KList:
			out = append(out, CompletionItem{Label: " []", Kind: CompValue, InsertText: " [$1]", Snippet: true})
		case types.KDict:
			out = append(out, CompletionItem{Label: " {}", Kind: CompValue, InsertText: " {$1}", Snippet: true})
		case types.KSchema:
			name := t.Schema.Name
			if sa, ok := a.Node.(*ast.SchemaAttr); ok {
				if nt, ok := sa.Type.(*ast.NamedType); ok {
					if text := c.v.nodeText(nt.Name); text != "" {
						name = text
					}
				}
			}
			out = append(out, CompletionItem{Label: " " + name + "{}", Kind: CompValue, InsertText: " {$1}", Snippet: true})
		}
	}
	walk(a.Type, 0)
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
	p := c.v.pos(offset)
	for _, n := range sema.PathAt(c.v.file.AST, p) {
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

// configKeys returns the keys a config literal sets (identifiers, the
// first segment of dotted keys, string keys marked with a leading NUL),
// if-entries included.
func configKeys(entries []*ast.ConfigEntry) []string {
	var keys []string
	for _, e := range entries {
		if e == nil {
			continue
		}
		switch k := e.Key.(type) {
		case *ast.Ident:
			keys = append(keys, k.Name)
		case *ast.StringLit:
			keys = append(keys, "\x00"+k.Value())
		case *ast.SelectorExpr:
			x := ast.Expr(k)
			for d := 0; d < 1000; d++ {
				s, ok := x.(*ast.SelectorExpr)
				if !ok {
					break
				}
				x = s.X
			}
			if id, ok := x.(*ast.Ident); ok {
				keys = append(keys, id.Name)
			}
		case nil:
			if ie, ok := e.Value.(*ast.ConfigIfEntry); ok {
				for x, d := ast.Expr(ie), 0; x != nil && d < 1000; d++ {
					switch b := x.(type) {
					case *ast.ConfigIfEntry:
						keys = append(keys, configKeys(b.Entries)...)
						x = b.Else
						continue
					case *ast.ConfigElse:
						keys = append(keys, configKeys(b.Entries)...)
					}
					break
				}
			}
		}
	}
	return keys
}

// accepts reports whether a schema has every key.
func accepts(s *types.Schema, keys []string) bool {
	if indexSignatureOf(s) != nil {
		return true
	}
	for _, k := range keys {
		if attrOf(s, strings.TrimPrefix(k, "\x00")) == nil {
			return false
		}
	}
	return true
}

// scopeAt returns the scope at p. An indented line right below a schema
// (past the end of its last statement) is still in the schema's body,
// where a new attribute is being typed.
func (c *completer) scopeAt(p syntax.Pos) *sema.Scope {
	sc := c.v.info.ScopeAt(p)
	if sc.Kind != sema.ScopePackage {
		return sc
	}
	off := c.v.offset(p)
	ls := off
	for ls > 0 && c.src[ls-1] != '\n' {
		ls--
	}
	if ls == off || (c.src[ls] != ' ' && c.src[ls] != '\t') {
		return sc
	}
	var last ast.Stmt
	for _, st := range c.v.file.AST.Body {
		if st.Pos() > p {
			break
		}
		last = st
	}
	switch last.(type) {
	case *ast.SchemaStmt, *ast.RuleStmt:
		if s := c.v.info.Scopes[last]; s != nil {
			return s
		}
	}
	return sc
}

// names proposes what can be written at offset.
func (c *completer) names(offset int, newline bool) []CompletionItem {
	p := c.v.pos(offset)
	if cfg := c.configAt(offset); cfg != nil {
		if schemas := c.v.configSchemas(cfg, cfg.Entries); len(schemas) > 0 {
			set := map[string]bool{}
			for _, k := range configKeys(cfg.Entries) {
				set[k] = true
			}
			var out []CompletionItem
			seen := map[string]bool{}
			for _, s := range schemas {
				for _, it := range c.schemaMemberItems(s) {
					if !set[it.Label] && !seen[it.Label] {
						seen[it.Label] = true
						out = append(out, it)
					}
				}
			}
			if !newline {
				for _, b := range c.v.info.FileImports(c.v.file.Path) {
					if b.Name != "" {
						out = append(out, c.objectItem(b.Name, b.Object))
					}
				}
			}
			return out
		}
	}
	if newline {
		return nil
	}
	sc := c.scopeAt(p)
	var out []CompletionItem
	seen := map[string]bool{}
	add := func(it CompletionItem) {
		if !seen[it.Label] {
			seen[it.Label] = true
			out = append(out, it)
		}
	}
	builtins := true
	for s := sc; s != nil; s = s.Parent {
		if s.Kind == sema.ScopeSchema || s.Kind == sema.ScopeConfig {
			builtins = false
		}
		if s.Kind == sema.ScopeLambda {
			break
		}
	}
	for s, d := sc, 0; s != nil && d < 10000; s, d = s.Parent, d+1 {
		switch s.Kind {
		case sema.ScopeBuiltin:
			if !builtins {
				continue
			}
		case sema.ScopeConfig:
			continue
		case sema.ScopePackage:
			for _, b := range c.v.info.FileImports(c.v.file.Path) {
				if b.Name != "" {
					add(c.objectItem(b.Name, b.Object))
				}
			}
		}
		names := append([]string(nil), s.Names()...)
		sort.Strings(names)
		for _, name := range names {
			o := s.LookupLocal(name)
			if o == nil || o.Kind == sema.ObjModule || name == "" {
				continue
			}
			if s.Kind != sema.ScopePackage && s.Kind != sema.ScopeSchema && o.Pos > p && c.v.file.Tok.Contains(o.Pos) {
				continue // a local defined later
			}
			add(c.objectItem(name, o))
			if o.Kind == sema.ObjSchema && o.Schema != nil {
				add(c.schemaValueItem(name, o.Schema))
			}
		}
		if s.Kind == sema.ScopeSchema {
			// Inherited attributes are members of the body too.
			if st, ok := s.Node.(ast.Stmt); ok {
				if schema := c.v.info.Schemas[st]; schema != nil {
					for _, a := range schemaAttrs(schema) {
						add(CompletionItem{Label: a.Name, Kind: CompField, Detail: a.Name + ": " + typeStr(a.Type), Doc: a.Doc})
					}
				}
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
	prog := c.v.unit.Program
	imported := map[string]bool{}
	for _, b := range c.v.info.FileImports(c.v.file.Path) {
		imported[moduleOf(b.Object)] = true
	}
	fsys := c.v.snap.FS()
	here := filepath.Dir(c.v.file.Path)
	type cand struct{ dir, importPath string }
	var cands []cand
	if root := prog.Root; root != "" {
		var walk func(dir, rel string, depth int)
		walk = func(dir, rel string, depth int) {
			if depth > 6 {
				return
			}
			entries, err := fsys.ReadDir(dir)
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

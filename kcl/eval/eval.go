package eval

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/value"
)

// Options configure an evaluation.
type Options struct {
	// FS gives file access to the file system module and friends; nil
	// means no file access.
	FS builtins.FS
	// WorkDir is what file.workdir() returns (upstream: empty unless set).
	WorkDir string
	// Stdout receives print() output; nil discards it.
	Stdout io.Writer
	// Stderr receives warnings (deprecation, ...); nil discards them.
	Stderr io.Writer
	// Getenv reads environment variables (file.read_env).
	Getenv func(string) (string, bool)
	// Args are the top-level arguments for option(), in order; a later
	// argument with the same key wins.
	Args []Arg

	// PathSelectors select parts of the output (kcl run -S): one selector
	// makes its value the output, several a list of their values.
	PathSelectors []string

	StrictRangeCheck      bool
	Debug                 bool
	DisableNone           bool
	SortKeys              bool
	ShowHidden            bool
	IncludeSchemaTypePath bool

	// MaxDepth bounds the evaluation recursion depth (function calls,
	// schema instantiations, nested expressions); 0 means DefaultMaxDepth.
	MaxDepth int
	// MaxItems bounds the size of any list built by repetition,
	// concatenation, unpacking or range(), and the length in bytes of any
	// string built by concatenation, repetition, interpolation, join,
	// replace or format; 0 means DefaultMaxItems.
	MaxItems int
	// MaxSteps bounds the number of expressions evaluated (a nested
	// comprehension over large ranges finishes with an error instead of
	// running for hours); 0 means DefaultMaxSteps, negative no limit.
	MaxSteps int64
	// MaxMemory bounds the Go heap in bytes while evaluating: it is
	// checked every few thousand steps (after a collection, to count only
	// live data); 0 means DefaultMaxMemory, negative no limit.
	MaxMemory int64
	// DebugPanics prints Go stack traces of internal panics to Stderr.
	DebugPanics bool
}

// Arg is one top-level argument (-D key=value or a kcl_options entry).
type Arg struct {
	Key   string
	Value value.Value
}

// Defaults for the resource limits.
const (
	DefaultMaxDepth  = 2500
	DefaultMaxItems  = 10_000_000
	DefaultMaxSteps  = 1_000_000_000
	DefaultMaxMemory = 4 << 30
)

// Result is the outcome of evaluating a program.
type Result struct {
	// Value is the program's output value: the main package's top-level
	// variables (hidden ones included when something read them; Plan
	// removes them), or the merge of top-level scalar expressions when
	// there are any.
	Value value.Value
	// Stream is set when manifests.yaml_stream replaced the output: the
	// documents to print, with their options.
	Stream *Stream
	// Warnings are non-fatal diagnostics (deprecations).
	Warnings []*Error
}

// Stream is the output requested by manifests.yaml_stream.
type Stream struct {
	Values []value.Value
	Opts   value.EncodeOptions
	Sep    string
}

// Text renders the stream as the program's output: YAML documents joined
// by the separator line, or (json) indented JSON documents joined by
// ",\n". sortKeys forces sorted keys on top of the stream's options. An
// empty stream renders as "".
func (s *Stream) Text(json, sortKeys bool) string {
	parts := make([]string, 0, len(s.Values))
	for _, v := range s.Values {
		o := s.Opts
		if sortKeys {
			o.SortKeys = true
		}
		if json {
			o.Indent = 4
			parts = append(parts, value.EncodeJSON(v, o))
		} else {
			parts = append(parts, strings.TrimSuffix(value.EncodeYAML(v, o), "\n"))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	sep := "\n" + s.Sep + "\n"
	if json {
		sep = ",\n"
	}
	return strings.Join(parts, sep) + "\n"
}

// Evaluator evaluates one loaded program. It is not safe for concurrent
// use; create one per evaluation.
type Evaluator struct {
	opts Options
	prog *loader.Program
	fset *syntax.FileSet

	pkgs  map[string]*pkgState
	bctx  *builtins.Context
	depth int
	pos   syntax.Pos // current statement (line-level error position)
	posOK bool

	// schema instantiation bookkeeping
	steps           int64 // expressions evaluated (Options.MaxSteps)
	schemaDepth     int
	schemaExprDepth int
	instances       map[*schemaType][]instRecord
	pkgOrder        []*pkgState   // packages in evaluation order (rank)
	freeDicts       []*value.Dict // see scratchDict

	// backtracking of if statements (stop after the setter statement)
	btStop  ast.Stmt
	btBreak bool
	btHit   bool // the stopped statement was reached

	stream   *Stream
	warnings []*Error
	argMap   map[string]value.Value

	targets     []targetRef // assignment target stack
	frames      []frame     // debug backtrace
	createdAt   map[*value.Schema]syntax.Pos
	strCache    map[*ast.StringLit]string
	lambdaTypes map[*ast.LambdaExpr][]string
	callerPkg   string // package instantiating a schema (instances())
	curFile     string // file of the statement being executed
}

type instRecord struct {
	pkgpath string
	value   value.Value
}

// Run evaluates prog and returns its result. Evaluation errors are returned
// as *Error; a Go panic inside the evaluator is turned into an
// EvaluationError too.
func Run(prog *loader.Program, opts Options) (res *Result, err error) {
	e := New(prog, opts)
	return e.Run()
}

// New returns an evaluator for prog.
func New(prog *loader.Program, opts Options) *Evaluator {
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	if opts.MaxItems <= 0 {
		opts.MaxItems = DefaultMaxItems
	}
	if opts.MaxSteps == 0 {
		opts.MaxSteps = DefaultMaxSteps
	}
	if opts.MaxMemory == 0 {
		opts.MaxMemory = DefaultMaxMemory
	}
	e := &Evaluator{
		opts:      opts,
		prog:      prog,
		fset:      prog.FileSet,
		pkgs:      map[string]*pkgState{},
		instances: map[*schemaType][]instRecord{},
		argMap:    map[string]value.Value{},
	}
	for _, a := range opts.Args {
		e.argMap[a.Key] = a.Value
	}
	modRoot := prog.Root
	e.bctx = &builtins.Context{
		FS:      opts.FS,
		Stdout:  opts.Stdout,
		WorkDir: opts.WorkDir,
		ModRoot: modRoot,
		Getenv:  opts.Getenv,
		Options: &builtins.Settings{
			StrictRangeCheck: opts.StrictRangeCheck,
			Debug:            opts.Debug,
			DisableNone:      opts.DisableNone,
			SortKeys:         opts.SortKeys,
			ShowHidden:       opts.ShowHidden,
			MaxItems:         opts.MaxItems,
		},
	}
	e.bctx.Call = func(fn value.Value, args []value.Value, kwargs *value.Dict) (value.Value, error) {
		return e.callValue(fn, args, kwargs), nil
	}
	e.bctx.Catch = func(fn value.Value) (string, bool, error) {
		msg, failed := e.catch(func() { e.callValue(fn, nil, nil) })
		return msg, failed, nil
	}
	e.bctx.SetOutput = func(string) {}
	return e
}

func (e *Evaluator) stderr() io.Writer {
	if e.opts.Stderr != nil {
		return e.opts.Stderr
	}
	return io.Discard
}

// catch runs f and reports the message of an evaluation error it raised.
func (e *Evaluator) catch(f func()) (msg string, failed bool) {
	return e.catchPos(f, true)
}

// catchPos is catch; with restorePos false the error position stays where
// the failure happened (upstream keeps its panic location).
func (e *Evaluator) catchPos(f func(), restorePos bool) (msg string, failed bool) {
	depth, sd, sed := e.depth, e.schemaDepth, e.schemaExprDepth
	pos, posOK := e.pos, e.posOK
	targets := append([]targetRef(nil), e.targets...)
	frames := e.frames
	defer func() { e.frames = frames }()
	btStop, btBreak := e.btStop, e.btBreak
	defer func() { e.targets, e.btStop, e.btBreak = targets, btStop, btBreak }()
	func() {
		defer func() {
			if r := recover(); r != nil {
				err := e.recoverError(r)
				msg, failed = err.Message(), true
				if err.Raw != "" {
					msg = err.Raw
				}
			}
		}()
		f()
	}()
	e.depth, e.schemaDepth, e.schemaExprDepth = depth, sd, sed
	if restorePos || !failed {
		e.pos, e.posOK = pos, posOK
	}
	return msg, failed
}

// Run evaluates the program.
func (e *Evaluator) Run() (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, e.recoverError(r)
		}
	}()
	if e.prog.Main == nil {
		return nil, &Error{Kind: value.CompileError, Labels: []Label{{Msg: "no main package"}}}
	}
	main := e.initPackage(e.prog.Main)
	var out value.Value
	if e.stream == nil {
		if len(e.opts.PathSelectors) > 0 {
			// a selector may name a hidden variable
			e.forcePackage(main)
		}
		out = e.outputValue(main)
		if len(e.opts.PathSelectors) > 0 {
			sel, err := value.SelectPaths(out, e.opts.PathSelectors)
			if err != nil {
				e.pos, e.posOK = e.lastStmtPos(main)
				e.check(err)
			}
			out = sel
		}
	}
	res = &Result{Value: out, Stream: e.stream, Warnings: e.warnings}
	return res, nil
}

// ---------------------------------------------------------------------------
// Packages and files

type pkgState struct {
	path   string
	pkg    *loader.Package
	files  []*fileState
	global *value.Dict // top-level variables in first-definition order
	lazy   *lazyScope
	types  map[string]*schemaType
	// deferred are the lazy top-level assignments, eager the other
	// statements of an imported package (run by startPackage).
	deferred  []stmtRef
	eager     []stmtRef
	stmtState map[ast.Stmt]deferredInfo
	started   bool
	// cursor is the position (stmtRef.seq) of the statement the normal
	// run is at; past the last one when the package has run.
	cursor int
	// rank is the package's position in upstream's evaluation order
	// (dependencies first, main last).
	rank int
	// aliases are the package's type aliases (built lazily).
	aliases map[string]aliasRef
	// merge is the main package's config merge plan.
	merge *mergePlan
	// scalars are the values of top-level expression statements.
	scalars        []scalarRec
	schemaScalarIx int
}

type scalarRec struct {
	v   value.Value
	pos syntax.Pos
}

type fileState struct {
	pkg     *pkgState
	path    string
	ast     *ast.File
	imports map[string]*importRef
	env     *env
}

type importKind uint8

const (
	impPackage importKind = iota
	impSystem
	impPlugin
	impMissing
)

type importRef struct {
	kind importKind
	path string // pkgpath / module name
	pkg  *pkgState
	stmt *ast.ImportStmt
	used bool
}

func (e *Evaluator) initPackage(p *loader.Package) *pkgState {
	if ps, ok := e.pkgs[p.PkgPath]; ok {
		return ps
	}
	ps := &pkgState{
		path:           p.PkgPath,
		pkg:            p,
		global:         value.NewDict(),
		lazy:           newLazyScope(),
		types:          map[string]*schemaType{},
		schemaScalarIx: -1,
		rank:           -1,
	}
	e.pkgs[p.PkgPath] = ps
	for _, sf := range p.Files {
		fs := &fileState{pkg: ps, path: sf.Path, ast: sf.AST, imports: map[string]*importRef{}}
		fs.env = &env{kind: envModule, file: fs}
		ps.files = append(ps.files, fs)
	}
	if p.PkgPath == loader.MainPkg {
		ps.merge = planConfigMerge(ps.files)
	}
	// 1. predefine globals and setters (first-definition order)
	for _, fs := range ps.files {
		for i, st := range fs.ast.Body {
			if ps.merge != nil && ps.merge.skip[st] {
				// merged into a later statement; the name keeps its
				// first-definition position in the output
				collectSetNames(st, func(name string, _ ast.Stmt) {
					if !ps.global.Has(name) {
						ps.global.Set(name, value.Undefined)
					}
				})
				continue
			}
			e.predefine(ps, fs, fs.ast.Body, i, st)
		}
	}
	// 2. imports and types
	for _, fs := range ps.files {
		for _, st := range fs.ast.Body {
			switch st := st.(type) {
			case *ast.ImportStmt:
				e.doImport(fs, st)
			case *ast.SchemaStmt:
				t := e.newSchemaType(fs, st, nil)
				ps.types[t.name] = t
				ps.global.Set(t.name, t.fn)
			case *ast.RuleStmt:
				t := e.newSchemaType(fs, nil, st)
				ps.types[t.name] = t
				ps.global.Set(t.name, t.fn)
			}
		}
	}
	// 3. run. Top-level assignments are lazy where laziness cannot be
	// observed: a deferred statement runs only when a name it sets is
	// read (globalGet), so values nothing reads are never computed.
	//
	// In an imported package every plain assignment is deferred (unless
	// a name it sets is also set by an if statement); the other
	// statements (assert, if, expression statements) run in order when
	// the package is first used (startPackage). In the main package,
	// whose public variables are all output, only a hidden variable set
	// by one plain assignment is deferred; the normal run still executes
	// it at its position when a forward reference already evaluated it,
	// as upstream's evaluator (which runs every statement in order) does.
	// S.instances() forces the deferred statements that could have created
	// instances by then (forcePackage).
	isMain := p.PkgPath == loader.MainPkg
	var stmts []stmtRef
	for _, fs := range ps.files {
		for _, st := range fs.ast.Body {
			if ps.merge != nil && ps.merge.skip[st] {
				continue
			}
			r := stmtRef{fs, st, len(stmts) + 1}
			stmts = append(stmts, r)
			switch {
			case e.deferrable(ps, isMain, st):
				ps.deferred = append(ps.deferred, r)
				ps.setStmtState(st, stmtPending, r.seq)
			case !isMain:
				ps.eager = append(ps.eager, r)
			}
		}
	}
	if isMain {
		for _, r := range stmts {
			ps.cursor = r.seq
			if d, ok := ps.stmtState[r.stmt]; ok && d.state != stmtDone {
				continue
			}
			e.execStmt(r.file.env, r.stmt)
		}
	}
	seq := len(stmts)
	ps.cursor = seq + 1
	ps.started = isMain
	ps.rank = len(e.pkgOrder)
	e.pkgOrder = append(e.pkgOrder, ps)
	return ps
}

// stmtRef is a top-level statement, its file and its position in the
// package's statement order.
type stmtRef struct {
	file *fileState
	stmt ast.Stmt
	seq  int
}

// deferrable reports whether a top-level statement is evaluated lazily
// (see initPackage).
func (e *Evaluator) deferrable(ps *pkgState, isMain bool, st ast.Stmt) bool {
	if !plainAssign(st) {
		return false
	}
	ok := true
	collectSetNames(st, func(name string, _ ast.Stmt) {
		setters := ps.lazy.setters[name]
		if isMain && (!value.IsHidden(name) || e.opts.ShowHidden || len(setters) != 1) {
			ok = false
		}
		for _, s := range setters {
			if s.stopped != nil || !plainAssign(s.body[s.idx]) {
				ok = false
			}
		}
	})
	return ok
}

// plainAssign reports whether st is an assignment, augmented assignment,
// unification or typed declaration whose every target has a name.
func plainAssign(st ast.Stmt) bool {
	want := 1
	switch st := st.(type) {
	case *ast.AssignStmt:
		want = len(st.Targets)
	case *ast.AugAssignStmt, *ast.UnificationStmt, *ast.SchemaAttr:
	default:
		return false
	}
	n := 0
	collectSetNames(st, func(string, ast.Stmt) { n++ })
	return n == want
}

// isolated runs f as a fresh top-level computation: no backtracking in
// progress, and the current position and file restored afterwards.
func (e *Evaluator) isolated(f func()) {
	pos, posOK, file := e.pos, e.posOK, e.curFile
	stop, brk := e.btStop, e.btBreak
	e.btStop, e.btBreak = nil, false
	f()
	e.btStop, e.btBreak = stop, brk
	e.pos, e.posOK, e.curFile = pos, posOK, file
}

// startPackage runs the statements of an imported package that are not
// lazy assignments (assert, if and expression statements), in order,
// when the package is first used.
func (e *Evaluator) startPackage(ps *pkgState) {
	if ps.started {
		return
	}
	ps.started = true
	e.isolated(func() {
		for _, r := range ps.eager {
			e.execStmt(r.file.env, r.stmt)
		}
	})
}

// forcePackage runs the deferred statements of ps that have not run yet,
// in order (after starting the package), as an eager evaluation would
// have: S.instances() must see the instances they create. While the
// package is still running (the main package) only the statements before
// the current one count. Statements whose names are final are skipped.
func (e *Evaluator) forcePackage(ps *pkgState) {
	e.startPackage(ps)
	for _, r := range ps.deferred {
		if r.seq >= ps.cursor {
			break
		}
		if ps.stmtState[r.stmt].state != stmtPending {
			continue
		}
		skip := true
		collectSetNames(r.stmt, func(name string, _ ast.Stmt) {
			if _, final := ps.lazy.cached(name); !final {
				skip = false
			}
		})
		if skip {
			continue
		}
		ps.runDeferred(r.stmt, func() {
			e.isolated(func() { e.execStmt(r.file.env, r.stmt) })
		})
	}
}

// forceInstances prepares S.instances(): the main package's deferred
// statements, with full every package's.
func (e *Evaluator) forceInstances(full bool) {
	if !full {
		if ps := e.pkgs[loader.MainPkg]; ps != nil {
			e.forcePackage(ps)
		}
		return
	}
	for i := 0; i < len(e.pkgOrder); i++ {
		e.forcePackage(e.pkgOrder[i])
	}
	if ps := e.pkgs[loader.MainPkg]; ps != nil {
		e.forcePackage(ps) // still running: not ranked yet
	}
}

// pkgRank returns the position of package path in evaluation order; the
// main package, still running, comes last.
func (e *Evaluator) pkgRank(path string) int {
	if ps := e.pkgs[path]; ps != nil && ps.rank >= 0 {
		return ps.rank
	}
	return len(e.pkgOrder)
}

// stmtState tracks a deferred top-level statement.
type stmtState uint8

const (
	stmtPending stmtState = iota
	stmtRunning
	stmtDone
)

// deferredInfo is the state and position (stmtRef.seq) of a deferred
// statement.
type deferredInfo struct {
	state stmtState
	seq   int
}

// setStmtState records the state of deferred statement st; seq is its
// position (0 keeps the recorded one).
func (ps *pkgState) setStmtState(st ast.Stmt, s stmtState, seq int) {
	if ps.stmtState == nil {
		ps.stmtState = map[ast.Stmt]deferredInfo{}
	}
	d := ps.stmtState[st]
	d.state = s
	if seq != 0 {
		d.seq = seq
	}
	ps.stmtState[st] = d
}

// runDeferred runs deferred statement st (run executes it). While it
// runs, the package's cursor is at most its position: an eager
// evaluation would have run it there, so S.instances() inside it sees
// only the instances created before it.
func (ps *pkgState) runDeferred(st ast.Stmt, run func()) {
	d := ps.stmtState[st]
	ps.setStmtState(st, stmtRunning, 0)
	cursor := ps.cursor
	if d.seq < cursor {
		ps.cursor = d.seq
	}
	defer func() {
		ps.cursor = cursor
		ps.setStmtState(st, stmtDone, 0)
	}()
	run()
}

// predefine records the global names a top-level statement sets, one
// setter per assignment (as upstream's emit_setters).
func (e *Evaluator) predefine(ps *pkgState, fs *fileState, body []ast.Stmt, i int, st ast.Stmt) {
	_, isIf := st.(*ast.IfStmt)
	collectSetNames(st, func(name string, inner ast.Stmt) {
		if !ps.global.Has(name) {
			ps.global.Set(name, value.Undefined)
		}
		s := setter{body: body, idx: i, file: fs}
		if isIf {
			s.stopped = inner
		}
		ps.lazy.setters[name] = append(ps.lazy.setters[name], s)
	})
}

// collectSetNames calls f for each variable name st assigns at its own
// level (assignments, aug-assignments, unifications, attributes and those
// nested in if statements; inner is the innermost statement).
func collectSetNames(st ast.Stmt, f func(name string, inner ast.Stmt)) {
	switch st := st.(type) {
	case *ast.AssignStmt:
		for _, t := range st.Targets {
			if n := targetName(t); n != "" {
				f(n, st)
			}
		}
	case *ast.AugAssignStmt:
		if n := targetName(st.Target); n != "" {
			f(n, st)
		}
	case *ast.UnificationStmt:
		if n := targetName(st.Target); n != "" {
			f(n, st)
		}
	case *ast.SchemaAttr:
		if n := attrName(st); n != "" {
			f(n, st)
		}
	case *ast.IfStmt:
		for _, s := range st.Body {
			collectSetNames(s, func(n string, inner ast.Stmt) { f(n, inner) })
		}
		if st.Else != nil {
			collectSetNames(st.Else, func(n string, inner ast.Stmt) { f(n, inner) })
		}
	case *ast.ElseStmt:
		for _, s := range st.Body {
			collectSetNames(s, func(n string, inner ast.Stmt) { f(n, inner) })
		}
	}
}

// targetName returns the variable name at the root of an assignment
// target.
func targetName(t ast.Expr) string {
	for {
		switch x := t.(type) {
		case *ast.Ident:
			return x.Name
		case *ast.SelectorExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		default:
			return ""
		}
	}
}

func attrName(a *ast.SchemaAttr) string {
	switch n := a.Name.(type) {
	case *ast.Ident:
		return n.Name
	case *ast.StringLit:
		return n.Value()
	}
	return ""
}

func (e *Evaluator) doImport(fs *fileState, st *ast.ImportStmt) {
	name := st.Name()
	imp := e.prog.Imports[st]
	ref := &importRef{stmt: st, path: st.Path}
	switch {
	case imp == nil:
		ref.kind = impMissing
	case imp.Kind == loader.ImportSystem:
		ref.kind = impSystem
		ref.path = imp.PkgPath
	case imp.Kind == loader.ImportPlugin:
		ref.kind = impPlugin
	case imp.Kind == loader.ImportPackage:
		p := e.prog.Packages[imp.PkgPath]
		if p == nil {
			ref.kind = impMissing
			break
		}
		ref.kind = impPackage
		ref.path = imp.PkgPath
		ps := e.pkgs[imp.PkgPath]
		if ps == nil {
			e.withPos(st.Pos(), func() { ps = e.initPackage(p) })
		}
		ref.pkg = ps
	case imp.Kind == loader.ImportEmpty:
		ref.kind = impPackage
		ref.path = imp.PkgPath
		ref.pkg = &pkgState{path: imp.PkgPath, global: value.NewDict(), lazy: newLazyScope(), types: map[string]*schemaType{}, started: true}
	default:
		ref.kind = impMissing
	}
	fs.imports[name] = ref
}

func (e *Evaluator) withPos(p syntax.Pos, f func()) {
	old, oldOK := e.pos, e.posOK
	f()
	e.pos, e.posOK = old, oldOK
}

// outputValue builds the program output of the main package.
func (e *Evaluator) outputValue(ps *pkgState) value.Value {
	out := value.NewDictCap(ps.global.Len())
	for _, ent := range ps.global.Entries() {
		v := ent.Value
		if value.IsUndefined(v) && value.IsHidden(ent.Key) {
			continue // never evaluated (lazy) or undefined: not output
		}
		if f, ok := v.(*value.Func); ok {
			if _, isType := f.Impl.(*schemaType); isType {
				continue
			}
		}
		out.Set(ent.Key, v)
	}
	if len(ps.scalars) == 0 {
		return out
	}
	// upstream: the scalars are merged first, then every visible global
	var result value.Value
	for _, s := range ps.scalars {
		e.pos, e.posOK = s.pos, true
		if result == nil {
			result = s.v
			continue
		}
		result = e.mergeScalar(result, s.v)
	}
	for _, ent := range out.Entries() {
		if value.IsHidden(ent.Key) || value.IsUndefined(ent.Value) {
			continue
		}
		if _, ok := ent.Value.(*value.Func); ok {
			continue
		}
		d := value.NewDict()
		d.SetEntry(ent.Key, ent.Value, value.OpOverride, -1)
		result = e.mergeScalar(result, d)
	}
	return result
}

// lastStmtPos returns the position of the last top-level statement of ps.
func (e *Evaluator) lastStmtPos(ps *pkgState) (syntax.Pos, bool) {
	for i := len(ps.files) - 1; i >= 0; i-- {
		if b := ps.files[i].ast.Body; len(b) > 0 {
			return b[len(b)-1].Pos(), true
		}
	}
	return e.pos, e.posOK
}

func hasVisible(d *value.Dict) bool {
	for _, ent := range d.Entries() {
		if value.IsHidden(ent.Key) || value.IsUndefined(ent.Value) {
			continue
		}
		if _, ok := ent.Value.(*value.Func); ok {
			continue
		}
		return true
	}
	return false
}

func (e *Evaluator) mergeScalar(old, nv value.Value) value.Value {
	oc, nc := isConfigValue(old), isConfigValue(nv)
	_, ol := old.(*value.List)
	_, nl := nv.(*value.List)
	if (oc && nc) || (ol && nl) {
		return e.union(value.DeepCopy(old), nv, unionOpts{noResolve: true})
	}
	if !oc && !nc && !ol && !nl && value.Equal(old, nv) {
		return nv
	}
	fail(e.errAt(value.EvaluationError, "conflicting values between "+scalarRepr(nv)+" and "+scalarRepr(old)))
	return nil
}

func scalarRepr(v value.Value) string {
	switch v.(type) {
	case *value.Dict, *value.Schema:
		return "{...}"
	case *value.List:
		return "[...]"
	}
	return value.ToString(v)
}

func isConfigValue(v value.Value) bool {
	switch v.(type) {
	case *value.Dict, *value.Schema:
		return true
	}
	return false
}

// ---------------------------------------------------------------------------
// Errors with positions

// errAt returns an error of kind at the current statement (line only).
func (e *Evaluator) errAt(kind value.ErrorKind, msg string) *Error {
	l := Label{Msg: msg, NoCaret: true}
	if e.posOK {
		l.Pos = e.pos
	}
	return e.withBacktrace(&Error{Kind: kind, Labels: []Label{l}})
}

// frame is one entry of the debug backtrace: a lambda call or schema
// instantiation and where it was called from.
type frame struct {
	name string
	call syntax.Pos
}

// withBacktrace adds upstream's debug-mode backtrace note (-d).
func (e *Evaluator) withBacktrace(err *Error) *Error {
	if !e.opts.Debug || !e.posOK || e.fset == nil {
		return err
	}
	var b strings.Builder
	b.WriteString("backtrace:")
	at := e.pos
	for i := len(e.frames); i >= 0; i-- {
		name := "kcl_main"
		if i > 0 {
			name = e.frames[i-1].name
		}
		p := e.fset.Position(at)
		fmt.Fprintf(&b, "\n\t%d: %s\n\t\tat %s:%d", len(e.frames)-i, name, p.Filename, p.Line)
		if i > 0 {
			at = e.frames[i-1].call
		}
	}
	err.Notes = append(err.Notes, b.String())
	return err
}

// errAtNode returns an error at the start of node n with a caret.
func (e *Evaluator) errAtNode(kind value.ErrorKind, n ast.Node, msg string) *Error {
	if n == nil || !n.Pos().IsValid() {
		return e.errAt(kind, msg)
	}
	return &Error{Kind: kind, Labels: []Label{{Pos: n.Pos(), Msg: msg}}}
}

// failf aborts with an EvaluationError at the current statement.
func (e *Evaluator) failf(format string, args ...any) {
	fail(e.errAt(value.EvaluationError, sprintf(format, args...)))
}

// check converts a value-level error into an evaluation failure.
func (e *Evaluator) check(err error) {
	if err == nil {
		return
	}
	switch x := err.(type) {
	case *Error:
		fail(x)
	case *value.Error:
		fail(e.errAt(x.Kind, x.Msg))
	}
	fail(e.errAt(value.EvaluationError, err.Error()))
}

func (e *Evaluator) warn(err *Error) {
	err.Warning = true
	e.warnings = append(e.warnings, err)
}

// relFile returns p relative to the work directory when possible.
func relFile(wd, p string) string {
	if wd == "" {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}

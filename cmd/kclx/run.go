package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/eval"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/parser"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/syntax"
	"github.com/kclx-dev/kclx/kcl/value"
)

type runFlags struct {
	args             []string
	settings         []string
	selectors        []string
	overrides        []string
	debug            bool
	disableNone      bool
	sortKeys         bool
	showHidden       bool
	strictRangeCheck bool
	includeTypePath  bool
	output           string
	format           string
	externals        []string
	vendor           bool
	quiet            bool

	// resource limits (see eval.Options)
	maxDepth  int
	maxItems  int
	maxSteps  int64
	maxMemory int64 // MiB
	timeout   time.Duration
}

func newRunCmd() *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run [files...]",
		Short: "Evaluate KCL files and print the result as YAML or JSON",
		Long: "Evaluate a KCL program and print its output.\n\n" +
			"With no files, the current package is run: the kcl.mod [profile] entries,\n" +
			"else every .k file of the current directory.",
		RunE: func(cmd *cobra.Command, files []string) error {
			return runRun(cmd, files, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVarP(&f.args, "argument", "D", nil, "top-level argument for option(): key=value (repeatable)")
	fl.StringArrayVarP(&f.settings, "setting", "Y", nil, "settings file (kcl_cli_configs, kcl_options) (repeatable)")
	fl.StringArrayVarP(&f.selectors, "path-selector", "S", nil, "select an output value by path, e.g. :a.b (repeatable)")
	fl.StringArrayVarP(&f.overrides, "overrides", "O", nil, "override spec such as :a.b=1 or :a.b- (repeatable)")
	fl.BoolVarP(&f.debug, "debug", "d", false, "debug mode")
	fl.BoolVarP(&f.disableNone, "disable-none", "n", false, "leave out None values")
	fl.BoolVarP(&f.sortKeys, "sort-keys", "k", false, "sort output mapping keys")
	fl.BoolVarP(&f.showHidden, "show-hidden", "H", false, "print hidden (_x) attributes")
	fl.BoolVarP(&f.strictRangeCheck, "strict-range-check", "r", false, "32-bit integer and float range checks")
	fl.BoolVar(&f.includeTypePath, "include-schema-type-path", false, "add _type to schema instances")
	fl.StringVarP(&f.output, "output", "o", "", "write the output to a file")
	fl.StringVar(&f.format, "format", "yaml", "output format: yaml or json")
	fl.StringArrayVarP(&f.externals, "external", "E", nil, "external package: name=path (repeatable)")
	fl.BoolVarP(&f.vendor, "vendor", "V", false, "use the vendor folder of the module")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "do not print the output")
	fl.IntVar(&f.maxDepth, "max-depth", eval.DefaultMaxDepth, "limit: nesting of calls and schema instantiations")
	fl.IntVar(&f.maxItems, "max-items", eval.DefaultMaxItems, "limit: items of a built list, bytes of a built string")
	fl.Int64Var(&f.maxSteps, "max-steps", eval.DefaultMaxSteps, "limit: expressions evaluated (negative: none)")
	fl.Int64Var(&f.maxMemory, "max-memory", 0, "limit: heap in MiB (0: half the memory of the machine, at most 4096; negative: none)")
	fl.DurationVar(&f.timeout, "timeout", 0, "limit: wall time of the run, e.g. 30s (0: none)")
	return cmd
}

// runGCPercent is the garbage collector target of `kclx run` (unless GOGC
// is set): a run is short and allocates mostly data it keeps until the
// output is printed, so collecting at 4x the live heap instead of 1x
// saves a third of the CPU time of a typical run for a bounded amount of
// memory.
const runGCPercent = 400

func runRun(cmd *cobra.Command, files []string, f *runFlags) error {
	if _, set := os.LookupEnv("GOGC"); !set {
		defer debug.SetGCPercent(debug.SetGCPercent(runGCPercent))
	}
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	maxMemory := f.maxMemory << 20
	if f.maxMemory == 0 {
		maxMemory = defaultMaxMemory()
	}
	defer startWatchdog(stderr, maxMemory, f.timeout)()
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	var opts eval.Options
	// settings files first; command-line flags add to them
	var optArgs []eval.Arg
	for _, s := range f.settings {
		sf, err := readSettings(s, wd)
		if err != nil {
			var ee *eval.Error
			if errors.As(err, &ee) {
				fmt.Fprint(stderr, ee.Format(nil))
				return &ExitError{Code: 1}
			}
			return err
		}
		files = append(files, sf.files...)
		optArgs = append(optArgs, sf.options...)
		f.selectors = append(f.selectors, sf.selectors...)
		f.overrides = append(f.overrides, sf.overrides...)
		f.debug = f.debug || sf.debug
		f.disableNone = f.disableNone || sf.disableNone
		f.sortKeys = f.sortKeys || sf.sortKeys
		f.showHidden = f.showHidden || sf.showHidden
		f.strictRangeCheck = f.strictRangeCheck || sf.strictRangeCheck
		f.includeTypePath = f.includeTypePath || sf.includeTypePath
		if f.output == "" {
			f.output = sf.output
		}
	}
	for _, a := range f.args {
		k, v, ok := strings.Cut(a, "=")
		if !ok || k == "" || v == "" || strings.Contains(v, "=") && strings.HasSuffix(v, "=") {
			fmt.Fprintf(stderr, "error[E3M38]: EvaluationError\nInvalid value for top level arguments\n")
			return &ExitError{Code: 1}
		}
		optArgs = append(optArgs, eval.Arg{Key: k, Value: parseArgValue(v)})
	}
	lopts := loader.OSOptions()
	lopts.WorkDir = wd
	lopts.Vendor = f.vendor
	if len(f.externals) > 0 {
		lopts.PackageMaps = map[string]string{}
		for _, e := range f.externals {
			k, v, ok := strings.Cut(e, "=")
			if !ok {
				return fmt.Errorf("invalid external package %q, want name=path", e)
			}
			lopts.PackageMaps[k] = v
		}
	}
	prog, lerr := loader.Load(files, lopts)
	if prog != nil && prog.HasErrors() && !onlyImportCycles(prog.Diagnostics) {
		printDiags(stderr, prog, prog.Diagnostics)
		return &ExitError{Code: 1}
	}
	if lerr != nil {
		return lerr
	}
	// Upstream resolves and type-checks the whole program before running
	// it; its compile errors stop the run. An import cycle is reported by
	// the checker ("There is a circular reference between modules ..."),
	// as upstream's CLI does, instead of the loader's RecursiveLoad.
	if chk := sema.Check(prog, nil); loader.HasErrors(chk.Diagnostics) {
		printDiags(stderr, prog, withoutImportCycles(chk.Diagnostics))
		return &ExitError{Code: 1}
	}
	if len(f.overrides) > 0 {
		if err := applyOverrides(prog, f.overrides); err != nil {
			e := &eval.Error{Kind: value.EvaluationError, Labels: []eval.Label{{Msg: err.Error()}}}
			fmt.Fprint(stderr, e.Format(prog.FileSet))
			return &ExitError{Code: 1}
		}
	}
	opts = eval.Options{
		FS:                    osFS{dir: wd},
		WorkDir:               "", // upstream: file.workdir() is empty unless --work-dir is given
		Stdout:                stdout,
		Stderr:                stderr,
		Getenv:                os.LookupEnv,
		Args:                  optArgs,
		StrictRangeCheck:      f.strictRangeCheck,
		Debug:                 f.debug,
		DisableNone:           f.disableNone,
		SortKeys:              f.sortKeys,
		ShowHidden:            f.showHidden,
		IncludeSchemaTypePath: f.includeTypePath,
		PathSelectors:         f.selectors,
		DebugPanics:           os.Getenv("KCLX_DEBUG_PANICS") != "",
		MaxDepth:              f.maxDepth,
		MaxItems:              f.maxItems,
		MaxSteps:              f.maxSteps,
		MaxMemory:             maxMemory,
	}
	res, err := eval.Run(prog, opts)
	if err != nil {
		var ee *eval.Error
		if errors.As(err, &ee) {
			fmt.Fprint(stderr, ee.Format(prog.FileSet))
			return &ExitError{Code: 1}
		}
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprint(stderr, w.Format(prog.FileSet))
	}
	out, err := renderOutput(res, f, int(maxMemory/4))
	if err != nil {
		var ee *value.Error
		if errors.As(err, &ee) {
			e := &eval.Error{Kind: ee.Kind, Labels: []eval.Label{{Msg: ee.Msg}}}
			fmt.Fprint(stderr, e.Format(prog.FileSet))
			return &ExitError{Code: 1}
		}
		return err
	}
	if f.quiet {
		return nil
	}
	if f.output != "" {
		return os.WriteFile(f.output, []byte(out), 0o644)
	}
	_, err = io.WriteString(stdout, out)
	return err
}

// renderOutput turns the evaluation result into the printed text; YAML
// text longer than maxBytes (> 0) is an error.
func renderOutput(res *eval.Result, f *runFlags, maxBytes int) (string, error) {
	popts := value.PlanOptions{
		SortKeys:              f.sortKeys,
		ShowHidden:            f.showHidden,
		DisableNone:           f.disableNone,
		IncludeSchemaTypePath: f.includeTypePath,
		MaxBytes:              max(maxBytes, 0),
	}
	if res.Stream != nil {
		return res.Stream.Text(f.format == "json", f.sortKeys), nil
	}
	v := res.Value
	switch f.format {
	case "json":
		return value.PlanJSON(v, popts), nil
	case "yaml", "":
		return value.PlanYAMLLimit(v, popts)
	}
	return "", fmt.Errorf("unsupported output format %q (want yaml or json)", f.format)
}

// parseArgValue parses the value of -D key=value: JSON when it parses
// (scientific-notation numbers excepted), else a KCL literal, else the
// text as a string.
func parseArgValue(s string) value.Value {
	if !isSciNumber(s) {
		if v, err := value.DecodeJSON(s); err == nil {
			return v
		}
	}
	switch s {
	case "True":
		return value.True
	case "False":
		return value.False
	case "None":
		return value.None
	case "Undefined":
		return value.Undefined
	}
	if !isSciNumber(s) {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return value.Int(n)
		}
		if fv, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "eEnN") {
			return value.Float(fv)
		}
	}
	return value.Str(s)
}

func isSciNumber(s string) bool {
	t := strings.TrimLeft(s, "+-")
	if !strings.ContainsAny(t, "eE") {
		return false
	}
	_, err := strconv.ParseFloat(t, 64)
	return err == nil
}

// settingsFile is the content of a -Y settings file.
type settingsFile struct {
	files            []string
	options          []eval.Arg
	selectors        []string
	overrides        []string
	output           string
	debug            bool
	disableNone      bool
	sortKeys         bool
	showHidden       bool
	strictRangeCheck bool
	includeTypePath  bool
}

func readSettings(path, wd string) (*settingsFile, error) {
	p := path
	if !filepath.IsAbs(p) {
		p = filepath.Join(wd, p)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read settings file %s: %v", path, err)
	}
	invalid := &eval.Error{Kind: value.EvaluationError, Labels: []eval.Label{{Msg: fmt.Sprintf("Failed to load '%s', invalid setting file format", path)}}}
	v, err := value.DecodeYAML(string(data))
	if err != nil {
		return nil, invalid
	}
	sf := &settingsFile{}
	d, ok := v.(*value.Dict)
	if !ok {
		if value.IsNullish(v) {
			return sf, nil
		}
		return nil, invalid
	}
	dir := filepath.Dir(p)
	if cfg, ok := d.Get("kcl_cli_configs"); ok {
		if c, ok := cfg.(*value.Dict); ok {
			for _, key := range []string{"files", "file"} {
				if fv, ok := c.Get(key); ok {
					for _, x := range strList(fv) {
						if !filepath.IsAbs(x) && !strings.HasPrefix(x, "${") {
							x = filepath.Join(dir, x)
						}
						sf.files = append(sf.files, x)
					}
				}
			}
			sf.selectors = strList(c.GetOr("path_selector", value.None))
			sf.overrides = strList(c.GetOr("overrides", value.None))
			if o, ok := c.Get("output"); ok {
				if s, ok := o.(value.Str); ok {
					sf.output = string(s)
				}
			}
			sf.debug = value.Truthy(c.GetOr("debug", value.False))
			sf.disableNone = value.Truthy(c.GetOr("disable_none", value.False))
			sf.sortKeys = value.Truthy(c.GetOr("sort_keys", value.False))
			sf.showHidden = value.Truthy(c.GetOr("show_hidden", value.False))
			sf.strictRangeCheck = value.Truthy(c.GetOr("strict_range_check", value.False))
			sf.includeTypePath = value.Truthy(c.GetOr("include_schema_type_path", value.False))
		}
	}
	if o, ok := d.Get("kcl_options"); ok && !value.IsNullish(o) {
		l, ok := o.(*value.List)
		if !ok {
			return nil, invalid
		}
		{
			for _, it := range l.Items {
				kv, ok := it.(*value.Dict)
				if !ok || !kv.Has("key") {
					return nil, invalid
				}
				k, _ := kv.GetOr("key", value.Str("")).(value.Str)
				sf.options = append(sf.options, eval.Arg{Key: string(k), Value: kv.GetOr("value", value.None)})
			}
		}
	}
	return sf, nil
}

func strList(v value.Value) []string {
	switch x := v.(type) {
	case value.Str:
		return []string{string(x)}
	case *value.List:
		var out []string
		for _, it := range x.Items {
			if s, ok := it.(value.Str); ok {
				out = append(out, string(s))
			}
		}
		return out
	}
	return nil
}

// onlyImportCycles reports whether every error among diags is the
// loader's RecursiveLoad for an import cycle.
func onlyImportCycles(diags []loader.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == loader.Error && d.Kind != loader.RecursiveLoad {
			return false
		}
	}
	return true
}

// withoutImportCycles drops the loader's RecursiveLoad diagnostics when the
// checker reported the cycle itself (a CompileError at each import of it).
func withoutImportCycles(diags []loader.Diagnostic) []loader.Diagnostic {
	checked := false
	for _, d := range diags {
		if d.Severity == loader.Error && d.Kind == loader.CompileError && d.Code == "import-cycle" {
			checked = true
		}
	}
	if !checked {
		return diags
	}
	var out []loader.Diagnostic
	for _, d := range diags {
		if d.Kind != loader.RecursiveLoad {
			out = append(out, d)
		}
	}
	return out
}

// printDiags prints error diagnostics (loader, type checker) in
// upstream's format.
func printDiags(w io.Writer, prog *loader.Program, diags []loader.Diagnostic) {
	var buf bytes.Buffer
	for i := range diags {
		d := &diags[i]
		if d.Severity != loader.Error {
			continue
		}
		e := &eval.Error{Kind: value.ErrorKind(d.Kind.String()), Code: d.Kind.Code()}
		l := eval.Label{Pos: d.Pos, Msg: d.Msg, File: d.File}
		e.Labels = append(e.Labels, l)
		for _, n := range d.Notes {
			e.Notes = append(e.Notes, n)
		}
		buf.WriteString(e.Format(prog.FileSet))
	}
	w.Write(buf.Bytes())
}

// applyOverrides applies -O specs ([pkg:]path=value, path:value,
// path+=value, path-) to the main package's AST.
func applyOverrides(prog *loader.Program, specs []string) error {
	for _, spec := range specs {
		if i := strings.IndexByte(spec, ':'); i >= 0 && !strings.ContainsAny(spec[:i], "=+-") {
			spec = spec[i+1:]
		}
		if strings.HasSuffix(spec, "-") && !strings.ContainsAny(spec, "=") {
			path := strings.TrimSuffix(spec, "-")
			deleteOverride(prog, path)
			continue
		}
		var path, val string
		op := syntax.ASSIGN
		switch {
		case strings.Contains(spec, "+="):
			path, val, _ = strings.Cut(spec, "+=")
			op = syntax.ADD_ASSIGN
		case strings.Contains(spec, "="):
			path, val, _ = strings.Cut(spec, "=")
		case strings.Contains(spec, ":"):
			path, val, _ = strings.Cut(spec, ":")
			op = syntax.COLON
		default:
			return fmt.Errorf("invalid override spec %q", spec)
		}
		x, errs := parser.ParseExpr(prog.FileSet, "<override>", []byte(val))
		if len(errs) > 0 {
			return fmt.Errorf("invalid override value %q: %v", val, errs)
		}
		setOverride(prog, strings.Split(path, "."), x, op)
	}
	return nil
}

// The loader's ASTs are shared and must not be modified: overrides copy
// every node they change (file, statement, config literals on the path).

func deleteOverride(prog *loader.Program, path string) {
	parts := strings.Split(path, ".")
	for _, f := range prog.Main.Files {
		var body []ast.Stmt
		changed := false
		for _, st := range f.AST.Body {
			if as, ok := st.(*ast.AssignStmt); ok && len(parts) == 1 && len(as.Targets) == 1 {
				if id, ok := as.Targets[0].(*ast.Ident); ok && id.Name == parts[0] {
					changed = true
					continue
				}
			}
			body = append(body, st)
		}
		if changed {
			nf := *f.AST
			nf.Body = body
			f.AST = &nf
		}
	}
}

func setOverride(prog *loader.Program, parts []string, x ast.Expr, op syntax.Token) {
	for _, f := range prog.Main.Files {
		var body []ast.Stmt
		changed := false
		for _, st := range f.AST.Body {
			body = append(body, st)
			switch s := st.(type) {
			case *ast.AssignStmt:
				id, ok := s.Targets[0].(*ast.Ident)
				if !ok || id.Name != parts[0] {
					continue
				}
				ns := *s
				switch {
				case len(parts) == 1:
					ns.Value = x
				default:
					switch v := s.Value.(type) {
					case *ast.SchemaExpr:
						nv := *v
						nv.Config = overrideConfig(v.Config, parts[1:], x, op)
						ns.Value = &nv
					case *ast.ConfigExpr:
						ns.Value = overrideConfig(v, parts[1:], x, op)
					default:
						continue
					}
				}
				body[len(body)-1] = &ns
				changed = true
			case *ast.UnificationStmt:
				id, ok := s.Target.(*ast.Ident)
				if !ok || id.Name != parts[0] || len(parts) < 2 {
					continue
				}
				ns := *s
				nv := *s.Value
				nv.Config = overrideConfig(s.Value.Config, parts[1:], x, op)
				ns.Value = &nv
				body[len(body)-1] = &ns
				changed = true
			}
		}
		if changed {
			nf := *f.AST
			nf.Body = body
			f.AST = &nf
		}
	}
}

// overrideConfig returns a copy of c with path set to x (entries are
// added when missing).
func overrideConfig(c *ast.ConfigExpr, parts []string, x ast.Expr, op syntax.Token) *ast.ConfigExpr {
	nc := &ast.ConfigExpr{}
	if c != nil {
		*nc = *c
		nc.Entries = append([]*ast.ConfigEntry(nil), c.Entries...)
	}
	for i, ent := range nc.Entries {
		id, ok := ent.Key.(*ast.Ident)
		if !ok || id.Name != parts[0] {
			continue
		}
		ne := *ent
		if len(parts) == 1 {
			ne.Value, ne.Op = x, op
			nc.Entries[i] = &ne
			return nc
		}
		switch v := ent.Value.(type) {
		case *ast.ConfigExpr:
			ne.Value = overrideConfig(v, parts[1:], x, op)
			nc.Entries[i] = &ne
			return nc
		case *ast.SchemaExpr:
			nv := *v
			nv.Config = overrideConfig(v.Config, parts[1:], x, op)
			ne.Value = &nv
			nc.Entries[i] = &ne
			return nc
		}
	}
	var key ast.Expr = &ast.Ident{Name: parts[0]}
	for _, p := range parts[1:] {
		key = &ast.SelectorExpr{X: key, Sel: &ast.Ident{Name: p}}
	}
	nc.Entries = append(nc.Entries, &ast.ConfigEntry{Key: key, Op: op, Value: x})
	return nc
}

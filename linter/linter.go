package linter

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// Severity of a lint finding.
type Severity uint8

const (
	Off Severity = iota
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity parses "off", "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "off", "none", "ignore":
		return Off, nil
	case "info", "note", "hint":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want off, info, warning or error)", s)
}

// Edit replaces the bytes [Start, End) of File with New.
type Edit struct {
	File       string
	Start, End int
	New        string
}

// Fix is a safe automatic correction of a finding.
type Fix struct {
	Description string
	Edits       []Edit
}

// Diagnostic is one finding: a parse or type error, a load problem or
// a lint warning.
type Diagnostic struct {
	File               string
	Line, Column       int // 1-based; 0 when unknown
	EndLine, EndColumn int
	Severity           Severity
	Rule               string // rule id, or the diagnostic code/kind of errors
	Kind               loader.Kind
	Message            string
	Notes              []string
	Fix                *Fix
	pos                syntax.Pos
}

// Result is the outcome of linting one program.
type Result struct {
	Diagnostics []Diagnostic
	FileSet     *syntax.FileSet
}

// Counts returns the number of errors and warnings.
func (r *Result) Counts() (errors, warnings int) {
	for _, d := range r.Diagnostics {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return
}

// pass is the context of one rule run over one file.
type pass struct {
	res    *sema.Result
	info   *sema.Info
	file   *loader.SourceFile
	fset   *syntax.FileSet
	rule   *Rule
	sev    Severity
	out    *[]Diagnostic
	config *Config
	pkg    *pkgFacts // computed once per package, shared by the passes
}

// pkgFacts are facts about the checked package that several rules need,
// computed once per Lint rather than once per file and rule (the rules
// would otherwise be quadratic in the number of files of a package).
type pkgFacts struct {
	info      *sema.Info
	readsOnce sync.Once
	reads     map[*sema.Object]int
	defsOnce  sync.Once
	defs      map[*loader.SourceFile][]def
}

// def is a declaring identifier and its object.
type def struct {
	id  *ast.Ident
	obj *sema.Object
}

// readCounts counts, per object, the identifiers that read it in the
// package.
func (f *pkgFacts) readCounts() map[*sema.Object]int {
	f.readsOnce.Do(func() { f.reads = reads(f.info) })
	return f.reads
}

// fileDefs returns the declaring identifiers (with a non-nil object)
// that lie in file.
func (f *pkgFacts) fileDefs(file *loader.SourceFile) []def {
	f.defsOnce.Do(func() {
		f.defs = map[*loader.SourceFile][]def{}
		var files []*loader.SourceFile
		for _, sf := range f.info.Package.Files {
			if sf.AST != nil && sf.AST.Pos().IsValid() {
				files = append(files, sf)
			}
		}
		sort.Slice(files, func(i, j int) bool { return files[i].AST.Pos() < files[j].AST.Pos() })
		for id, o := range f.info.Defs {
			if o == nil {
				continue
			}
			i := sort.Search(len(files), func(i int) bool { return files[i].AST.End() >= id.Pos() })
			if i < len(files) && files[i].AST.Pos() <= id.Pos() {
				f.defs[files[i]] = append(f.defs[files[i]], def{id, o})
			}
		}
	})
	return f.defs[file]
}

func (p *pass) report(n ast.Node, fix *Fix, format string, args ...any) {
	p.reportRange(n.Pos(), n.End(), fix, format, args...)
}

func (p *pass) reportRange(pos, end syntax.Pos, fix *Fix, format string, args ...any) {
	d := Diagnostic{Severity: p.sev, Rule: p.rule.ID, Kind: p.rule.Kind, Message: fmt.Sprintf(format, args...), Fix: fix, pos: pos}
	fillPosition(&d, p.fset, pos, end, p.file.Path)
	*p.out = append(*p.out, d)
}

func fillPosition(d *Diagnostic, fset *syntax.FileSet, pos, end syntax.Pos, file string) {
	d.File = file
	if !pos.IsValid() || fset == nil {
		return
	}
	f := fset.File(pos)
	if f == nil {
		return
	}
	d.File = f.Name()
	off := f.Offset(pos)
	d.Line, _ = f.LineCol(off)
	d.Column = f.RuneColumn(off)
	if end.IsValid() && f.Contains(end) && end >= pos {
		eo := f.Offset(end)
		d.EndLine, _ = f.LineCol(eo)
		d.EndColumn = f.RuneColumn(eo)
	} else {
		d.EndLine, d.EndColumn = d.Line, d.Column
	}
}

// Lint runs the enabled rules over the main package of a checked
// program and returns them with the program's errors (syntax, load and
// type errors of every package) and the checker's diagnostics.
func Lint(res *sema.Result, cfg *Config) *Result {
	if cfg == nil {
		cfg = &Config{}
	}
	prog := res.Program
	out := &Result{FileSet: prog.FileSet}
	for _, d := range res.Diagnostics {
		ld := Diagnostic{Kind: d.Kind, Message: d.Msg, Notes: d.Notes, pos: d.Pos}
		switch d.Severity {
		case loader.Error:
			ld.Severity = Error
		case loader.Warning:
			ld.Severity = Warning
		default:
			ld.Severity = Info
		}
		ld.Rule = d.Code
		if ld.Rule == "" {
			ld.Rule = d.Kind.String()
		}
		fillPosition(&ld, prog.FileSet, d.Pos, d.End, d.File)
		out.Diagnostics = append(out.Diagnostics, ld)
	}
	info := res.Main
	if info != nil {
		facts := &pkgFacts{info: info}
		for _, f := range info.Package.Files {
			for _, r := range Rules() {
				sev := cfg.severity(r)
				if sev == Off {
					continue
				}
				p := &pass{res: res, info: info, file: f, fset: prog.FileSet, rule: r, sev: sev, out: &out.Diagnostics, config: cfg, pkg: facts}
				func() {
					defer func() { recover() }() // a rule bug must not abort linting
					r.run(p)
				}()
			}
		}
	}
	out.Diagnostics = applyIgnores(out.Diagnostics, prog)
	sort.SliceStable(out.Diagnostics, func(i, j int) bool {
		a, b := out.Diagnostics[i], out.Diagnostics[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return out
}

// applyIgnores drops findings suppressed by `# kclx:ignore [rule,...]`
// comments on their line (or on the line above, alone) and by
// `# kclx:ignore-file [rule,...]` comments anywhere in their file.
// Errors of the language (syntax, type) cannot be suppressed.
func applyIgnores(ds []Diagnostic, prog *loader.Program) []Diagnostic {
	type key struct {
		file string
		line int
	}
	lineIgnores := map[key][]string{}
	fileIgnores := map[string][]string{}
	for _, pkg := range prog.Packages {
		for _, f := range pkg.Files {
			for _, cm := range f.AST.Comments {
				text := strings.TrimSpace(strings.TrimPrefix(cm.Text, "#"))
				var rest string
				var fileWide bool
				switch {
				case strings.HasPrefix(text, "kclx:ignore-file"):
					rest, fileWide = strings.TrimPrefix(text, "kclx:ignore-file"), true
				case strings.HasPrefix(text, "kclx:ignore"):
					rest = strings.TrimPrefix(text, "kclx:ignore")
				default:
					continue
				}
				rules := parseRuleList(rest)
				if fileWide {
					fileIgnores[f.Path] = append(fileIgnores[f.Path], rules...)
					continue
				}
				pos := prog.FileSet.Position(cm.Hash)
				lineIgnores[key{f.Path, pos.Line}] = append(lineIgnores[key{f.Path, pos.Line}], rules...)
				// A comment alone on its line also covers the next line.
				if tf := prog.FileSet.File(cm.Hash); tf != nil && strings.TrimSpace(tf.LineText(pos.Line)[:pos.Column-1]) == "" {
					lineIgnores[key{f.Path, pos.Line + 1}] = append(lineIgnores[key{f.Path, pos.Line + 1}], rules...)
				}
			}
		}
	}
	matches := func(rules []string, rule string) bool {
		for _, r := range rules {
			if r == "*" || r == rule {
				return true
			}
		}
		return false
	}
	out := ds[:0]
	for _, d := range ds {
		if d.Kind.IsWarning() || lookupRule(d.Rule) != nil {
			if rs, ok := fileIgnores[d.File]; ok && matches(rs, d.Rule) {
				continue
			}
			if rs, ok := lineIgnores[key{d.File, d.Line}]; ok && matches(rs, d.Rule) {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

func parseRuleList(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return []string{"*"}
	}
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		out = append(out, f)
	}
	return out
}

// ApplyFixes applies the fixes of ds to src (the content of file) and
// returns the new content and the number of fixes applied. Overlapping
// fixes are skipped.
func ApplyFixes(file string, src []byte, ds []Diagnostic) ([]byte, int) {
	var edits []Edit
	var groups [][]Edit
	for _, d := range ds {
		if d.Fix == nil {
			continue
		}
		var g []Edit
		for _, e := range d.Fix.Edits {
			if e.File == file {
				g = append(g, e)
			}
		}
		if len(g) > 0 {
			groups = append(groups, g)
		}
	}
	// Accept whole fixes whose edits do not overlap already accepted ones.
	n := 0
	for _, g := range groups {
		ok := true
		for _, e := range g {
			if e.Start < 0 || e.End > len(src) || e.Start > e.End {
				ok = false
			}
			for _, a := range edits {
				if e.Start < a.End && a.Start < e.End || e.Start == a.Start && e.End == a.End {
					ok = false
				}
			}
		}
		if ok {
			edits = append(edits, g...)
			n++
		}
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Start > edits[j].Start })
	out := append([]byte(nil), src...)
	for _, e := range edits {
		out = append(out[:e.Start], append([]byte(e.New), out[e.End:]...)...)
	}
	return out, n
}

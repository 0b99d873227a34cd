package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kclx-dev/kclx/internal/version"
	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/sema"
	"github.com/kclx-dev/kclx/linter"
)

type lintFlags struct {
	format     string
	fix        bool
	strict     bool
	configFile string
	disable    []string
	listRules  bool
}

func newLintCmd() *cobra.Command {
	var fl lintFlags
	cmd := &cobra.Command{
		Use:   "lint [flags] [FILE... | DIR...]",
		Short: "Report syntax, type and lint problems in KCL programs",
		Long: `Report syntax errors, load errors (missing packages, import cycles), type
errors and lint warnings of KCL programs, without running them.

Arguments:
  FILE...   the files, together, form the main package of one program
            (as with kclx run a.k b.k)
  DIR       every folder below DIR holding .k files is linted as a package
With no argument, the current folder is linted.

Rules (see --list-rules) are configured in the [lint] table of kcl.mod or in
a TOML file given with --config:
  [lint]
  disable = ["naming"]
  [lint.severity]
  unused-variable = "error"     # off | info | warning | error
A finding is suppressed by a comment "# kclx:ignore [rule,...]" on its line
(or alone on the line above), or "# kclx:ignore-file [rule,...]" anywhere in
the file. Packages are found through kcl.mod and $KCL_PKG_PATH.

Exit status: 0 when there is no error (with --strict: no error and no
warning), 1 otherwise.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if fl.listRules {
				return listRules(cmd.OutOrStdout())
			}
			return runLint(cmd.OutOrStdout(), cmd.ErrOrStderr(), args, fl)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.format, "format", "text", "output format: text, json or sarif")
	f.BoolVar(&fl.fix, "fix", false, "apply the safe automatic fixes to the files")
	f.BoolVar(&fl.strict, "strict", false, "exit with status 1 on warnings too")
	f.StringVar(&fl.configFile, "config", "", "lint configuration file (TOML)")
	f.StringSliceVar(&fl.disable, "disable", nil, "rules to turn off (comma separated)")
	f.BoolVar(&fl.listRules, "list-rules", false, "list the lint rules and exit")
	return cmd
}

func listRules(w io.Writer) error {
	for _, r := range linter.Rules() {
		fix := ""
		if r.Fixable {
			fix = " (fixable)"
		}
		if _, err := fmt.Fprintf(w, "%-16s %-8s %s%s\n", r.ID, r.Default, r.Doc, fix); err != nil {
			return err
		}
	}
	return nil
}

// lintTarget is one program to lint: files forming its main package, or
// one package directory.
type lintTarget struct {
	entries []string
}

// lintTargets groups the command-line paths into programs.
func lintTargets(args []string) ([]lintTarget, error) {
	if len(args) == 0 {
		args = []string{"."}
	}
	var files []string
	var targets []lintTarget
	for _, a := range args {
		abs, err := filepath.Abs(a)
		if err != nil {
			return nil, err
		}
		fi, err := os.Stat(abs)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			files = append(files, abs)
			continue
		}
		var dirs []string
		err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != abs && (strings.HasPrefix(d.Name(), ".") || d.Name() == "vendor") {
					return filepath.SkipDir
				}
				return nil
			}
			n := d.Name()
			if strings.HasSuffix(n, ".k") && !strings.HasSuffix(n, "_test.k") && !strings.HasPrefix(n, "_") {
				if dir := filepath.Dir(p); len(dirs) == 0 || dirs[len(dirs)-1] != dir {
					dirs = append(dirs, dir)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for _, d := range dirs {
			targets = append(targets, lintTarget{entries: []string{d}})
		}
	}
	if len(files) > 0 {
		targets = append([]lintTarget{{entries: files}}, targets...)
	}
	return targets, nil
}

func runLint(stdout, stderr io.Writer, args []string, fl lintFlags) error {
	switch fl.format {
	case "text", "json", "sarif":
	default:
		return fmt.Errorf("unknown --format %q (want text, json or sarif)", fl.format)
	}
	var fileCfg *linter.Config
	if fl.configFile != "" {
		src, err := os.ReadFile(fl.configFile)
		if err != nil {
			return err
		}
		if fileCfg, err = linter.ParseConfigFile(src); err != nil {
			return fmt.Errorf("%s: %v", fl.configFile, err)
		}
	}
	targets, err := lintTargets(args)
	if err != nil {
		return err
	}
	lcache := loader.NewCache()
	scache := sema.NewCache()
	lintOne := func(t lintTarget) (*linter.Result, error) {
		opts := loader.OSOptions()
		opts.Cache = lcache
		prog, lerr := loader.Load(t.entries, opts)
		if prog == nil || prog.Main == nil || len(prog.Main.Files) == 0 {
			if lerr == nil {
				lerr = fmt.Errorf("no KCL files in %s", strings.Join(t.entries, " "))
			}
			return nil, lerr
		}
		cfg := fileCfg
		if cfg == nil {
			var raw map[string]any
			if prog.Mod != nil {
				raw, _ = prog.Mod.Raw["lint"].(map[string]any)
			}
			c, err := linter.ConfigFromMap(raw)
			if err != nil {
				return nil, fmt.Errorf("%s [lint]: %v", filepath.Join(prog.Root, loader.ModFileName), err)
			}
			cfg = c
		}
		cfg.Disable = append(cfg.Disable, fl.disable...)
		res := sema.Check(prog, &sema.Options{Cache: scache})
		return linter.Lint(res, cfg), nil
	}

	var all []linter.Diagnostic
	seen := map[string]bool{}
	fixed := 0
	for _, t := range targets {
		r, err := lintOne(t)
		if err != nil {
			fmt.Fprintf(stderr, "kclx lint: %v\n", err)
			all = append(all, linter.Diagnostic{File: strings.Join(t.entries, " "), Severity: linter.Error, Rule: "load", Message: err.Error()})
			continue
		}
		if fl.fix {
			n, err := applyLintFixes(r)
			if err != nil {
				return err
			}
			if n > 0 {
				fixed += n
				if r2, err := lintOne(t); err == nil {
					r = r2
				}
			}
		}
		for _, d := range r.Diagnostics {
			k := fmt.Sprintf("%s:%d:%d:%s:%s", d.File, d.Line, d.Column, d.Rule, d.Message)
			if seen[k] {
				continue
			}
			seen[k] = true
			all = append(all, d)
		}
	}
	base, _ := os.Getwd()
	switch fl.format {
	case "json":
		err = linter.WriteJSON(stdout, all, base)
	case "sarif":
		err = linter.WriteSARIF(stdout, all, base, version.Version)
	default:
		err = linter.WriteText(stdout, all, base)
	}
	if err != nil {
		return err
	}
	errs, warns := 0, 0
	for _, d := range all {
		switch d.Severity {
		case linter.Error:
			errs++
		case linter.Warning:
			warns++
		}
	}
	if fl.format == "text" && (errs > 0 || warns > 0 || fixed > 0) {
		fmt.Fprintf(stderr, "%d error(s), %d warning(s)", errs, warns)
		if fixed > 0 {
			fmt.Fprintf(stderr, ", %d fix(es) applied", fixed)
		}
		fmt.Fprintln(stderr)
	}
	if errs > 0 || fl.strict && warns > 0 {
		return &ExitError{Code: 1}
	}
	return nil
}

// applyLintFixes writes the fixes of r to the files; it returns how many
// fixes were applied.
func applyLintFixes(r *linter.Result) (int, error) {
	byFile := map[string][]linter.Diagnostic{}
	for _, d := range r.Diagnostics {
		if d.Fix != nil {
			for _, e := range d.Fix.Edits {
				byFile[e.File] = append(byFile[e.File], d)
				break
			}
		}
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	total := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return total, err
		}
		out, n := linter.ApplyFixes(f, src, byFile[f])
		if n == 0 || string(out) == string(src) {
			continue
		}
		fi, err := os.Stat(f)
		if err != nil {
			return total, err
		}
		if err := os.WriteFile(f, out, fi.Mode().Perm()); err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

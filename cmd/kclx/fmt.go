package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/kclx-dev/kclx/formatter"
)

// Exit statuses of kclx fmt.
const (
	fmtExitChanges = 1 // --check / --dry-run: some file is not formatted
	fmtExitError   = 2 // a file could not be read, parsed or written
)

type fmtFlags struct {
	check, diff, dryRun bool
}

func newFmtCmd() *cobra.Command {
	var fl fmtFlags
	cmd := &cobra.Command{
		Use:   "fmt [flags] [FILE | DIR | DIR/... | -]...",
		Short: "Format KCL files in the canonical style of kcl fmt",
		Long: `Format KCL files in the canonical style of upstream kcl fmt.

Arguments:
  FILE      format one file in place (any extension)
  DIR       format the .k files directly inside DIR
  DIR/...   format the .k files in DIR and all its sub-folders
  -         read source from standard input, write the result to standard output
            (with --check / --dry-run: only the exit status; with --diff: the diff)
With no argument, the .k files of the current folder are formatted.

Files are rewritten in place (through a temporary file in the same folder,
keeping the file mode and CRLF line endings) and the path of every changed
file is printed. Indentation comes from .editorconfig ([*.k] indent_style,
indent_size); the default is four spaces. A file with a syntax error is
reported as file:line:col: message and left untouched.

Exit status:
  0  success (with --check / --dry-run: every file is already formatted)
  1  --check or --dry-run: some file needs formatting
  2  some file could not be read, parsed or written (other files are still
     processed)`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFmt(cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr(), args, fl)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&fl.check, "check", false, "write nothing; list files that need formatting and exit 1 if any")
	f.BoolVar(&fl.diff, "diff", false, "write nothing; print a unified diff of the changes")
	f.BoolVarP(&fl.dryRun, "dry-run", "d", false, "write nothing; list files that would be formatted and exit 1 if any")
	return cmd
}

// fmtResult is the outcome of formatting one file.
type fmtResult struct {
	path    string
	changed bool
	diff    string
	err     error
}

func runFmt(stdin io.Reader, stdout, stderr io.Writer, args []string, fl fmtFlags) error {
	if len(args) == 0 {
		args = []string{"."}
	}
	write := !fl.check && !fl.diff && !fl.dryRun
	var files []string
	failed := false
	for _, a := range args {
		if a == "-" {
			if err := fmtStdin(stdin, stdout, stderr, fl); err != nil {
				return err
			}
			continue
		}
		fs, err := fmtCollect(a)
		if err != nil {
			fmt.Fprintf(stderr, "%v\n", err)
			failed = true
			continue
		}
		files = append(files, fs...)
	}

	results := make([]fmtResult, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, path := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = fmtFile(path, write, fl.diff)
		}()
	}
	wg.Wait()

	changed := false
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintln(stderr, r.err)
			failed = true
			continue
		}
		if !r.changed {
			continue
		}
		changed = true
		if fl.diff {
			io.WriteString(stdout, r.diff)
		} else {
			fmt.Fprintln(stdout, r.path)
		}
	}
	switch {
	case failed:
		return &ExitError{Code: fmtExitError}
	case changed && (fl.check || fl.dryRun):
		return &ExitError{Code: fmtExitChanges}
	}
	return nil
}

// fmtCollect expands one argument into the files to format.
func fmtCollect(arg string) ([]string, error) {
	recursive := false
	dir := arg
	if arg == "..." || strings.HasSuffix(arg, "/...") || strings.HasSuffix(arg, string(filepath.Separator)+"...") {
		recursive = true
		dir = strings.TrimSuffix(strings.TrimSuffix(arg, "..."), "/")
		if dir == "" {
			dir = "."
		}
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", arg, unwrapPathError(err))
	}
	if !st.IsDir() {
		if recursive {
			return nil, fmt.Errorf("%s: not a directory", dir)
		}
		return []string{arg}, nil
	}
	var files []string
	if !recursive {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, unwrapPathError(err))
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".k") {
				files = append(files, filepath.Join(dir, e.Name()))
			}
		}
		return files, nil
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".k") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	return files, nil
}

func unwrapPathError(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// fmtFile formats one file, writing it back when write is set.
func fmtFile(path string, write, wantDiff bool) fmtResult {
	r := fmtResult{path: path}
	src, err := os.ReadFile(path)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", path, unwrapPathError(err))
		return r
	}
	out, err := formatter.Source(path, src, formatter.ForFile(path, formatter.Options{}))
	if err != nil {
		r.err = err
		return r
	}
	if bytes.Equal(src, out) {
		return r
	}
	r.changed = true
	if wantDiff {
		r.diff = formatter.UnifiedDiff(path+".orig", path, src, out)
	}
	if write {
		if err := writeFileAtomic(path, out); err != nil {
			r.err = fmt.Errorf("%s: %w", path, err)
		}
	}
	return r
}

// writeFileAtomic replaces the file at path (following a symbolic link)
// by data: it writes a temporary file in the same folder with the same
// mode, then renames it over the original.
func writeFileAtomic(path string, data []byte) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	st, err := os.Stat(path)
	if err != nil {
		return unwrapPathError(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".kclxfmt-*")
	if err != nil {
		return unwrapPathError(err)
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	if werr == nil {
		werr = tmp.Chmod(st.Mode().Perm())
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(name, path)
	}
	if werr != nil {
		os.Remove(name)
		return unwrapPathError(werr)
	}
	return nil
}

// fmtStdin formats standard input to standard output; with --check or
// --dry-run it prints nothing and reports whether the input is formatted,
// with --diff it prints the diff.
func fmtStdin(stdin io.Reader, stdout, stderr io.Writer, fl fmtFlags) error {
	src, err := io.ReadAll(stdin)
	if err != nil {
		return err
	}
	opts := formatter.Options{}
	if wd, err := os.Getwd(); err == nil {
		opts = formatter.ForFile(filepath.Join(wd, "stdin.k"), opts)
	}
	out, err := formatter.Source("<stdin>", src, opts)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return &ExitError{Code: fmtExitError}
	}
	changed := !bytes.Equal(src, out)
	switch {
	case fl.diff:
		_, err = io.WriteString(stdout, formatter.UnifiedDiff("<stdin>.orig", "<stdin>", src, out))
	case fl.check || fl.dryRun:
	default:
		_, err = stdout.Write(out)
	}
	if err == nil && changed && (fl.check || fl.dryRun) {
		return &ExitError{Code: fmtExitChanges}
	}
	return err
}

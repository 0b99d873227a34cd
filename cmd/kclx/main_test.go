package main

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/kclx-dev/kclx/internal/version"
)

// runKclx runs kclx in-process and returns the exit status and output.
func runKclx(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersionLinkerValues(t *testing.T) {
	oldV, oldC := version.Version, version.Commit
	t.Cleanup(func() { version.Version, version.Commit = oldV, oldC })
	version.Version, version.Commit = "v1.2.3", "0123456789abcdef0123456789abcdef01234567"

	code, stdout, stderr := runKclx(t, "version")
	if code != 0 || stderr != "" {
		t.Fatalf("kclx version: exit %d, stderr %q", code, stderr)
	}
	want := "kclx v1.2.3\n" +
		"commit 0123456789abcdef0123456789abcdef01234567\n" +
		"go " + strings.TrimPrefix(runtime.Version(), "go") + "\n"
	if stdout != want {
		t.Errorf("kclx version output:\n%s\nwant:\n%s", stdout, want)
	}
}

func TestVersionDefaults(t *testing.T) {
	oldV, oldC := version.Version, version.Commit
	t.Cleanup(func() { version.Version, version.Commit = oldV, oldC })
	version.Version, version.Commit = "", ""

	code, stdout, stderr := runKclx(t, "version")
	if code != 0 || stderr != "" {
		t.Fatalf("kclx version: exit %d, stderr %q", code, stderr)
	}
	// A test binary has no module version; it may or may not carry a vcs.revision.
	re := regexp.MustCompile(`^kclx devel\ncommit (unknown|[0-9a-f]{40})\ngo \S+\n$`)
	if !re.MatchString(stdout) {
		t.Errorf("kclx version output %q does not match %s", stdout, re)
	}
}

func TestVersionRejectsArguments(t *testing.T) {
	code, stdout, stderr := runKclx(t, "version", "extra")
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if stdout != "" {
		t.Errorf("unexpected stdout %q", stdout)
	}
	if !strings.HasPrefix(stderr, "kclx: ") || !strings.Contains(stderr, "extra") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr %q, want one line `kclx: <error naming the argument>`", stderr)
	}
}

func TestUnknownCommand(t *testing.T) {
	code, stdout, stderr := runKclx(t, "no-such-command")
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if stdout != "" {
		t.Errorf("unexpected stdout %q (usage must not be printed on errors)", stdout)
	}
	if !strings.HasPrefix(stderr, `kclx: unknown command "no-such-command"`) {
		t.Errorf("stderr %q", stderr)
	}
}

func TestUnknownFlag(t *testing.T) {
	code, _, stderr := runKclx(t, "version", "--no-such-flag")
	if code != 1 || !strings.HasPrefix(stderr, "kclx: unknown flag: --no-such-flag") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestNoArgumentsPrintsHelp(t *testing.T) {
	code, stdout, stderr := runKclx(t)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"a KCL toolchain", "Usage:", "version"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("help output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "completion") {
		t.Errorf("help lists the hidden completion command:\n%s", stdout)
	}
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		err        error
		wantCode   int
		wantStderr string
	}{
		{nil, 0, ""},
		{errors.New("boom"), 1, "kclx: boom\n"},
		{&ExitError{Code: 3}, 3, ""},
		{fmt.Errorf("lint: %w", &ExitError{Code: 2}), 2, ""},
		{&ExitError{Code: 0}, 1, ""},
		{&ExitError{Code: 256}, 1, ""},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		code := exitCode(tt.err, &stderr)
		if code != tt.wantCode || stderr.String() != tt.wantStderr {
			t.Errorf("exitCode(%v) = %d, stderr %q; want %d, %q", tt.err, code, stderr.String(), tt.wantCode, tt.wantStderr)
		}
	}
}

// TestExitErrorFromCommand checks the whole path: a subcommand returning
// *ExitError exits with its code and prints nothing.
func TestExitErrorFromCommand(t *testing.T) {
	root := newRootCmd()
	root.AddCommand(&cobra.Command{
		Use:  "fail",
		RunE: func(*cobra.Command, []string) error { return &ExitError{Code: 4} },
	})
	var out, errb bytes.Buffer
	root.SetArgs([]string{"fail"})
	root.SetOut(&out)
	root.SetErr(&errb)
	if code := exitCode(root.Execute(), &errb); code != 4 {
		t.Errorf("exit status %d, want 4", code)
	}
	if out.Len() != 0 || errb.Len() != 0 {
		t.Errorf("unexpected output: stdout %q, stderr %q", out.String(), errb.String())
	}
}

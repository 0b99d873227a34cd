package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes kclx with args (without the program name) and returns the
// process exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if args == nil {
		args = []string{} // cobra falls back to os.Args for a nil slice
	}
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	return exitCode(root.Execute(), stderr)
}

// exitCode reports err (unless it is an *ExitError) and returns the exit status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	if ee, ok := errors.AsType[*ExitError](err); ok {
		return ee.code()
	}
	fmt.Fprintf(stderr, "kclx: %v\n", err)
	return 1
}

// ExitError ends kclx with exit status Code without printing anything: the
// command returning it has already told the user what went wrong.
// A Code outside 1..255 exits with 1 (an error never means success).
type ExitError struct {
	Code int
}

func (e *ExitError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

func (e *ExitError) code() int {
	if e.Code < 1 || e.Code > 255 {
		return 1
	}
	return e.Code
}

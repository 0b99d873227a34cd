package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/kclx-dev/kclx/internal/version"
	"github.com/kclx-dev/kclx/lsp"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	for _, a := range args {
		switch a {
		case "version", "--version", "-V":
			fmt.Fprintf(stdout, "kcl-language-server (kclx) %s\n", version.Get().Version)
			return 0
		case "help", "--help", "-h":
			fmt.Fprintln(stdout, "usage: kcl-language-server [server] [--stdio]\n\nRuns the KCL language server (kclx) on standard input and output.")
			return 0
		case "server", "--stdio", "stdio":
		default:
			fmt.Fprintf(stderr, "kcl-language-server: unknown argument %q\n", a)
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := lsp.RunStdio(ctx, stdin, stdout, lsp.Options{Log: stderr, Name: "kcl-language-server", Version: version.Get().Version})
	switch {
	case err == nil:
		return 0
	case errors.Is(err, lsp.ErrNoShutdown):
		return 1
	}
	fmt.Fprintf(stderr, "kcl-language-server: %v\n", err)
	return 1
}

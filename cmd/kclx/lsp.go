package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/kclx-dev/kclx/internal/version"
	"github.com/kclx-dev/kclx/lsp"
)

func newLspCmd() *cobra.Command {
	var (
		logFile    string
		pkgPath    string
		cpuProfile string
	)
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the KCL language server on standard input and output",
		Long: "Run the KCL language server (LSP 3.17) on standard input and output.\n\n" +
			"Editors start it as `kclx lsp`; the same server is installed as\n" +
			"kcl-language-server for editors configured for the upstream name.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cpuProfile != "" {
				f, err := os.Create(cpuProfile)
				if err != nil {
					return err
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
			return runLanguageServer(cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr(), logFile, pkgPath)
		},
	}
	cmd.Flags().Bool("stdio", true, "use standard input and output (the only transport)")
	cmd.Flags().StringVar(&logFile, "log-file", "", "append the server log to this file instead of standard error")
	cmd.Flags().StringVar(&pkgPath, "pkg-path", "", "package cache for dependencies (default $KCL_PKG_PATH or ~/.kcl/kpm)")
	cmd.Flags().StringVar(&cpuProfile, "cpu-profile", "", "write a CPU profile of the session to this file (for performance work)")
	_ = cmd.Flags().MarkHidden("cpu-profile")
	return cmd
}

// runLanguageServer serves LSP on stdin/stdout until the client exits.
func runLanguageServer(stdin io.Reader, stdout, stderr io.Writer, logFile, pkgPath string) error {
	logw := stderr
	if logFile != "" {
		f, err := os.OpenFile(logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		logw = f
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := lsp.RunStdio(ctx, stdin, stdout, lsp.Options{
		PkgPath: pkgPath,
		Log:     logw,
		Name:    "kclx",
		Version: version.Get().Version,
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, lsp.ErrNoShutdown):
		return &ExitError{Code: 1}
	}
	fmt.Fprintf(stderr, "kclx lsp: %v\n", err)
	return &ExitError{Code: 1}
}

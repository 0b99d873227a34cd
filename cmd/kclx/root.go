package main

import "github.com/spf13/cobra"

// newRootCmd builds the kclx command tree. To add a subcommand, create
// <name>.go with a newNameCmd() *cobra.Command constructor and add it to the
// AddCommand list below (keep it alphabetical).
func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "kclx",
		Short: "kclx — a KCL toolchain: run, fmt, lint, import, lsp",
		Long: "kclx — a KCL toolchain: run, fmt, lint, import, lsp.\n\n" +
			"kclx evaluates, formats and checks programs written in KCL, the\n" +
			"configuration language of kcl-lang.io.",
		SilenceUsage:  true, // errors are reported once, by main
		SilenceErrors: true,
		CompletionOptions: cobra.CompletionOptions{
			HiddenDefaultCmd: true,
		},
	}
	root.AddCommand(
		newRunCmd(),
		newFmtCmd(),
		newImportCmd(),
		newLintCmd(),
		newLspCmd(),
		newVersionCmd(),
	)
	return root
}

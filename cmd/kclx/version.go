package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kclx-dev/kclx/internal/version"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the kclx version, source commit and Go version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v := version.Get()
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "kclx %s\ncommit %s\ngo %s\n", v.Version, v.Commit, v.Go)
			return err
		},
	}
}

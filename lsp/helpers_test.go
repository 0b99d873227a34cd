package lsp

import "github.com/kclx-dev/kclx/kcl/syntax"

func loaderFileSet(src string) *syntax.File {
	return syntax.NewFileSet().AddFile("t.k", []byte(src))
}

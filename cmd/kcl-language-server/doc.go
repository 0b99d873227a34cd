// Command kcl-language-server runs the kclx language server under the
// name that editors configured for upstream KCL start. It speaks LSP on
// standard input and output, exactly like `kclx lsp`; the arguments
// upstream's binary accepts (none, "server", "--stdio", "version") are
// understood.
package main

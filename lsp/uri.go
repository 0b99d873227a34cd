package lsp

import (
	"net/url"
	"path/filepath"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// virtualRoot is the directory under which documents with non-file URIs
// (untitled:, vscode-notebook-cell:, ...) are placed, so that the
// workspace can treat every document as a path.
const virtualRoot = "/.kclx-virtual"

// uriToPath converts a document URI to a clean absolute path.
func uriToPath(u protocol.DocumentURI) string {
	s := string(u)
	if parsed, err := url.Parse(s); err == nil && parsed.Scheme == "file" {
		p := parsed.Path
		if len(p) >= 3 && p[0] == '/' && p[2] == ':' { // /C:/x on Windows
			p = p[1:]
		}
		return filepath.Clean(filepath.FromSlash(p))
	}
	return filepath.Join(virtualRoot, url.PathEscape(s))
}

// pathToURI converts a path back to a URI (the inverse of uriToPath).
func pathToURI(path string) protocol.DocumentURI {
	if rest, ok := strings.CutPrefix(path, virtualRoot+string(filepath.Separator)); ok {
		if s, err := url.PathUnescape(rest); err == nil {
			return protocol.DocumentURI(s)
		}
	}
	return protocol.DocumentURI(uri.File(path))
}

package formatter

import (
	"bufio"
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// ForFile returns opts completed for the file at filename: when
// opts.Indent is empty, the indentation comes from the .editorconfig files
// that govern the file (nearest first, stopping at one with root = true),
// using the sections whose glob matches the file name (e.g. [*.k]):
// indent_style = space|tab and indent_size (or tab_width). An explicit
// opts.Indent wins. Unreadable or malformed .editorconfig files are
// ignored.
func ForFile(filename string, opts Options) Options {
	if opts.Indent != "" {
		return opts
	}
	abs, err := filepath.Abs(filename)
	if err != nil {
		return opts
	}
	if ind := editorconfigIndent(abs); ind != "" {
		opts.Indent = ind
	}
	return opts
}

// editorconfigIndent returns the indentation unit configured for the file
// at abs, or "".
func editorconfigIndent(abs string) string {
	var style, size, tabWidth string
	dir := filepath.Dir(abs)
	for {
		data, err := os.ReadFile(filepath.Join(dir, ".editorconfig"))
		if err == nil {
			props, root := parseEditorconfig(data, dir, abs)
			// nearer files win: only fill what is still unset
			if v, ok := props["indent_style"]; ok && style == "" {
				style = v
			}
			if v, ok := props["indent_size"]; ok && size == "" {
				size = v
			}
			if v, ok := props["tab_width"]; ok && tabWidth == "" {
				tabWidth = v
			}
			if root {
				break
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	switch strings.ToLower(style) {
	case "tab":
		return TabIndent
	case "space":
		n := 4
		if size == "tab" || size == "" {
			size = tabWidth
		}
		if v, err := strconv.Atoi(size); err == nil && v > 0 && v <= 16 {
			n = v
		}
		return SpaceIndent(n)
	}
	if v, err := strconv.Atoi(size); err == nil && v > 0 && v <= 16 {
		return SpaceIndent(v)
	}
	return ""
}

// parseEditorconfig returns the properties that apply to file (an absolute
// path) from an .editorconfig in dir, later sections overriding earlier
// ones, and whether the file declares root = true.
func parseEditorconfig(data []byte, dir, file string) (map[string]string, bool) {
	props := map[string]string{}
	root := false
	rel, err := filepath.Rel(dir, file)
	if err != nil {
		return props, false
	}
	rel = filepath.ToSlash(rel)
	inPreamble, match := true, false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' && strings.HasSuffix(line, "]") {
			inPreamble = false
			match = globMatch(line[1:len(line)-1], rel)
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		if inPreamble {
			if k == "root" && strings.EqualFold(v, "true") {
				root = true
			}
			continue
		}
		if match {
			props[k] = strings.ToLower(v)
		}
	}
	return props, root
}

// globMatch matches an editorconfig section glob against a slash path
// relative to the .editorconfig folder. Supported: *, **, ?, [...] and
// {a,b} alternatives; a glob without '/' matches the base name anywhere.
func globMatch(glob, rel string) bool {
	for _, g := range expandBraces(glob) {
		if !strings.Contains(g, "/") {
			if ok, _ := path.Match(g, path.Base(rel)); ok {
				return true
			}
			continue
		}
		g = strings.TrimPrefix(g, "/")
		if matchDoubleStar(g, rel) {
			return true
		}
	}
	return false
}

func matchDoubleStar(g, rel string) bool {
	if !strings.Contains(g, "**") {
		ok, _ := path.Match(g, rel)
		return ok
	}
	before, after, _ := strings.Cut(g, "**")
	if !strings.HasPrefix(rel, before) {
		return false
	}
	rest := rel[len(before):]
	for i := 0; i <= len(rest); i++ {
		if matchDoubleStar(after, rest[i:]) || strings.HasPrefix(after, "/") && matchDoubleStar(after[1:], rest[i:]) {
			return true
		}
	}
	return false
}

// expandBraces expands {a,b} alternatives (not nested ranges).
func expandBraces(g string) []string {
	i := strings.IndexByte(g, '{')
	if i < 0 {
		return []string{g}
	}
	j := strings.IndexByte(g[i:], '}')
	if j < 0 {
		return []string{g}
	}
	j += i
	var out []string
	for _, alt := range strings.Split(g[i+1:j], ",") {
		out = append(out, expandBraces(g[:i]+alt+g[j+1:])...)
	}
	return out
}

package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/kclx-dev/kclx/kcl/loader"
	"github.com/kclx-dev/kclx/kcl/workspace"
)

// Marker tests: each testdata/*.txtar archive is a small workspace; the
// .k files carry expectations in end-of-line comments of the form
//
//	code  #@ name(arg, ...) name(...)
//
// A quoted first argument is a pattern locating the position in the code
// part of the same line: its first occurrence, at the "|" when the
// pattern has one (else at its start). Markers:
//
//	def("pat", "file:line:col" | none)   definition target (1-based)
//	typedef("pat", "file:line:col")      type definition target
//	refs("pat", N)                       references, declaration included
//	highlight("pat", N)                  highlights in the file
//	hover("pat", "text")                 hover contains text
//	nohover("pat")                       no hover
//	complete("pat", "label", ...)        completion includes the labels
//	complete_trigger("pat", "c", "label", ...) same, with a trigger character
//	nocomplete("pat")                    no completion items
//	excludes("pat", "label", ...)        completion lacks the labels
//	sig("pat", "label", active)          signature help
//	hint("pat", "label")                 an inlay hint at the position
//	token("pat", "type")                 a semantic token of that type
//	diag("pat", "Code")                  a diagnostic with that code starting there
//	rename("pat", "new", N)              N edits in total
//	norename("pat")                      nothing to rename
//	symbol("Name", "Detail", kind)       a document symbol of this file
//	wsymbol("query", "Name", ...)        workspace symbols matching query (exactly these names)
//	link("pat", "file")                  an import link starting there, to that file
//	lens(N)                              N code lenses in the file
//	selection("pat", N)                  at least N nested selection ranges there
//	quickfix("pat", "Code", "new")       the diagnostic there has a fix writing new
//	fold(N)                              at least N folding ranges in the file
//	format("in", "want")                 formatting archive file in yields file want
//
// A file may also carry the line "#@ nodiag" (no error diagnostics).
func TestMarkers(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no marker tests: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			runArchive(t, ar)
		})
	}
}

const root = "/ws"

func runArchive(t *testing.T, ar *txtar.Archive) {
	mem := &loader.MemFS{}
	contents := map[string]string{}
	for _, f := range ar.Files {
		p := filepath.Join(root, f.Name)
		mem.WriteFile(p, f.Data)
		contents[p] = string(f.Data)
	}
	sess := workspace.NewSession(workspace.Options{FS: mem, Folders: []string{root}})
	snap := sess.Snapshot()
	ctx := context.Background()
	var paths []string
	for p := range contents {
		if strings.HasSuffix(p, ".k") {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, path := range paths {
		checkFile(t, ctx, snap, path, contents[path], contents)
	}
}

type marker struct {
	name      string
	args      []string
	line      int // 1-based
	text      string
	lineStart int
}

func parseMarkers(t *testing.T, src string) []marker {
	var out []marker
	off := 0
	for i, line := range strings.Split(src, "\n") {
		if j := strings.Index(line, "#@"); j >= 0 {
			for _, call := range splitCalls(line[j+2:]) {
				name, args := parseCall(t, call)
				out = append(out, marker{name: name, args: args, line: i + 1, text: line[:j], lineStart: off})
			}
		}
		off += len(line) + 1
	}
	return out
}

// splitCalls splits "a(x) b(y, z) c" into calls.
func splitCalls(s string) []string {
	var out []string
	depth := 0
	inStr := false
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 && start >= 0 {
				out = append(out, s[start:i+1])
				start = -1
			}
		case c == ' ' || c == '\t':
			if depth == 0 && start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func parseCall(t *testing.T, call string) (string, []string) {
	open := strings.IndexByte(call, '(')
	if open < 0 {
		return call, nil
	}
	name := call[:open]
	body := call[open+1 : len(call)-1]
	var args []string
	for _, a := range splitArgs(body) {
		a = strings.TrimSpace(a)
		if strings.HasPrefix(a, `"`) {
			u, err := strconv.Unquote(a)
			if err != nil {
				t.Fatalf("bad marker argument %s: %v", a, err)
			}
			a = u
		}
		args = append(args, a)
	}
	return name, args
}

func splitArgs(s string) []string {
	var out []string
	inStr := false
	start := 0
	for i := 0; i < len(s); i++ {
		switch {
		case inStr:
			if s[i] == '\\' {
				i++
			} else if s[i] == '"' {
				inStr = false
			}
		case s[i] == '"':
			inStr = true
		case s[i] == ',':
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	if strings.TrimSpace(s[start:]) != "" {
		out = append(out, s[start:])
	}
	return out
}

// offset locates a pattern in the marker's line.
func (m marker) offset(t *testing.T) int {
	pat := m.args[0]
	cursor := strings.IndexByte(pat, '|')
	plain := strings.Replace(pat, "|", "", 1)
	i := strings.Index(m.text, plain)
	if i < 0 {
		t.Fatalf("line %d: pattern %q not found in %q", m.line, plain, m.text)
	}
	if cursor >= 0 {
		i += cursor
	}
	return m.lineStart + i
}

func locString(snap *workspace.Snapshot, l Location) string {
	f, err := snap.Parse(l.Path)
	if err != nil {
		return l.Path + ":?"
	}
	line, col := f.Tok.LineCol(l.Start)
	rel, _ := filepath.Rel(root, l.Path)
	return fmt.Sprintf("%s:%d:%d", rel, line, col)
}

func checkFile(t *testing.T, ctx context.Context, snap *workspace.Snapshot, path, src string, contents map[string]string) {
	rel, _ := filepath.Rel(root, path)
	for _, m := range parseMarkers(t, src) {
		where := fmt.Sprintf("%s:%d: %s%q", rel, m.line, m.name, m.args)
		switch m.name {
		case "def", "typedef":
			var locs []Location
			if m.name == "def" {
				locs = Definition(ctx, snap, path, m.offset(t))
			} else {
				locs = TypeDefinition(ctx, snap, path, m.offset(t))
			}
			var got []string
			for _, l := range locs {
				got = append(got, locString(snap, l))
			}
			want := m.args[1:]
			if len(want) == 1 && want[0] == "none" {
				want = nil
			}
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s: got %v", where, got)
			}
		case "refs", "highlight":
			var n int
			if m.name == "refs" {
				n = len(References(ctx, snap, path, m.offset(t), true))
			} else {
				n = len(Highlights(ctx, snap, path, m.offset(t)))
			}
			if want, _ := strconv.Atoi(m.args[1]); n != want {
				t.Errorf("%s: got %d", where, n)
			}
		case "hover", "nohover":
			h := HoverAt(ctx, snap, path, m.offset(t))
			if m.name == "nohover" {
				if h != nil {
					t.Errorf("%s: got a hover %v", where, h.Parts)
				}
				continue
			}
			if h == nil {
				t.Errorf("%s: no hover", where)
				continue
			}
			var text []string
			for _, p := range h.Parts {
				text = append(text, p.Text)
			}
			if !strings.Contains(strings.Join(text, "\n"), m.args[1]) {
				t.Errorf("%s: got %q", where, text)
			}
		case "complete", "complete_trigger", "nocomplete", "excludes":
			req := CompletionRequest{Offset: m.offset(t)}
			labels := m.args[1:]
			if m.name == "complete_trigger" {
				req.Trigger, labels = m.args[1], m.args[2:]
			}
			items := Completion(ctx, snap, path, req).Items
			got := map[string]bool{}
			var all []string
			for _, it := range items {
				got[it.Label] = true
				all = append(all, it.Label)
			}
			switch m.name {
			case "nocomplete":
				if len(items) > 0 {
					t.Errorf("%s: got %v", where, all)
				}
			case "excludes":
				for _, l := range labels {
					if got[l] {
						t.Errorf("%s: unexpected %q in %v", where, l, all)
					}
				}
			default:
				for _, l := range labels {
					if !got[l] {
						t.Errorf("%s: missing %q in %v", where, l, all)
					}
				}
			}
		case "sig":
			sig := SignatureHelpAt(ctx, snap, path, m.offset(t))
			if sig == nil {
				t.Errorf("%s: no signature", where)
				continue
			}
			active, _ := strconv.Atoi(m.args[2])
			if sig.Label != m.args[1] || sig.Active != active {
				t.Errorf("%s: got %q active %d", where, sig.Label, sig.Active)
			}
		case "hint":
			off := m.offset(t)
			found := false
			var all []string
			for _, h := range InlayHints(ctx, snap, path, 0, len(src)) {
				all = append(all, fmt.Sprintf("%d%q", h.Offset, h.Label))
				if h.Offset == off && h.Label == m.args[1] {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: not among %v (want offset %d)", where, all, off)
			}
		case "token":
			off := m.offset(t)
			found := ""
			for _, tok := range SemanticTokens(ctx, snap, path, 0, -1) {
				if tok.Start == off {
					found = TokenTypes[tok.Type]
				}
			}
			if found != m.args[1] {
				t.Errorf("%s: got token %q", where, found)
			}
		case "diag":
			off := m.offset(t)
			found := false
			var all []string
			for _, d := range Diagnostics(ctx, snap, path) {
				all = append(all, fmt.Sprintf("%d:%s", d.Start, d.Code))
				if d.Start == off && d.Code == m.args[1] {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: not among %v (want offset %d)", where, all, off)
			}
		case "nodiag":
			for _, d := range Diagnostics(ctx, snap, path) {
				if d.Severity == SevError {
					t.Errorf("%s: unexpected %s %q at %d", where, d.Code, d.Message, d.Start)
				}
			}
		case "rename", "norename":
			edits, ok := Rename(ctx, snap, path, m.offset(t), "renamed")
			if m.name == "norename" {
				if ok {
					t.Errorf("%s: renamable (%v)", where, edits)
				}
				continue
			}
			n := 0
			for _, es := range edits {
				n += len(es)
			}
			if want, _ := strconv.Atoi(m.args[2]); !ok || n != want {
				t.Errorf("%s: ok=%v, %d edits %v", where, ok, n, edits)
			}
		case "symbol":
			f, _ := snap.Parse(path)
			found := false
			var walk func([]Symbol)
			var all []string
			walk = func(list []Symbol) {
				for _, s := range list {
					all = append(all, fmt.Sprintf("%s/%s/%d", s.Name, s.Detail, s.Kind))
					if s.Name == m.args[0] && s.Detail == m.args[1] && fmt.Sprint(int(s.Kind)) == m.args[2] {
						found = true
					}
					walk(s.Children)
				}
			}
			walk(DocumentSymbols(f))
			if !found {
				t.Errorf("%s: not among %v", where, all)
			}
		case "wsymbol":
			var got []string
			for _, s := range WorkspaceSymbols(ctx, snap, m.args[0]) {
				got = append(got, s.Name)
			}
			sort.Strings(got)
			want := append([]string(nil), m.args[1:]...)
			sort.Strings(want)
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s: got %v", where, got)
			}
		case "link":
			f, _ := snap.Parse(path)
			off := m.offset(t)
			found := false
			for _, l := range DocumentLinks(snap, f) {
				rel, _ := filepath.Rel(root, l.Target)
				if l.Start == off && rel == m.args[1] {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no such link", where)
			}
		case "lens":
			f, _ := snap.Parse(path)
			want, _ := strconv.Atoi(m.args[0])
			if n := len(CodeLenses(snap, f)); n != want {
				t.Errorf("%s: %d lenses", where, n)
			}
		case "selection":
			f, _ := snap.Parse(path)
			want, _ := strconv.Atoi(m.args[1])
			spans := SelectionRanges(f, []int{m.offset(t)})[0]
			for i := 1; i < len(spans); i++ {
				if spans[i].Start > spans[i-1].Start || spans[i].End < spans[i-1].End {
					t.Errorf("%s: range %d not inside its parent: %v", where, i-1, spans)
				}
			}
			if len(spans) < want {
				t.Errorf("%s: %v", where, spans)
			}
		case "quickfix":
			off := m.offset(t)
			found := false
			for _, d := range Diagnostics(ctx, snap, path) {
				if d.Start != off || d.Code != m.args[1] {
					continue
				}
				var sugg []string
				if data, ok := d.Data.(map[string]any); ok {
					sugg, _ = data["suggested_replacement"].([]string)
				}
				for _, a := range QuickFixes(path, d.Code, d.Start, d.End, sugg) {
					for _, e := range a.Edits[path] {
						if e.New == m.args[2] {
							found = true
						}
					}
				}
			}
			if !found {
				t.Errorf("%s: no such fix", where)
			}
		case "fold":
			f, _ := snap.Parse(path)
			want, _ := strconv.Atoi(m.args[0])
			if n := len(FoldingRanges(f)); n < want {
				t.Errorf("%s: %d folding ranges", where, n)
			}
		case "format":
			f, err := snap.Parse(filepath.Join(root, m.args[0]))
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			edits, err := Format(f, FormatOptions{TabSize: 4, InsertSpaces: true})
			if err != nil {
				t.Errorf("%s: %v", where, err)
				continue
			}
			got := applyEdits(f.Src, edits)
			if want := contents[filepath.Join(root, m.args[1])]; got != want {
				t.Errorf("%s: got\n%s\nwant\n%s", where, got, want)
			}
		default:
			t.Fatalf("%s: unknown marker", where)
		}
	}
}

func applyEdits(src []byte, edits []Edit) string {
	var b strings.Builder
	last := 0
	for _, e := range edits {
		b.Write(src[last:e.Start])
		b.WriteString(e.New)
		last = e.End
	}
	b.Write(src[last:])
	return b.String()
}

var _ = os.Getenv

package sysmod

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
)

// This file implements the `regex` system module on plain Go strings.
//
// Upstream KCL uses Rust's fancy_regex crate: Rust regex syntax extended with
// look-around, backreferences and atomic groups. The engine here is regexp2
// (a backtracking .NET-compatible engine) run in its RE2 compatibility mode,
// with the pattern rewritten first so that the two agree:
//
//   - `$` matches only at the end of the text (RE2 mode does this);
//   - `\d`, `\w`, `\s` are Unicode classes as in Rust (RE2 mode alone would
//     make them ASCII);
//   - capture groups are numbered strictly left to right by their opening
//     parenthesis, named or not (.NET numbers named groups last), so named
//     groups are rewritten to plain groups and a name table is kept here;
//   - `(?P=name)`, `\k<name>` backreferences are rewritten to group numbers.
//
// Match positions are rune indices into the subject.

// regexMatchTimeout bounds a single match attempt; fancy_regex has a
// backtracking limit with the same purpose.
const regexMatchTimeout = 5 * time.Second

// Regex is a compiled KCL regular expression.
type Regex struct {
	re      *regexp2.Regexp
	ngroups int            // capture groups, excluding group 0
	names   map[string]int // group name -> group number
}

// regexCache memoises compiled patterns: KCL programs commonly call
// regex.match with the same literal pattern in a loop or a schema check.
var regexCache = struct {
	sync.Mutex
	m map[string]*Regex
}{m: map[string]*Regex{}}

const regexCacheMax = 512

// CompileRegex compiles a pattern with upstream (fancy_regex) syntax.
func CompileRegex(pattern string) (*Regex, error) {
	regexCache.Lock()
	if r, ok := regexCache.m[pattern]; ok {
		regexCache.Unlock()
		return r, nil
	}
	regexCache.Unlock()

	tr, err := translateRegex(pattern)
	if err != nil {
		return nil, err
	}
	re, err := safeCompile(tr.pattern)
	if err != nil {
		return nil, fmt.Errorf("invalid regex %q: %s", pattern, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	re.MatchTimeout = regexMatchTimeout
	r := &Regex{re: re, ngroups: tr.groups, names: tr.names}

	regexCache.Lock()
	if len(regexCache.m) >= regexCacheMax {
		regexCache.m = map[string]*Regex{}
	}
	regexCache.m[pattern] = r
	regexCache.Unlock()
	return r, nil
}

// span is one capture: rune offsets [start, end) or ok=false when the group
// did not take part in the match.
type span struct {
	start, end int
	ok         bool
}

// captures holds group 0 .. ngroups of one match.
type captures []span

// safeCompile compiles with regexp2, turning an internal panic of the
// engine into an error.
func safeCompile(pattern string) (re *regexp2.Regexp, err error) {
	defer func() {
		if r := recover(); r != nil {
			re, err = nil, fmt.Errorf("error parsing regexp: %v", r)
		}
	}()
	return regexp2.Compile(pattern, regexp2.RE2)
}

// matchAt finds the leftmost match starting the search at rune offset pos.
func (r *Regex) matchAt(text []rune, pos int) (caps captures, err error) {
	defer func() {
		if p := recover(); p != nil {
			caps, err = nil, fmt.Errorf("regex match failed: %v", p)
		}
	}()
	m, err := r.re.FindRunesMatchStartingAt(text, pos)
	if err != nil {
		return nil, err
	}
	if m == nil {
		return nil, nil
	}
	caps = make(captures, r.ngroups+1)
	caps[0] = span{m.Index, m.Index + m.Length, true}
	for i := 1; i <= r.ngroups; i++ {
		g := m.GroupByNumber(i)
		if g == nil || len(g.Captures) == 0 {
			continue
		}
		caps[i] = span{g.Index, g.Index + g.Length, true}
	}
	return caps, nil
}

// allMatches iterates matches the way Rust's regex iterators do: after an
// empty match the search resumes one character later, and an empty match
// immediately following the previous match is skipped. limit <= 0 means no
// limit.
func (r *Regex) allMatches(text []rune, limit int) ([]captures, error) {
	var out []captures
	lastEnd := 0
	lastMatch := -1
	for lastEnd <= len(text) {
		if limit > 0 && len(out) >= limit {
			break
		}
		caps, err := r.matchAt(text, lastEnd)
		if err != nil {
			return out, err
		}
		if caps == nil {
			break
		}
		m := caps[0]
		if m.start == m.end {
			lastEnd = m.end + 1
			if m.end == lastMatch {
				continue
			}
		} else {
			lastEnd = m.end
		}
		lastMatch = m.end
		out = append(out, caps)
	}
	return out, nil
}

// IsMatch reports whether the pattern matches anywhere in s.
func (r *Regex) IsMatch(s string) (bool, error) {
	caps, err := r.matchAt([]rune(s), 0)
	if err != nil {
		return false, err
	}
	return caps != nil, nil
}

// RegexMatch implements regex.match(string, pattern). Upstream calls
// fancy_regex's is_match, which is not anchored: the pattern must supply
// `^` to anchor at the start. A match error (backtracking limit) is false.
func RegexMatch(s, pattern string) (bool, error) {
	r, err := CompileRegex(pattern)
	if err != nil {
		return false, err
	}
	ok, err := r.IsMatch(s)
	if err != nil {
		return false, nil
	}
	return ok, nil
}

// RegexSearch implements regex.search(string, pattern).
func RegexSearch(s, pattern string) (bool, error) {
	return RegexMatch(s, pattern)
}

// RegexCompile implements regex.compile(pattern): whether the pattern is
// valid.
func RegexCompile(pattern string) bool {
	_, err := CompileRegex(pattern)
	return err == nil
}

// FindallItem is one element of regex.findall's result: a string when the
// pattern has at most one capture group, otherwise the list of groups.
type FindallItem struct {
	Match  string   // whole match, used when Groups is nil
	Groups []string // groups 1..n when the pattern has two or more groups
}

// RegexFindall implements regex.findall(string, pattern). Unlike Python,
// upstream returns the whole match (not group 1) when the pattern has one
// group; with two or more groups each item is the list of groups 1..n, and a
// group that did not participate is an error (upstream unwraps it).
func RegexFindall(s, pattern string) ([]FindallItem, error) {
	r, err := CompileRegex(pattern)
	if err != nil {
		return nil, err
	}
	text := []rune(s)
	all, _ := r.allMatches(text, 0)
	out := make([]FindallItem, 0, len(all))
	for _, caps := range all {
		if len(caps) < 3 {
			out = append(out, FindallItem{Match: string(text[caps[0].start:caps[0].end])})
			continue
		}
		groups := make([]string, 0, len(caps)-1)
		for _, g := range caps[1:] {
			if !g.ok {
				return nil, fmt.Errorf("called `Option::unwrap()` on a `None` value")
			}
			groups = append(groups, string(text[g.start:g.end]))
		}
		out = append(out, FindallItem{Groups: groups})
	}
	return out, nil
}

// RegexReplace implements regex.replace(string, pattern, replace, count=0):
// replaces the first count (all when count is 0) non-overlapping matches.
// The replacement uses Rust syntax: $1, $name, ${name}, $$.
func RegexReplace(s, pattern, repl string, count int64) (string, error) {
	r, err := CompileRegex(pattern)
	if err != nil {
		return "", err
	}
	text := []rune(s)
	limit := 0
	if count > 0 {
		limit = int(min(count, int64(len(text)+1)))
	}
	all, _ := r.allMatches(text, limit)
	if len(all) == 0 {
		return s, nil
	}
	var b strings.Builder
	last := 0
	for _, caps := range all {
		b.WriteString(string(text[last:caps[0].start]))
		r.expand(&b, text, caps, repl)
		last = caps[0].end
	}
	b.WriteString(string(text[last:]))
	return b.String(), nil
}

// expand appends the replacement template with group references filled in.
func (r *Regex) expand(b *strings.Builder, text []rune, caps captures, repl string) {
	group := func(ref string) string {
		idx := -1
		if n, err := strconv.ParseUint(ref, 10, 32); err == nil {
			idx = int(n)
		} else if n, ok := r.names[ref]; ok {
			idx = n
		}
		if idx < 0 || idx >= len(caps) || !caps[idx].ok {
			return ""
		}
		return string(text[caps[idx].start:caps[idx].end])
	}
	for repl != "" {
		i := strings.IndexByte(repl, '$')
		if i < 0 {
			break
		}
		b.WriteString(repl[:i])
		repl = repl[i:]
		if len(repl) > 1 && repl[1] == '$' {
			b.WriteByte('$')
			repl = repl[2:]
			continue
		}
		if len(repl) > 1 && repl[1] == '{' {
			end := strings.IndexByte(repl[2:], '}')
			if end < 0 {
				b.WriteByte('$')
				repl = repl[1:]
				continue
			}
			b.WriteString(group(repl[2 : 2+end]))
			repl = repl[2+end+1:]
			continue
		}
		n := 1
		for n < len(repl) && isCapNameByte(repl[n]) {
			n++
		}
		if n == 1 {
			b.WriteByte('$')
			repl = repl[1:]
			continue
		}
		b.WriteString(group(repl[1:n]))
		repl = repl[n:]
	}
	b.WriteString(repl)
}

func isCapNameByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// RegexSplit implements regex.split(string, pattern, maxsplit=0). Upstream
// quirk kept: with maxsplit > 0 the result holds at most maxsplit pieces and
// the unsplit remainder is dropped; capture groups are not included. An empty
// match at the start of the current piece (on which upstream loops forever)
// is skipped.
func RegexSplit(s, pattern string, maxsplit int64) ([]string, error) {
	r, err := CompileRegex(pattern)
	if err != nil {
		return nil, err
	}
	text := []rune(s)
	var fields []string
	cur, search := 0, 0
	for {
		var caps captures
		if search <= len(text) {
			caps, _ = r.matchAt(text, search)
		}
		if caps == nil {
			fields = append(fields, string(text[cur:]))
			break
		}
		m := caps[0]
		if m.start == m.end && m.start == cur {
			search = m.end + 1
			continue
		}
		fields = append(fields, string(text[cur:m.start]))
		if maxsplit > 0 && int64(len(fields)) >= maxsplit {
			break
		}
		cur, search = m.end, m.end
	}
	return fields, nil
}

// translated is the result of rewriting a Rust pattern for regexp2.
type translated struct {
	pattern string
	groups  int
	names   map[string]int
}

// Unicode classes matching Rust's \d, \w and \s.
const (
	uniDigit      = `\p{Nd}`
	uniWordBody   = `\p{L}\p{M}\p{Nd}\p{Pc}`
	uniSpaceBody  = `\t\n\x0B\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}`
	uniNotDigit   = `\P{Nd}`
	uniWordClass  = `[` + uniWordBody + `]`
	uniNotWord    = `[^` + uniWordBody + `]`
	uniSpaceClass = `[` + uniSpaceBody + `]`
	uniNotSpace   = `[^` + uniSpaceBody + `]`
)

// translateRegex rewrites a Rust/fancy_regex pattern into an equivalent
// regexp2 pattern (see the file comment). It does only lexical work; syntax
// errors are left for regexp2 to report.
func translateRegex(p string) (translated, error) {
	var out strings.Builder
	names := map[string]int{}
	groups := 0
	inClass := false
	classStart := false // just after '[' or '[^' (a ']' here is literal)

	// First pass: count groups and collect names, so that a backreference
	// can refer to a group defined later in the pattern.
	{
		in := false
		start := false
		n := 0
		for i := 0; i < len(p); i++ {
			c := p[i]
			switch {
			case c == '\\':
				i++
				start = false
			case in && c == '[' && i+1 < len(p) && p[i+1] == ':':
				if end := strings.Index(p[i+2:], ":]"); end >= 0 {
					i += 2 + end + 1
				}
				start = false
			case in:
				if c == ']' && !start {
					in = false
				} else if c == '^' && start && i > 0 && p[i-1] == '[' {
					continue
				}
				start = false
			case c == '[':
				in, start = true, true
			case c == '(':
				if name, _, ok := groupName(p[i:]); ok {
					n++
					if _, dup := names[name]; !dup {
						names[name] = n
					}
				} else if i+1 >= len(p) || p[i+1] != '?' {
					n++
				}
			}
		}
		groups = n
	}

	for i := 0; i < len(p); {
		c := p[i]
		if c == '\\' {
			if i+1 >= len(p) {
				out.WriteByte(c)
				i++
				continue
			}
			d := p[i+1]
			if inClass {
				classStart = false
				switch d {
				case 'd':
					out.WriteString(uniDigit)
				case 'w':
					out.WriteString(uniWordBody)
				case 's':
					out.WriteString(uniSpaceBody)
				default:
					_, size := utf8.DecodeRuneInString(p[i+1:])
					out.WriteString(p[i : i+1+size])
					i += 1 + size
					continue
				}
				i += 2
				continue
			}
			switch d {
			case 'd':
				out.WriteString(uniDigit)
			case 'D':
				out.WriteString(uniNotDigit)
			case 'w':
				out.WriteString(uniWordClass)
			case 'W':
				out.WriteString(uniNotWord)
			case 's':
				out.WriteString(uniSpaceClass)
			case 'S':
				out.WriteString(uniNotSpace)
			case 'k':
				// \k<name>, \k'name', \k{name}
				if i+2 < len(p) {
					open := p[i+2]
					closeCh := map[byte]byte{'<': '>', '\'': '\'', '{': '}'}[open]
					if closeCh != 0 {
						if end := strings.IndexByte(p[i+3:], closeCh); end >= 0 {
							ref := p[i+3 : i+3+end]
							out.WriteString(backref(ref, names))
							i = i + 3 + end + 1
							continue
						}
					}
				}
				out.WriteString(`\k`)
			default:
				_, size := utf8.DecodeRuneInString(p[i+1:])
				out.WriteString(p[i : i+1+size])
				i += 1 + size
				continue
			}
			i += 2
			continue
		}
		if inClass {
			switch {
			case c == ']' && !classStart:
				inClass = false
			case c == '^' && classStart && p[i-1] == '[':
				out.WriteByte(c)
				i++
				continue
			case c == '[' && i+1 < len(p) && p[i+1] == ':':
				// POSIX class [:name:] stays as is (RE2 mode parses it).
				if end := strings.Index(p[i+2:], ":]"); end >= 0 {
					out.WriteString(p[i : i+2+end+2])
					i += 2 + end + 2
					classStart = false
					continue
				}
				out.WriteString(`\[`)
				i++
				classStart = false
				continue
			case c == '[':
				// A literal '[' inside a class; escape it so that .NET does
				// not read "-[" as class subtraction.
				out.WriteString(`\[`)
				i++
				classStart = false
				continue
			}
			classStart = false
			_, size := utf8.DecodeRuneInString(p[i:])
			out.WriteString(p[i : i+size])
			i += size
			continue
		}
		switch c {
		case '[':
			inClass, classStart = true, true
			out.WriteByte(c)
			i++
			continue
		case '(':
			if name, size, ok := groupName(p[i:]); ok {
				_ = name
				out.WriteByte('(')
				i += size
				continue
			}
			if strings.HasPrefix(p[i:], "(?P=") {
				if end := strings.IndexByte(p[i:], ')'); end >= 0 {
					out.WriteString(backref(p[i+4:i+end], names))
					i += end + 1
					continue
				}
			}
		}
		_, size := utf8.DecodeRuneInString(p[i:])
		out.WriteString(p[i : i+size])
		i += size
	}
	return translated{pattern: out.String(), groups: groups, names: names}, nil
}

// groupName recognises the opening of a named group at the start of s:
// (?P<name>, (?<name> or (?'name'. It returns the name and the length of the
// opening.
func groupName(s string) (string, int, bool) {
	var rest string
	var closeCh byte
	var prefix int
	switch {
	case strings.HasPrefix(s, "(?P<"):
		rest, closeCh, prefix = s[4:], '>', 4
	case strings.HasPrefix(s, "(?<") && len(s) > 3 && s[3] != '=' && s[3] != '!':
		rest, closeCh, prefix = s[3:], '>', 3
	case strings.HasPrefix(s, "(?'"):
		rest, closeCh, prefix = s[3:], '\'', 3
	default:
		return "", 0, false
	}
	end := strings.IndexByte(rest, closeCh)
	if end <= 0 {
		return "", 0, false
	}
	name := rest[:end]
	for i := 0; i < len(name); i++ {
		if !isCapNameByte(name[i]) && name[i] < utf8.RuneSelf {
			return "", 0, false
		}
	}
	return name, prefix + end + 1, true
}

// backref renders a backreference to a group given by name or number.
func backref(ref string, names map[string]int) string {
	if n, err := strconv.Atoi(ref); err == nil {
		return fmt.Sprintf(`\k<%d>`, n)
	}
	if n, ok := names[ref]; ok {
		return fmt.Sprintf(`\k<%d>`, n)
	}
	// Unknown group: keep the reference so that regexp2 reports it.
	return `\k<` + ref + `>`
}

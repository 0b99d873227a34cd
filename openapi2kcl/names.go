package openapi2kcl

import (
	"sort"
	"strings"
	"unicode"
)

// Names of generated schemas, files and doc strings follow the rules of
// go-openapi's name mangling, which upstream's generator uses: a name is
// split into words at separators and at upper-case letters, well-known
// initialisms (HTTP, ID, ...) are kept whole, and the words are joined
// again in the style wanted (GoName for schema names, snake_case for file
// names, lower-case words for doc strings).

// initialisms are the words kept whole and upper-case.
var initialisms = func() []string {
	l := []string{
		"ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTPS", "HTTP",
		"ID", "IP", "IPv4", "IPv6", "JSON", "LHS", "OAI", "QPS", "RAM", "RHS", "RPC", "SLA",
		"SMTP", "SQL", "SSH", "TCP", "TLS", "TTL", "UDP", "UI", "UID", "UUID", "URI", "URL",
		"UTF8", "VM", "XML", "XMPP", "XSRF", "XSS",
	}
	// longest first; equal lengths in lexical order
	sort.Slice(l, func(i, j int) bool {
		if len(l[i]) != len(l[j]) {
			return len(l[i]) > len(l[j])
		}
		return l[i] < l[j]
	})
	return l
}()

var initialismRunes = func() [][]rune {
	r := make([][]rune, len(initialisms))
	for i, s := range initialisms {
		r[i] = []rune(s)
	}
	return r
}()

// separator replacements: these runes end a word and some insert one.
var nameReplace = map[rune]string{
	'@': "At ",
	'&': "And ",
	'|': "Pipe ",
	'$': "Dollar ",
	'!': "Bang ",
	'-': "",
	'_': "",
}

// lexem is one word of a split name.
type lexem struct {
	orig       string
	initialism string // the matching initialism, or ""
}

func (l lexem) goName() string {
	if l.initialism != "" {
		return strings.ToUpper(l.initialism)
	}
	r := []rune(l.orig)
	if len(l.orig) > 1 {
		return string(unicode.ToUpper(r[0])) + strings.ToLower(strings.Trim(string(r[1:]), " "))
	}
	return l.orig
}

type initMatch struct {
	start, end int
	body       []rune
	complete   bool
}

// splitName splits name into words. With postCheck, words equal to an
// initialism (ignoring case) count as that initialism.
func splitName(name string, postCheck bool) []lexem {
	runes := []rune(name)
	var matches []*initMatch
	for pos, r := range runes {
		next := matches[:0:0]
		for _, m := range matches {
			if m.complete {
				next = append(next, m)
				continue
			}
			if m.body[pos-m.start] != r {
				continue
			}
			if pos-m.start == len(m.body)-1 {
				if pos < len(runes)-1 && unicode.IsLower(runes[pos+1]) {
					continue // the start of a longer word
				}
				m.complete = true
				m.end = pos
			}
			next = append(next, m)
		}
		for _, ir := range initialismRunes {
			if ir[0] == r {
				next = append(next, &initMatch{start: pos, body: ir})
			}
		}
		matches = next
	}
	var out []lexem
	var last *initMatch
	for _, m := range matches {
		if !m.complete {
			continue
		}
		if last == nil {
			out = appendCasual(out, runes[:m.start], postCheck)
		} else {
			if m.start <= last.end {
				continue
			}
			out = appendCasual(out, runes[last.end+1:m.start], postCheck)
		}
		out = append(out, lexem{orig: string(m.body), initialism: string(m.body)})
		last = m
	}
	if last == nil {
		return appendCasual(out, runes, postCheck)
	}
	if last.end+1 != len(runes) {
		out = appendCasual(out, runes[last.end+1:], postCheck)
	}
	return out
}

func appendCasual(out []lexem, runes []rune, postCheck bool) []lexem {
	add := func(s string) {
		if postCheck {
			u := strings.ToUpper(strings.Trim(s, " "))
			for _, in := range initialisms {
				if strings.ToUpper(in) == u {
					out = append(out, lexem{orig: s, initialism: in})
					return
				}
			}
		}
		out = append(out, lexem{orig: s})
	}
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			add(string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range runes {
		if rep, ok := nameReplace[r]; ok {
			flush()
			if rep != "" {
				add(rep)
			}
			continue
		}
		if !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.Pc) {
			flush()
			continue
		}
		if unicode.IsUpper(r) {
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

// toGoName joins the words of name in PascalCase, initialisms upper-case
// (go-openapi's ToGoName). A name not starting with a letter gets a
// prefix naming its first character (Nr, Plus, Minus, HashTag).
func toGoName(name string) string {
	var b strings.Builder
	for _, l := range splitName(name, true) {
		b.WriteString(l.goName())
	}
	res := b.String()
	if res == "" {
		return res
	}
	rs := []rune(res)
	first := rs[0]
	if !unicode.IsLetter(first) || (first > unicode.MaxASCII && !unicode.IsUpper(first)) {
		res = namePrefix(name) + res
		rs = []rune(res)
		first = rs[0]
	}
	if unicode.IsLetter(first) && !unicode.IsUpper(first) {
		rs[0] = unicode.ToUpper(first)
		res = string(rs)
	}
	return res
}

func namePrefix(name string) string {
	rs := []rune(name)
	if len(rs) == 0 || unicode.IsLetter(rs[0]) {
		return ""
	}
	switch rs[0] {
	case '+':
		return "Plus"
	case '-':
		return "Minus"
	case '#':
		return "HashTag"
	}
	return "Nr"
}

// toFileName joins the lower-cased words of name with underscores.
func toFileName(name string) string {
	ls := splitName(name, false)
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = strings.ToLower(strings.Trim(l.orig, " "))
	}
	return strings.Join(out, "_")
}

// humanize writes name as lower-case words separated by spaces,
// initialisms as written.
func humanize(name string) string {
	ls := splitName(name, true)
	out := make([]string, len(ls))
	for i, l := range ls {
		if l.initialism != "" {
			out[i] = l.orig
		} else {
			out[i] = strings.ToLower(strings.Trim(l.orig, " "))
		}
	}
	return strings.Join(out, " ")
}

// reservedSuffixes are file-name endings that upstream protects with an
// extra "_swagger" (operating systems and architectures, and "test").
var reservedSuffixes = map[string]bool{
	"aix": true, "android": true, "darwin": true, "dragonfly": true, "freebsd": true, "hurd": true,
	"illumos": true, "js": true, "linux": true, "nacl": true, "netbsd": true, "openbsd": true,
	"plan9": true, "solaris": true, "windows": true, "zos": true,
	"386": true, "amd64": true, "amd64p32": true, "arm": true, "armbe": true, "arm64": true,
	"arm64be": true, "mips": true, "mipsle": true, "mips64": true, "mips64le": true,
	"mips64p32": true, "mips64p32le": true, "ppc": true, "ppc64": true, "ppc64le": true,
	"riscv": true, "riscv64": true, "s390": true, "s390x": true, "sparc": true, "sparc64": true,
	"wasm": true, "test": true,
}

// fileName returns the file name (without .k) of the module generated
// for a definition.
func fileName(name string) string {
	parts := strings.Split(toFileName(name), "_")
	if reservedSuffixes[parts[len(parts)-1]] {
		parts = append(parts, "swagger")
	}
	return strings.Join(parts, "_")
}

// reservedWords are the names upstream writes with a $ prefix in OpenAPI
// and CRD output.
var reservedWords = map[string]bool{
	"import": true, "as": true, "rule": true, "schema": true, "mixin": true, "protocol": true,
	"relaxed": true, "check": true, "for": true, "assert": true, "if": true, "elif": true,
	"else": true, "or": true, "and": true, "not": true, "in": true, "is": true, "final": true,
	"lambda": true, "all": true, "filter": true, "map": true, "type": true,
}

// modelName returns the KCL schema name of a definition: the part after
// the last dot, with '-' and '.' replaced by '_'.
func modelName(name string) string {
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	return strings.NewReplacer("-", "_", ".", "_").Replace(name)
}

// isPlainName reports whether name is a KCL identifier.
func isPlainName(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

package syntax

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// StringInfo describes the shape of a string literal's source text.
type StringInfo struct {
	Raw     bool // r"..." prefix
	Triple  bool // ''' or """
	Quote   byte // ' or "
	Prefix  int  // length of the prefix (0 or 1)
	Body    int  // offset of the body in the literal (after the opening quotes)
	BodyEnd int  // offset just after the body (before the closing quotes)
	Closed  bool // the closing quotes are present
}

// ParseStringInfo analyses the raw text of a STRING token.
func ParseStringInfo(raw string) StringInfo {
	var si StringInfo
	i := 0
	if i < len(raw) && (raw[i] == 'r' || raw[i] == 'R') {
		si.Raw = true
		i++
	}
	si.Prefix = i
	if i >= len(raw) {
		si.Body, si.BodyEnd = i, i
		return si
	}
	si.Quote = raw[i]
	q := 1
	if i+2 < len(raw) && raw[i+1] == si.Quote && raw[i+2] == si.Quote {
		si.Triple = true
		q = 3
	}
	si.Body = i + q
	si.BodyEnd = len(raw)
	if si.Body > len(raw) {
		si.Body = len(raw)
	}
	if len(raw)-si.Body >= q {
		closing := strings.Repeat(string(si.Quote), q)
		if strings.HasSuffix(raw, closing) && !escapedAt(raw, len(raw)-q, si.Body) {
			si.BodyEnd = len(raw) - q
			si.Closed = true
		}
	}
	return si
}

// escapedAt reports whether the byte at i is preceded by an odd number of
// backslashes (after start).
func escapedAt(s string, i, start int) bool {
	n := 0
	for j := i - 1; j >= start && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// DecodeString returns the value of a string literal's body text (no
// interpolation handling): escapes are processed unless raw.
func DecodeString(body string, raw bool) string {
	if raw || strings.IndexByte(body, '\\') < 0 {
		return body
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			b.WriteByte(c)
			i++
			continue
		}
		e := body[i+1]
		i += 2
		switch e {
		case '\n':
			// line continuation inside the string
		case '\r':
			if i < len(body) && body[i] == '\n' {
				i++
			}
		case '\\':
			b.WriteByte('\\')
		case '\'':
			b.WriteByte('\'')
		case '"':
			b.WriteByte('"')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '$':
			// \$ keeps the dollar (used as \${ to escape interpolation)
			b.WriteByte('$')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i - 1
			n := 0
			for j < len(body) && j < i+2 && body[j] >= '0' && body[j] <= '7' {
				n = n*8 + int(body[j]-'0')
				j++
			}
			i = j
			writeRune(&b, rune(n))
		case 'x', 'u', 'U':
			size := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			if i+size <= len(body) {
				if v, err := strconv.ParseUint(body[i:i+size], 16, 32); err == nil {
					writeRune(&b, rune(v))
					i += size
					break
				}
			}
			b.WriteByte('\\')
			b.WriteByte(e)
		default:
			// unknown escape: keep the backslash
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String()
}

func writeRune(b *strings.Builder, r rune) {
	if r >= 0xD800 && r <= 0xDFFF || r > utf8.MaxRune {
		r = utf8.RuneError
	}
	b.WriteRune(r)
}

// DedentTriple applies KCL's triple-quoted string rule to a decoded
// value: a first line left empty right after the opening quotes is
// dropped, then the common leading whitespace of all non-blank lines (and
// of a last line made of whitespace only) is removed.
func DedentTriple(s string) string {
	if strings.HasPrefix(s, "\n") {
		s = s[1:]
	} else if strings.HasPrefix(s, "\r\n") {
		s = s[2:]
	}
	if s == "" {
		return s
	}
	// the common prefix, line by line without splitting
	prefix := ""
	have := false
	for rest := s; ; {
		line, more := rest, false
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest, more = rest[:i], rest[i+1:], true
		}
		ws := leadingBlanks(line)
		blank := len(ws) == len(line)
		// a blank line counts only when it is the last one and not empty
		if !blank || !more && line != "" {
			if !have {
				prefix, have = ws, true
			} else {
				prefix = commonPrefix(prefix, ws)
			}
		}
		if !more {
			break
		}
	}
	if prefix == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for rest := s; ; {
		line, more := rest, false
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest, more = rest[:i], rest[i+1:], true
		}
		switch {
		case strings.HasPrefix(line, prefix):
			b.WriteString(line[len(prefix):])
		case len(leadingBlanks(line)) == len(line):
			// a blank line shorter than the prefix becomes empty
		default:
			b.WriteString(line)
		}
		if !more {
			break
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// leadingBlanks returns the spaces and tabs at the start of line.
func leadingBlanks(line string) string {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return line[:i]
}

func commonPrefix(a, b string) string {
	n := len(a)
	if len(b) < n {
		n = len(b)
	}
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return a[:i]
}

// Quote returns value as a double-quoted KCL string literal, escaping
// backslashes, quotes, control characters and "${" (which would start an
// interpolation).
func Quote(value string) string {
	var b strings.Builder
	b.Grow(len(value) + 2)
	b.WriteByte('"')
	for i, r := range value {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '$':
			if i+1 < len(value) && value[i+1] == '{' {
				b.WriteString(`\$`)
			} else {
				b.WriteByte('$')
			}
		default:
			if r < 0x20 || r == 0x7f {
				b.WriteString(`\x`)
				b.WriteString(strconv.FormatInt(int64(r)+0x100, 16)[1:])
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

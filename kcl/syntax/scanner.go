package syntax

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Mode controls scanner behaviour.
type Mode uint

const (
	// ScanComments makes the scanner return COMMENT tokens (otherwise
	// comments are skipped).
	ScanComments Mode = 1 << iota
)

// ErrorHandler receives scanner errors.
type ErrorHandler func(pos, end Pos, kind ErrorKind, msg string)

type indent struct{ tabs, spaces int }

// Scanner tokenizes KCL source. It emits NEWLINE, INDENT and DEDENT tokens
// for the logical-line structure outside brackets; inside brackets it emits
// a NEWLINE for each (run of) line break(s) and no INDENT/DEDENT (the parser
// uses token columns there).
type Scanner struct {
	file *File
	src  []byte
	err  ErrorHandler
	mode Mode

	off       int // reading offset
	lineStart int // offset of the start of the current line

	indents      []indent
	pending      int  // DEDENTs still to emit (>0) or an INDENT to emit (-1)
	pendingPos   int  // offset for pending tokens
	atLineStart  bool // next token is the first of a line (indentation not measured yet)
	parenDepth   int
	brackets     []byte
	openers      []int // offsets of the open brackets
	lastTok      Token
	eofNewline   bool // a NEWLINE was synthesized at EOF
	ErrorCount   int
	tokLineStart int  // line start of the last returned token
	tokFirst     bool // last returned token is the first on its line
	seenOnLine   bool // a token was already returned on the current physical line
	lineHasToks  bool // the current logical line has a non-comment token
}

func (s *Scanner) newLine(off int) {
	s.lineStart = off
	s.seenOnLine = false
}

// Init prepares s to scan file (whose source is file.Source()).
func (s *Scanner) Init(file *File, err ErrorHandler, mode Mode) {
	s.file = file
	s.src = file.Source()
	s.err = err
	s.mode = mode
	s.off = 0
	s.lineStart = 0
	s.indents = append(s.indents[:0], indent{})
	s.pending = 0
	s.atLineStart = true
	s.parenDepth = 0
	s.brackets = s.brackets[:0]
	s.openers = s.openers[:0]
	s.lastTok = NEWLINE
	s.eofNewline = false
	s.ErrorCount = 0
	s.seenOnLine = false
	s.lineHasToks = false
	// Skip a UTF-8 BOM.
	if len(s.src) >= 3 && s.src[0] == 0xEF && s.src[1] == 0xBB && s.src[2] == 0xBF {
		s.off = 3
	}
}

// InitRange prepares s to scan the expression text src[start:end] of file
// (used for ${...} interpolation): no NEWLINE/INDENT/DEDENT are produced.
func (s *Scanner) InitRange(file *File, start, end int, err ErrorHandler) {
	s.Init(file, err, 0)
	s.src = file.Source()[:end]
	s.off = start
	s.parenDepth = 1 // behave as inside brackets
	s.atLineStart = false
	s.eofNewline = true
}

// InBrackets reports whether the scanner is inside (), [] or {}.
func (s *Scanner) InBrackets() bool { return s.parenDepth > 0 }

// LineIndent returns the column (0-based, tab counting 1) of the first
// token on the line of the last returned token, and whether that token is
// the first on its line.
func (s *Scanner) LineIndent() (col int, first bool) {
	i := s.tokLineStart
	for i < len(s.src) && (s.src[i] == ' ' || s.src[i] == '\t' || s.src[i] == '\f') {
		i++
	}
	return i - s.tokLineStart, s.tokFirst
}

func (s *Scanner) error(off, end int, kind ErrorKind, msg string) {
	s.ErrorCount++
	if s.err != nil {
		s.err(s.file.Pos(off), s.file.Pos(end), kind, msg)
	}
}

func (s *Scanner) pos(off int) Pos { return Pos(s.file.base + off) }

// text returns src[from:to] as a string sharing the file's memory (no
// copy): token texts, and so identifiers and literals in the AST, are
// views of the source, which a File keeps unmodified.
func (s *Scanner) text(from, to int) string { return s.file.text[from:to] }

// Scan returns the next token, its position and its source text (for
// literals, identifiers and comments; "" otherwise).
func (s *Scanner) Scan() (pos Pos, tok Token, lit string) {
	pos, tok, lit = s.scan()
	s.lastTok = tok
	if tok != COMMENT && tok != NEWLINE {
		s.lineHasToks = true
	}
	return
}

func (s *Scanner) scan() (Pos, Token, string) {
	if s.pending > 0 {
		s.pending--
		return s.pos(s.pendingPos), DEDENT, ""
	}
	if s.pending < 0 {
		s.pending = 0
		return s.pos(s.pendingPos), INDENT, ""
	}
	for {
		if s.atLineStart {
			s.atLineStart = false
			if tok, ok := s.lineIndent(); ok {
				return s.pos(s.pendingPos), tok, ""
			}
		}
		// skip whitespace
		for s.off < len(s.src) {
			c := s.src[s.off]
			if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				s.off++
				continue
			}
			if c >= utf8.RuneSelf {
				r, w := utf8.DecodeRune(s.src[s.off:])
				if isExtraSpace(r) {
					s.off += w
					continue
				}
			}
			break
		}
		if s.off >= len(s.src) {
			return s.scanEOF()
		}
		start := s.off
		c := s.src[s.off]
		if c != '\n' {
			s.tokFirst = !s.seenOnLine
			s.seenOnLine = true
			s.tokLineStart = s.lineStart
		}
		switch {
		case c == '\n':
			s.off++
			s.newLine(s.off)
			if s.parenDepth > 0 && len(s.brackets) > 0 && s.startsStatement(s.off) {
				// Error recovery: a line that can only start a new
				// top-level statement ends the unclosed brackets before it.
				for _, o := range s.openers {
					s.error(o, o+1, InvalidSyntax, "unclosed bracket '"+string(s.src[o])+"'")
				}
				s.parenDepth = 0
				s.brackets = s.brackets[:0]
				s.openers = s.openers[:0]
				s.atLineStart = true
				s.lineHasToks = false
				return s.pos(start), NEWLINE, ""
			}
			if s.parenDepth > 0 {
				if s.lastTok == NEWLINE || len(s.brackets) > 0 && s.brackets[len(s.brackets)-1] == '(' {
					// collapse blank lines inside brackets; newlines are
					// insignificant directly inside parentheses
					continue
				}
				return s.pos(start), NEWLINE, ""
			}
			s.atLineStart = true
			if !s.lineHasToks {
				continue // blank or comment-only line
			}
			s.lineHasToks = false
			return s.pos(start), NEWLINE, ""
		case c == '#':
			for s.off < len(s.src) && s.src[s.off] != '\n' {
				s.off++
			}
			end := s.off
			if end > start && s.src[end-1] == '\r' {
				end--
			}
			if s.mode&ScanComments != 0 {
				return s.pos(start), COMMENT, s.text(start, end)
			}
			continue
		case c == '\\':
			// line continuation
			s.off++
			if s.off < len(s.src) && s.src[s.off] == '\r' && s.off+1 < len(s.src) && s.src[s.off+1] == '\n' {
				s.off++
			}
			if s.off >= len(s.src) {
				continue
			}
			if s.src[s.off] == '\n' {
				s.off++
				s.newLine(s.off)
				continue
			}
			s.error(start, start+1, InvalidSyntax, "unexpected character after line continuation character")
			continue
		case c == ';':
			s.off++
			s.error(start, start+1, InvalidSyntax, "redundant semicolon")
			continue
		case isDigit(c):
			return s.scanNumber(start)
		case c == '"' || c == '\'':
			return s.scanString(start, start)
		case (c == 'r' || c == 'R') && s.off+1 < len(s.src) && (s.src[s.off+1] == '"' || s.src[s.off+1] == '\''):
			return s.scanString(start, start+1)
		case c == '$':
			s.off++
			if s.off < len(s.src) && s.isIdentStartAt(s.off) {
				s.scanIdentRest()
				return s.pos(start), IDENT, s.text(start, s.off)
			}
			s.error(start, start+1, InvalidSyntax, "invalid character '$'")
			return s.pos(start), ILLEGAL, "$"
		case s.isIdentStartAt(s.off):
			s.scanIdentRest()
			lit := s.text(start, s.off)
			if t := Lookup(lit); t != IDENT {
				return s.pos(start), t, lit
			}
			return s.pos(start), IDENT, lit
		default:
			return s.scanOperator(start)
		}
	}
}

func isExtraSpace(r rune) bool {
	switch r {
	case 0x85, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF:
		return true
	}
	return false
}

// lineIndent measures the indentation of a new logical line (outside
// brackets) and produces INDENT/DEDENT as needed. It skips blank and
// comment-only lines without producing anything.
func (s *Scanner) lineIndent() (Token, bool) {
	if s.parenDepth > 0 {
		return 0, false
	}
	for {
		var ind indent
		i := s.off
		for i < len(s.src) {
			switch s.src[i] {
			case ' ':
				ind.spaces++
			case '\t':
				ind.tabs++
			case '\f', '\r', '\v':
			default:
				goto done
			}
			i++
		}
	done:
		if i >= len(s.src) {
			return 0, false // EOF handled by scanEOF
		}
		c := s.src[i]
		if c == '\n' {
			// blank line
			s.off = i + 1
			s.newLine(s.off)
			continue
		}
		if c == '#' {
			// comment-only line: no indentation change
			s.off = i
			return 0, false
		}
		if c == '\\' && i+1 < len(s.src) && s.src[i+1] == '\n' {
			// a line made of a continuation: treat as blank
			s.off = i + 2
			s.newLine(s.off)
			continue
		}
		s.off = i
		s.pendingPos = i
		top := s.indents[len(s.indents)-1]
		cmp, ok := compareIndent(ind, top)
		if !ok {
			s.error(i, i, TabError, "inconsistent use of tabs and spaces in indentation")
			// recover: compare by total width
			cmp = compareInt(ind.tabs+ind.spaces, top.tabs+top.spaces)
		}
		switch {
		case cmp > 0:
			s.indents = append(s.indents, ind)
			return INDENT, true
		case cmp < 0:
			n := 0
			for len(s.indents) > 1 {
				t := s.indents[len(s.indents)-1]
				c, ok := compareIndent(ind, t)
				if !ok {
					c = compareInt(ind.tabs+ind.spaces, t.tabs+t.spaces)
				}
				if c >= 0 {
					break
				}
				s.indents = s.indents[:len(s.indents)-1]
				n++
			}
			t := s.indents[len(s.indents)-1]
			if c, _ := compareIndent(ind, t); c != 0 && ok {
				s.error(i, i, IndentationError, "invalid indentation with "+itoa(ind.spaces+ind.tabs)+" "+plural(ind.spaces+ind.tabs, "space")+", try to align indents by adding or removing spaces")
			}
			if n == 0 {
				return 0, false
			}
			s.pending = n - 1
			return DEDENT, true
		}
		return 0, false
	}
}

func plural(n int, w string) string {
	if n == 1 {
		return w
	}
	return w + "s"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func compareInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareIndent orders two indentations; ok is false when tabs and spaces
// disagree (TabError).
func compareIndent(a, b indent) (int, bool) {
	switch {
	case a.tabs == b.tabs && a.spaces == b.spaces:
		return 0, true
	case a.tabs >= b.tabs && a.spaces >= b.spaces:
		return 1, true
	case a.tabs <= b.tabs && a.spaces <= b.spaces:
		return -1, true
	}
	return 0, false
}

func (s *Scanner) scanEOF() (Pos, Token, string) {
	end := len(s.src)
	if !s.eofNewline {
		s.eofNewline = true
		if s.lineHasToks {
			s.lineHasToks = false
			return s.pos(end), NEWLINE, ""
		}
	}
	if len(s.indents) > 1 {
		s.indents = s.indents[:len(s.indents)-1]
		return s.pos(end), DEDENT, ""
	}
	return s.pos(end), EOF, ""
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isIdentStartByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

func (s *Scanner) isIdentStartAt(off int) bool {
	c := s.src[off]
	if c < utf8.RuneSelf {
		return isIdentStartByte(c)
	}
	r, _ := utf8.DecodeRune(s.src[off:])
	return unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r)
}

func (s *Scanner) scanIdentRest() {
	for s.off < len(s.src) {
		c := s.src[s.off]
		if c < utf8.RuneSelf {
			if isIdentStartByte(c) || isDigit(c) {
				s.off++
				continue
			}
			return
		}
		r, w := utf8.DecodeRune(s.src[s.off:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Nl) || unicode.Is(unicode.Other_ID_Start, r) || unicode.Is(unicode.Other_ID_Continue, r) {
			s.off += w
			continue
		}
		return
	}
}

// Unit suffixes allowed directly after an integer literal.
var unitSuffixes = map[string]bool{
	"n": true, "u": true, "m": true, "k": true, "K": true, "M": true, "G": true, "T": true, "P": true,
	"Ki": true, "Mi": true, "Gi": true, "Ti": true, "Pi": true,
}

// IsUnitSuffix reports whether s is a valid number unit suffix.
func IsUnitSuffix(s string) bool { return unitSuffixes[s] }

func (s *Scanner) digits(base int) int {
	n := 0
	for s.off < len(s.src) {
		c := s.src[s.off]
		ok := false
		switch base {
		case 2:
			ok = c == '0' || c == '1'
		case 8:
			ok = '0' <= c && c <= '7'
		case 16:
			ok = isHex(c)
		default:
			ok = isDigit(c)
		}
		if !ok && c != '_' {
			break
		}
		s.off++
		n++
	}
	return n
}

func (s *Scanner) scanNumber(start int) (Pos, Token, string) {
	tok := INT
	base := 10
	if s.src[s.off] == '0' && s.off+1 < len(s.src) {
		switch s.src[s.off+1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
	}
	if base != 10 {
		s.off += 2
		if s.digits(base) == 0 {
			s.error(start, s.off, InvalidSyntax, "invalid number literal: no digits after base prefix")
		}
		// a digit that does not belong to the base
		if s.off < len(s.src) && isDigit(s.src[s.off]) {
			for s.off < len(s.src) && isDigit(s.src[s.off]) {
				s.off++
			}
			s.error(start, s.off, InvalidSyntax, "invalid digit in number literal")
		}
		if s.off < len(s.src) && s.src[s.off] == '.' && s.off+1 < len(s.src) && isDigit(s.src[s.off+1]) {
			s.off++
			s.digits(10)
			s.error(start, s.off, InvalidSyntax, "invalid float literal with a non-decimal base")
			return s.pos(start), FLOAT, s.text(start, s.off)
		}
	} else {
		s.digits(10)
		if s.off < len(s.src) && s.src[s.off] == '.' {
			// "1." is a float unless followed by an identifier start or
			// another '.' (1..2 is not valid anyway).
			next := byte(0)
			if s.off+1 < len(s.src) {
				next = s.src[s.off+1]
			}
			if !(next != 0 && (s.isIdentStartAt(s.off+1) || next == '.')) {
				s.off++
				s.digits(10)
				tok = FLOAT
			}
		}
		if s.off < len(s.src) && (s.src[s.off] == 'e' || s.src[s.off] == 'E') {
			j := s.off + 1
			if j < len(s.src) && (s.src[j] == '+' || s.src[j] == '-') {
				j++
			}
			if j < len(s.src) && isDigit(s.src[j]) {
				s.off = j
				s.digits(10)
				tok = FLOAT
			} else if j > s.off+1 || tok == FLOAT {
				// 1e+ or 1.5e: empty exponent
				if !(tok == INT && (j == s.off+1)) {
					s.off = j
					s.error(start, s.off, InvalidSyntax, "invalid number literal: empty exponent")
					return s.pos(start), FLOAT, s.text(start, s.off)
				}
			}
		}
	}
	// unit suffix
	if s.off < len(s.src) && s.isIdentStartAt(s.off) {
		sufStart := s.off
		s.scanIdentRest()
		suf := s.text(sufStart, s.off)
		switch {
		case tok == FLOAT:
			s.error(start, s.off, InvalidSyntax, "float literal can not be followed the unit suffix")
		case !unitSuffixes[suf]:
			s.error(start, s.off, InvalidSyntax, "invalid int binary suffix")
		}
	}
	return s.pos(start), tok, s.text(start, s.off)
}

// scanString scans a string literal starting at start whose opening quote
// is at q (start+1 for raw strings).
func (s *Scanner) scanString(start, q int) (Pos, Token, string) {
	quote := s.src[q]
	triple := q+2 < len(s.src) && s.src[q+1] == quote && s.src[q+2] == quote
	if triple {
		// Jump from quote to quote (IndexByte is vectorised): doc strings
		// are most of the bytes of generated models.
		body := q + 3
		s.off = body
		for {
			i := bytes.IndexByte(s.src[s.off:], quote)
			if i < 0 {
				s.off = len(s.src)
				s.error(start, s.off, InvalidSyntax, "unterminated string literal")
				break
			}
			at := s.off + i
			bs := 0
			for j := at - 1; j >= body && s.src[j] == '\\'; j-- {
				bs++
			}
			if bs%2 == 0 && at+2 < len(s.src) && s.src[at+1] == quote && s.src[at+2] == quote {
				s.off = at + 3
				break
			}
			s.off = at + 1
		}
		if nl := bytes.LastIndexByte(s.src[start:s.off], '\n'); nl >= 0 {
			s.newLine(start + nl + 1)
			s.seenOnLine = true
		}
	} else {
		s.off = q + 1
		for {
			if s.off >= len(s.src) || s.src[s.off] == '\n' {
				s.error(start, s.off, InvalidSyntax, "unterminated string literal")
				break
			}
			c := s.src[s.off]
			if c == '\\' {
				if s.off+1 < len(s.src) && s.src[s.off+1] == '\n' {
					s.off += 2
					s.newLine(s.off)
					s.seenOnLine = true
					continue
				}
				s.off += 2
				if s.off > len(s.src) {
					s.off = len(s.src)
				}
				continue
			}
			s.off++
			if c == quote {
				break
			}
		}
	}
	return s.pos(start), STRING, s.text(start, s.off)
}

func (s *Scanner) scanOperator(start int) (Pos, Token, string) {
	c := s.src[s.off]
	s.off++
	at := func(i int) byte {
		if s.off+i < len(s.src) {
			return s.src[s.off+i]
		}
		return 0
	}
	tok := ILLEGAL
	switch c {
	case '+':
		tok = ADD
		if at(0) == '=' {
			s.off++
			tok = ADD_ASSIGN
		}
	case '-':
		tok = SUB
		switch at(0) {
		case '=':
			s.off++
			tok = SUB_ASSIGN
		case '>':
			s.off++
			tok = ARROW
		}
	case '*':
		tok = MUL
		if at(0) == '*' {
			s.off++
			tok = POW
			if at(0) == '=' {
				s.off++
				tok = POW_ASSIGN
			}
		} else if at(0) == '=' {
			s.off++
			tok = MUL_ASSIGN
		}
	case '/':
		tok = QUO
		if at(0) == '/' {
			s.off++
			tok = FLOORDIV
			if at(0) == '=' {
				s.off++
				tok = FLOORDIV_ASSIGN
			}
		} else if at(0) == '=' {
			s.off++
			tok = QUO_ASSIGN
		}
	case '%':
		tok = REM
		if at(0) == '=' {
			s.off++
			tok = REM_ASSIGN
		}
	case '&':
		tok = AND_BIT
		if at(0) == '=' {
			s.off++
			tok = AND_ASSIGN
		}
	case '|':
		tok = OR_BIT
		if at(0) == '=' {
			s.off++
			tok = OR_ASSIGN
		}
	case '^':
		tok = XOR
		if at(0) == '=' {
			s.off++
			tok = XOR_ASSIGN
		}
	case '~':
		tok = INV
	case '<':
		tok = LSS
		switch at(0) {
		case '<':
			s.off++
			tok = SHL
			if at(0) == '=' {
				s.off++
				tok = SHL_ASSIGN
			}
		case '=':
			s.off++
			tok = LEQ
		}
	case '>':
		tok = GTR
		switch at(0) {
		case '>':
			s.off++
			tok = SHR
			if at(0) == '=' {
				s.off++
				tok = SHR_ASSIGN
			}
		case '=':
			s.off++
			tok = GEQ
		}
	case '=':
		tok = ASSIGN
		if at(0) == '=' {
			s.off++
			tok = EQL
		}
	case '!':
		if at(0) == '=' {
			s.off++
			tok = NEQ
		} else {
			tok = NOT_BANG
			s.error(start, s.off, InvalidSyntax, "invalid token '!', consider using 'not'")
		}
	case '(':
		tok = LPAREN
		s.open(c)
	case '[':
		tok = LBRACK
		s.open(c)
	case '{':
		tok = LBRACE
		s.open(c)
	case ')':
		tok = RPAREN
		s.close(start, '(')
	case ']':
		tok = RBRACK
		s.close(start, '[')
	case '}':
		tok = RBRACE
		s.close(start, '{')
	case ',':
		tok = COMMA
	case '.':
		tok = PERIOD
		if at(0) == '.' && at(1) == '.' {
			s.off += 2
			tok = ELLIPSIS
		}
	case ':':
		tok = COLON
	case '@':
		tok = AT
	case '?':
		tok = QUESTION
	default:
		// invalid character: consume the whole rune
		if c >= utf8.RuneSelf {
			_, w := utf8.DecodeRune(s.src[start:])
			s.off = start + w
		}
		s.error(start, s.off, InvalidSyntax, "invalid character in source")
		return s.pos(start), ILLEGAL, s.text(start, s.off)
	}
	return s.pos(start), tok, ""
}

func (s *Scanner) open(c byte) {
	s.parenDepth++
	s.brackets = append(s.brackets, c)
	s.openers = append(s.openers, s.off-1)
}

// startsStatement reports whether the line at off (after blank lines)
// starts, in column 0, with a construct that is only valid as a top-level
// statement: `schema X`, `import x`, `rule X`, `protocol X`, `mixin X` or
// a decorator. Inside brackets such a line means a bracket was left open.
func (s *Scanner) startsStatement(off int) bool {
	for off < len(s.src) && (s.src[off] == '\n' || s.src[off] == '\r') {
		off++
	}
	rest := s.src[off:]
	if len(rest) > 1 && rest[0] == '@' && isIdentStartByte(rest[1]) {
		return true
	}
	for _, kw := range [...]string{"schema", "import", "rule", "protocol", "mixin"} {
		if len(rest) > len(kw)+1 && string(rest[:len(kw)]) == kw && rest[len(kw)] == ' ' {
			i := len(kw) + 1
			for i < len(rest) && rest[i] == ' ' {
				i++
			}
			if i < len(rest) && (isIdentStartByte(rest[i]) || rest[i] == '.' && kw == "import") {
				return true
			}
		}
	}
	return false
}

func (s *Scanner) close(off int, want byte) {
	if len(s.brackets) == 0 {
		s.error(off, off+1, InvalidSyntax, "unmatched closing bracket '"+string(closer(want))+"'")
		return
	}
	top := s.brackets[len(s.brackets)-1]
	if top != want {
		s.error(off, off+1, InvalidSyntax, "mismatched closing bracket: expected '"+string(closer(top))+"'")
	}
	s.brackets = s.brackets[:len(s.brackets)-1]
	s.openers = s.openers[:len(s.openers)-1]
	s.parenDepth--
}

func closer(open byte) byte {
	switch open {
	case '(':
		return ')'
	case '[':
		return ']'
	}
	return '}'
}

// Depth returns the bracket nesting depth after the last returned token.
func (s *Scanner) Depth() int { return s.parenDepth }

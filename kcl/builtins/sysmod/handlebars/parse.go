package handlebars

import (
	"fmt"
	"strconv"
	"strings"
)

// tagKind classifies a mustache tag.
type tagKind int

const (
	tagVar      tagKind = iota // {{expr}}
	tagRawVar                  // {{{expr}}} or {{&expr}}
	tagComment                 // {{! ...}} {{!-- ... --}}
	tagOpen                    // {{#name ...}}
	tagInverse                 // {{^name ...}}
	tagClose                   // {{/name}}
	tagElse                    // {{else}}, {{else if ...}}, {{^}}
	tagPartial                 // {{> name}}
	tagRawBlock                // {{{{raw}}}} ... {{{{/raw}}}}
)

// token is a piece of template text or a tag.
type token struct {
	isTag     bool
	text      string // text, raw block content
	kind      tagKind
	body      string // tag content without braces, sigil and ~
	trimLeft  bool   // {{~
	trimRight bool   // ~}}
	line, col int
}

// lex splits a template into text and tags.
func lex(src string) ([]token, error) {
	var toks []token
	var text strings.Builder
	line, col := 1, 1
	advance := func(s string) {
		for _, r := range s {
			if r == '\n' {
				line++
				col = 1
			} else {
				col++
			}
		}
	}
	flush := func() {
		if text.Len() > 0 {
			toks = append(toks, token{text: text.String()})
			text.Reset()
		}
	}
	i := 0
	for i < len(src) {
		if src[i] == '\\' && strings.HasPrefix(src[i+1:], "{{") {
			text.WriteString("{{")
			advance(src[i : i+3])
			i += 3
			continue
		}
		if !strings.HasPrefix(src[i:], "{{") {
			text.WriteByte(src[i])
			advance(src[i : i+1])
			i++
			continue
		}
		flush()
		tl, tc := line, col
		rest := src[i:]
		var tok token
		var n int
		var err error
		switch {
		case strings.HasPrefix(rest, "{{{{"):
			tok, n, err = lexRawBlock(rest)
		case strings.HasPrefix(rest, "{{!--") || strings.HasPrefix(rest, "{{~!--"):
			end := strings.Index(rest, "--}}")
			endTrim := strings.Index(rest, "--~}}")
			switch {
			case endTrim >= 0 && (end < 0 || endTrim < end):
				tok = token{isTag: true, kind: tagComment, trimRight: true}
				n = endTrim + 5
			case end >= 0:
				tok = token{isTag: true, kind: tagComment}
				n = end + 4
			default:
				err = fmt.Errorf("unterminated comment")
			}
			tok.trimLeft = strings.HasPrefix(rest, "{{~")
		default:
			tok, n, err = lexTag(rest)
		}
		if err != nil {
			return nil, fmt.Errorf("Template error: %s at line %d, col %d", err, tl, tc)
		}
		tok.line, tok.col = tl, tc
		toks = append(toks, tok)
		advance(src[i : i+n])
		i += n
	}
	flush()
	return toks, nil
}

// lexRawBlock reads {{{{name}}}} ... {{{{/name}}}}.
func lexRawBlock(s string) (token, int, error) {
	end := strings.Index(s, "}}}}")
	if end < 0 {
		return token{}, 0, fmt.Errorf("unterminated raw block")
	}
	name := strings.TrimSpace(s[4:end])
	if f := strings.Fields(name); len(f) > 0 {
		name = f[0]
	}
	closeTag := "{{{{/" + name + "}}}}"
	start := end + 4
	stop := strings.Index(s[start:], closeTag)
	if stop < 0 {
		return token{}, 0, fmt.Errorf("raw block %s is not closed", name)
	}
	return token{isTag: true, kind: tagRawBlock, text: s[start : start+stop], body: name}, start + stop + len(closeTag), nil
}

// lexTag reads one {{...}} tag at the start of s.
func lexTag(s string) (token, int, error) {
	tok := token{isTag: true}
	i := 2
	if i < len(s) && s[i] == '~' {
		tok.trimLeft = true
		i++
	}
	triple := false
	if i < len(s) && s[i] == '{' {
		triple = true
		i++
	}
	closing := "}}"
	if triple {
		closing = "}}}"
	}
	// Find the closing braces outside string literals.
	end := -1
	var quote byte
	for j := i; j < len(s); j++ {
		c := s[j]
		if quote != 0 {
			if c == '\\' {
				j++
			} else if c == quote {
				quote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
			continue
		}
		if strings.HasPrefix(s[j:], closing) {
			end = j
			break
		}
		if strings.HasPrefix(s[j:], "~"+closing) {
			end = j
			tok.trimRight = true
			break
		}
	}
	if end < 0 {
		return tok, 0, fmt.Errorf("unclosed expression")
	}
	body := s[i:end]
	n := end + len(closing)
	if tok.trimRight {
		n++
	}
	if triple {
		tok.kind = tagRawVar
		tok.body = strings.TrimSpace(body)
		return tok, n, nil
	}
	trimmed := strings.TrimSpace(body)
	switch {
	case strings.HasPrefix(trimmed, "!"):
		tok.kind = tagComment
	case strings.HasPrefix(trimmed, "#"):
		tok.kind = tagOpen
		tok.body = strings.TrimSpace(trimmed[1:])
		if strings.HasPrefix(tok.body, "*") || strings.HasPrefix(tok.body, ">") {
			return tok, 0, fmt.Errorf("decorators and partial blocks are not supported")
		}
	case trimmed == "^":
		tok.kind = tagElse
	case strings.HasPrefix(trimmed, "^"):
		tok.kind = tagInverse
		tok.body = strings.TrimSpace(trimmed[1:])
	case strings.HasPrefix(trimmed, "/"):
		tok.kind = tagClose
		tok.body = strings.TrimSpace(trimmed[1:])
	case strings.HasPrefix(trimmed, ">"):
		tok.kind = tagPartial
		tok.body = strings.TrimSpace(trimmed[1:])
	case strings.HasPrefix(trimmed, "&"):
		tok.kind = tagRawVar
		tok.body = strings.TrimSpace(trimmed[1:])
	case strings.HasPrefix(trimmed, "*"):
		return tok, 0, fmt.Errorf("decorators are not supported")
	case trimmed == "else" || strings.HasPrefix(trimmed, "else ") || strings.HasPrefix(trimmed, "else\t"):
		tok.kind = tagElse
		tok.body = strings.TrimSpace(trimmed[4:])
	default:
		tok.kind = tagVar
		tok.body = trimmed
	}
	return tok, n, nil
}

// applyWhitespace removes standalone block lines and applies ~ trimming.
func applyWhitespace(toks []token) {
	standalone := make([]bool, len(toks))
	for k, t := range toks {
		if !t.isTag {
			continue
		}
		switch t.kind {
		case tagOpen, tagInverse, tagClose, tagElse, tagComment, tagPartial:
		default:
			continue
		}
		// Start of the line: the template start or a newline followed by
		// blanks only.
		lineStart := false
		if k == 0 {
			lineStart = true
		} else if !toks[k-1].isTag {
			prev := toks[k-1].text
			nl := strings.LastIndexByte(prev, '\n')
			if isBlank(prev[nl+1:]) && (nl >= 0 || k-1 == 0) {
				lineStart = true
			}
		}
		if !lineStart {
			continue
		}
		lineEnd := false
		if k == len(toks)-1 {
			lineEnd = true
		} else if !toks[k+1].isTag {
			next := toks[k+1].text
			nl := strings.IndexByte(next, '\n')
			if nl >= 0 && isBlank(strings.TrimSuffix(next[:nl], "\r")) {
				lineEnd = true
			} else if nl < 0 && isBlank(next) && k+1 == len(toks)-1 {
				lineEnd = true
			}
		}
		standalone[k] = lineEnd
	}
	for k := range toks {
		if !standalone[k] {
			continue
		}
		if k > 0 && !toks[k-1].isTag {
			prev := toks[k-1].text
			toks[k-1].text = prev[:strings.LastIndexByte(prev, '\n')+1]
		}
		if k+1 < len(toks) && !toks[k+1].isTag {
			next := toks[k+1].text
			if nl := strings.IndexByte(next, '\n'); nl >= 0 {
				toks[k+1].text = next[nl+1:]
			} else {
				toks[k+1].text = ""
			}
		}
	}
	for k, t := range toks {
		if !t.isTag {
			continue
		}
		if t.trimLeft && k > 0 && !toks[k-1].isTag {
			toks[k-1].text = strings.TrimRight(toks[k-1].text, " \t\r\n\f\v")
		}
		if t.trimRight && k+1 < len(toks) && !toks[k+1].isTag {
			toks[k+1].text = strings.TrimLeft(toks[k+1].text, " \t\r\n\f\v")
		}
	}
}

func isBlank(s string) bool { return strings.Trim(s, " \t") == "" }

// node is an element of a parsed template.
type node interface{}

type textNode struct{ text string }

type exprNode struct {
	call      *call
	escape    bool
	line, col int
}

type blockNode struct {
	call        *call
	inverted    bool // {{^name}}
	blockParams []string
	body        []node
	inverse     []node
	line, col   int
}

type partialNode struct {
	name      string
	line, col int
}

// call is a helper call or a path with arguments.
type call struct {
	name   *operand // the path or helper name
	params []*operand
	hash   []hashArg
}

type hashArg struct {
	key string
	val *operand
}

// operand is a path, a literal or a subexpression.
type operand struct {
	path  *path
	lit   any // string, int64, float64, bool, nil (for null)
	isLit bool
	sub   *call
}

// path is a parsed Handlebars path expression.
type path struct {
	raw      string
	data     bool     // starts with @
	up       int      // number of ../
	this     bool     // starts with this or .
	segments []string // remaining segments
}

// parseTemplate parses src into nodes.
func parseTemplate(src string) ([]node, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	applyWhitespace(toks)

	type frame struct {
		block   *blockNode
		name    string
		inElse  bool
		chained bool // created by {{else if ...}}: closes with its parent
	}
	root := &blockNode{}
	stack := []*frame{{block: root}}
	appendNode := func(n node) {
		f := stack[len(stack)-1]
		if f.inElse {
			f.block.inverse = append(f.block.inverse, n)
		} else {
			f.block.body = append(f.block.body, n)
		}
	}
	for _, t := range toks {
		if !t.isTag {
			if t.text != "" {
				appendNode(&textNode{text: t.text})
			}
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("Template error: %s at line %d, col %d", fmt.Sprintf(format, args...), t.line, t.col)
		}
		switch t.kind {
		case tagComment:
		case tagRawBlock:
			appendNode(&textNode{text: t.text})
		case tagVar, tagRawVar:
			c, _, err := parseCall(t.body)
			if err != nil {
				return nil, fail("%s", err)
			}
			appendNode(&exprNode{call: c, escape: t.kind == tagVar, line: t.line, col: t.col})
		case tagPartial:
			appendNode(&partialNode{name: strings.Fields(t.body + " ")[0], line: t.line, col: t.col})
		case tagOpen, tagInverse:
			c, params, err := parseCall(t.body)
			if err != nil {
				return nil, fail("%s", err)
			}
			b := &blockNode{call: c, inverted: t.kind == tagInverse, blockParams: params, line: t.line, col: t.col}
			appendNode(b)
			stack = append(stack, &frame{block: b, name: c.name.text()})
		case tagElse:
			f := stack[len(stack)-1]
			if len(stack) == 1 {
				return nil, fail("else without a block")
			}
			if f.inElse {
				return nil, fail("duplicate else in block %s", f.name)
			}
			f.inElse = true
			if t.body != "" {
				c, params, err := parseCall(t.body)
				if err != nil {
					return nil, fail("%s", err)
				}
				b := &blockNode{call: c, blockParams: params, line: t.line, col: t.col}
				f.block.inverse = append(f.block.inverse, b)
				stack = append(stack, &frame{block: b, name: f.name, chained: true})
			}
		case tagClose:
			for len(stack) > 1 && stack[len(stack)-1].chained {
				stack = stack[:len(stack)-1]
			}
			f := stack[len(stack)-1]
			if len(stack) == 1 {
				return nil, fail("unexpected closing tag %s", t.body)
			}
			if f.name != t.body {
				return nil, fail("mismatched closing tag: expected %s, found %s", f.name, t.body)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 1 {
		return nil, fmt.Errorf("Template error: unclosed block %s", stack[len(stack)-1].name)
	}
	return root.body, nil
}

func (o *operand) text() string {
	if o == nil {
		return ""
	}
	if o.path != nil {
		return o.path.raw
	}
	return fmt.Sprint(o.lit)
}

// exprScanner splits an expression into words.
type exprScanner struct {
	s   string
	pos int
}

func (sc *exprScanner) skipSpace() {
	for sc.pos < len(sc.s) && strings.ContainsRune(" \t\r\n", rune(sc.s[sc.pos])) {
		sc.pos++
	}
}

// parseCall parses "name arg1 arg2 k=v as |a b|".
func parseCall(s string) (*call, []string, error) {
	sc := &exprScanner{s: s}
	c, err := sc.call(false)
	if err != nil {
		return nil, nil, err
	}
	sc.skipSpace()
	var blockParams []string
	if strings.HasPrefix(sc.s[sc.pos:], "as ") || strings.HasPrefix(sc.s[sc.pos:], "as|") {
		sc.pos += 2
		sc.skipSpace()
		if sc.pos >= len(sc.s) || sc.s[sc.pos] != '|' {
			return nil, nil, fmt.Errorf("invalid block parameters")
		}
		end := strings.IndexByte(sc.s[sc.pos+1:], '|')
		if end < 0 {
			return nil, nil, fmt.Errorf("invalid block parameters")
		}
		blockParams = strings.Fields(sc.s[sc.pos+1 : sc.pos+1+end])
		sc.pos += end + 2
		sc.skipSpace()
	}
	if sc.pos < len(sc.s) {
		return nil, nil, fmt.Errorf("unexpected %q in expression", sc.s[sc.pos:])
	}
	return c, blockParams, nil
}

// call parses a name followed by arguments; sub is true inside (...).
func (sc *exprScanner) call(sub bool) (*call, error) {
	sc.skipSpace()
	name, err := sc.operand()
	if err != nil {
		return nil, err
	}
	if name == nil {
		return nil, fmt.Errorf("empty expression")
	}
	c := &call{name: name}
	for {
		sc.skipSpace()
		if sc.pos >= len(sc.s) {
			if sub {
				return nil, fmt.Errorf("unclosed subexpression")
			}
			return c, nil
		}
		if sc.s[sc.pos] == ')' {
			if !sub {
				return nil, fmt.Errorf("unexpected )")
			}
			sc.pos++
			return c, nil
		}
		if !sub && (strings.HasPrefix(sc.s[sc.pos:], "as |") || strings.HasPrefix(sc.s[sc.pos:], "as|")) {
			return c, nil
		}
		// key=value?
		if key, ok := sc.hashKey(); ok {
			v, err := sc.operand()
			if err != nil {
				return nil, err
			}
			if v == nil {
				return nil, fmt.Errorf("missing value for %s", key)
			}
			c.hash = append(c.hash, hashArg{key: key, val: v})
			continue
		}
		op, err := sc.operand()
		if err != nil {
			return nil, err
		}
		if op == nil {
			return nil, fmt.Errorf("unexpected %q in expression", sc.s[sc.pos:])
		}
		c.params = append(c.params, op)
	}
}

func (sc *exprScanner) hashKey() (string, bool) {
	j := sc.pos
	for j < len(sc.s) && isIDChar(sc.s[j]) {
		j++
	}
	if j > sc.pos && j < len(sc.s) && sc.s[j] == '=' {
		key := sc.s[sc.pos:j]
		sc.pos = j + 1
		return key, true
	}
	return "", false
}

func isIDChar(c byte) bool {
	return c == '_' || c == '-' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// operand reads one literal, subexpression or path; nil at the end.
func (sc *exprScanner) operand() (*operand, error) {
	sc.skipSpace()
	if sc.pos >= len(sc.s) {
		return nil, nil
	}
	c := sc.s[sc.pos]
	switch {
	case c == '(':
		sc.pos++
		sub, err := sc.call(true)
		if err != nil {
			return nil, err
		}
		return &operand{sub: sub}, nil
	case c == '"' || c == '\'':
		var b strings.Builder
		j := sc.pos + 1
		for ; j < len(sc.s) && sc.s[j] != c; j++ {
			if sc.s[j] == '\\' && j+1 < len(sc.s) {
				j++
			}
			b.WriteByte(sc.s[j])
		}
		if j >= len(sc.s) {
			return nil, fmt.Errorf("unterminated string literal")
		}
		sc.pos = j + 1
		return &operand{lit: b.String(), isLit: true}, nil
	case c == ')':
		return nil, nil
	}
	// A word: path or number/keyword literal. Brackets delimit literal
	// segments that may contain spaces.
	j := sc.pos
	for j < len(sc.s) {
		ch := sc.s[j]
		if ch == '[' {
			end := strings.IndexByte(sc.s[j:], ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed [ in path")
			}
			j += end + 1
			continue
		}
		if strings.ContainsRune(" \t\r\n()=|", rune(ch)) {
			break
		}
		j++
	}
	word := sc.s[sc.pos:j]
	sc.pos = j
	if word == "" {
		return nil, fmt.Errorf("unexpected %q", string(c))
	}
	switch word {
	case "true":
		return &operand{lit: true, isLit: true}, nil
	case "false":
		return &operand{lit: false, isLit: true}, nil
	case "null", "undefined":
		return &operand{lit: nil, isLit: true}, nil
	}
	if isNumberWord(word) {
		if i, err := strconv.ParseInt(word, 10, 64); err == nil {
			return &operand{lit: i, isLit: true}, nil
		}
		if f, err := strconv.ParseFloat(word, 64); err == nil {
			return &operand{lit: f, isLit: true}, nil
		}
	}
	p, err := parsePath(word)
	if err != nil {
		return nil, err
	}
	return &operand{path: p}, nil
}

func isNumberWord(w string) bool {
	s := strings.TrimPrefix(w, "-")
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == 'e' || s[i] == 'E' || s[i] == '+' || s[i] == '-') {
			return false
		}
	}
	return true
}

// parsePath parses this.a.b, ../x, @index, @root.a, a/b, a.[b c], a.0.
func parsePath(w string) (*path, error) {
	p := &path{raw: w}
	s := w
	if strings.HasPrefix(s, "@") {
		p.data = true
		s = s[1:]
	}
	for strings.HasPrefix(s, "../") {
		p.up++
		s = s[3:]
	}
	if s == ".." {
		p.up++
		s = ""
	}
	var segs []string
	for s != "" {
		var seg string
		if s[0] == '[' {
			end := strings.IndexByte(s, ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed [ in path %s", w)
			}
			seg = s[1:end]
			s = s[end+1:]
			segs = append(segs, "["+seg)
		} else {
			end := strings.IndexAny(s, "./")
			if end < 0 {
				end = len(s)
			}
			seg = s[:end]
			s = s[end:]
			segs = append(segs, seg)
		}
		if s != "" {
			if s[0] != '.' && s[0] != '/' {
				return nil, fmt.Errorf("invalid path %s", w)
			}
			s = s[1:]
			if s == "" {
				return nil, fmt.Errorf("invalid path %s", w)
			}
		}
	}
	if !p.data && len(segs) > 0 && (segs[0] == "this" || segs[0] == ".") {
		p.this = true
		segs = segs[1:]
	}
	if w == "." {
		p.this = true
		segs = nil
	}
	for i, seg := range segs {
		segs[i] = strings.TrimPrefix(seg, "[")
	}
	p.segments = segs
	return p, nil
}

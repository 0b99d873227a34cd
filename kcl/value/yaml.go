package value

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// EncodeYAML returns v as one YAML document the way upstream prints it
// (serde_yaml 0.9 over libyaml): block style, two-space indentation,
// sequences inside mappings not indented, strings quoted only when they
// would read back as another type or contain special characters,
// multi-line strings as literal block scalars, floats in shortest
// round-trip form. The result ends with a newline ("{}\n" for an empty
// dict). Undefined values and functions are left out (as ToData does);
// the value is written directly, without building a converted copy.
func EncodeYAML(v Value, opts EncodeOptions) string {
	return encodeYAML(v, yamlFilter{sortKeys: opts.SortKeys, ignorePrivate: opts.IgnorePrivate, ignoreNone: opts.IgnoreNone})
}

// EncodeDataYAML encodes an already converted data tree (see ToData).
func EncodeDataYAML(data Value) string {
	return encodeYAML(data, yamlFilter{})
}

// yamlFilter selects what the emitter writes: it leaves out Undefined
// values and functions always, private (_x) keys and None values on
// request, sorts mapping keys on request, and with typePath adds `_type`
// to schema instances below the root (PlanOptions.IncludeSchemaTypePath).
type yamlFilter struct {
	sortKeys, ignorePrivate, ignoreNone, typePath bool
}

func encodeYAML(v Value, f yamlFilter) string {
	e := yamlEmitter{filter: f}
	e.document(v)
	return e.b.String()
}

// document appends v as one document to the emitter's text.
func (e *yamlEmitter) document(v Value) {
	e.column, e.whitespace, e.indention, e.indent, e.rootContext = 0, true, true, -1, true
	e.indents, e.flowLevel, e.openEnded, e.simpleKey, e.depth = e.indents[:0], 0, 0, false, 0
	e.node(v, false, false)
	e.writeIndent(0) // document end: finish the last line
	if e.openEnded == 2 {
		e.writeIndicator("...", true, false, false)
		e.writeIndent(0)
	}
}

const (
	yamlBestIndent = 2
	yamlBestWidth  = 80
)

// yamlEmitter reproduces the layout decisions of libyaml's emitter for the
// block-style documents serde_yaml produces.
type yamlEmitter struct {
	b           strings.Builder
	column      int
	whitespace  bool
	indention   bool
	indent      int
	indents     []int
	flowLevel   int
	openEnded   int
	rootContext bool
	simpleKey   bool
	depth       int
	filter      yamlFilter
	// scratch holds, per nesting depth, the reusable entry buffer of the
	// mapping being written there.
	scratch [][]Entry
	// maxBytes > 0 bounds the text: past it, writing stops and overflow
	// is set.
	maxBytes int
	overflow bool
}

func (e *yamlEmitter) put(c byte) {
	e.b.WriteByte(c)
	e.column++
}

func (e *yamlEmitter) putBreak() {
	e.b.WriteByte('\n')
	e.column = 0
}

func (e *yamlEmitter) writeRaw(s string) {
	e.b.WriteString(s)
	e.column += utf8.RuneCountInString(s)
}

func (e *yamlEmitter) writeIndent(indent int) {
	if e.maxBytes > 0 && e.b.Len() > e.maxBytes {
		e.overflow = true
	}
	if indent < 0 {
		indent = 0
	}
	if !e.indention || e.column > indent || (e.column == indent && !e.whitespace) {
		e.putBreak()
	}
	for e.column < indent {
		n := min(indent-e.column, len(yamlSpaces))
		e.b.WriteString(yamlSpaces[:n])
		e.column += n
	}
	e.whitespace = true
	e.indention = true
}

const yamlSpaces = "                                                                "

func (e *yamlEmitter) writeIndicator(s string, needWhitespace, isWhitespace, isIndention bool) {
	if needWhitespace && !e.whitespace {
		e.put(' ')
	}
	e.writeRaw(s)
	e.whitespace = isWhitespace
	e.indention = e.indention && isIndention
}

func (e *yamlEmitter) increaseIndent(flow, indentless bool) {
	e.indents = append(e.indents, e.indent)
	if e.indent < 0 {
		if flow {
			e.indent = yamlBestIndent
		} else {
			e.indent = 0
		}
	} else if !indentless {
		e.indent += yamlBestIndent
	}
}

func (e *yamlEmitter) popIndent() {
	n := len(e.indents)
	e.indent = e.indents[n-1]
	e.indents = e.indents[:n-1]
}

const maxYAMLDepth = 1000

// node emits one node. mappingCtx is true for mapping values, seqCtx for
// sequence items.
func (e *yamlEmitter) node(v Value, seqCtx, mappingCtx bool) {
	if e.overflow {
		return
	}
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxYAMLDepth {
		v = None
	}
	root := e.rootContext
	switch v := v.(type) {
	case *Dict:
		e.mapping(v, nil, root)
	case *Schema:
		e.mapping(v.Attrs, v, root)
	case *List:
		e.rootContext = false
		if e.visibleItems(v) == 0 {
			e.emptyFlow("[", "]")
		} else {
			e.blockSequence(v, mappingCtx)
		}
		e.rootContext = root
	default:
		text, style := yamlScalar(v)
		e.scalar(text, style)
	}
}

// skip reports whether a dict or list member is left out of the output.
func (f *yamlFilter) skip(v Value) bool {
	switch v.(type) {
	case nil, undefinedValue, *Func:
		return true
	case noneValue:
		return f.ignoreNone
	}
	return false
}

func (e *yamlEmitter) visibleItems(l *List) int {
	n := 0
	for _, it := range l.Items {
		if !e.filter.skip(it) {
			n++
		}
	}
	return n
}

// mapping writes the visible entries of d (the attributes of schema s
// when it is not nil).
func (e *yamlEmitter) mapping(d *Dict, s *Schema, root bool) {
	entries := d.entries
	filtered := false
	for i := range entries {
		if e.hidden(&entries[i]) {
			filtered = true
			break
		}
	}
	addType := s != nil && e.filter.typePath && !root
	if filtered || addType || (e.filter.sortKeys && len(entries) > 1) {
		for len(e.scratch) <= e.depth {
			e.scratch = append(e.scratch, nil)
		}
		buf := e.scratch[e.depth][:0]
		for i := range entries {
			if !e.hidden(&entries[i]) {
				buf = append(buf, entries[i])
			}
		}
		if addType {
			t := Entry{Key: "_type", Value: Str(s.FullName())}
			found := false
			for i := range buf {
				if buf[i].Key == t.Key {
					buf[i].Value, found = t.Value, true
				}
			}
			if !found {
				buf = append(buf, t)
			}
		}
		if e.filter.sortKeys {
			sort.SliceStable(buf, func(i, j int) bool { return buf[i].Key < buf[j].Key })
		}
		e.scratch[e.depth] = buf
		entries = buf
	}
	e.rootContext = false
	if len(entries) == 0 {
		e.emptyFlow("{", "}")
	} else {
		e.blockMapping(entries)
	}
	e.rootContext = root
}

// hidden reports whether a mapping entry is left out.
func (e *yamlEmitter) hidden(ent *Entry) bool {
	return e.filter.skip(ent.Value) || e.filter.ignorePrivate && IsHidden(ent.Key)
}

func (e *yamlEmitter) emptyFlow(open, close string) {
	e.writeIndicator(open, true, true, false)
	e.writeIndicator(close, false, false, false)
}

func (e *yamlEmitter) blockSequence(l *List, mappingCtx bool) {
	e.increaseIndent(false, mappingCtx && !e.indention)
	for _, item := range l.Items {
		if e.filter.skip(item) {
			continue
		}
		e.writeIndent(e.indent)
		e.writeIndicator("-", true, false, true)
		e.node(item, true, false)
	}
	e.popIndent()
}

func (e *yamlEmitter) blockMapping(entries []Entry) {
	e.increaseIndent(false, false)
	for i := range entries {
		ent := &entries[i]
		e.writeIndent(e.indent)
		key := ent.Key
		style := stringStyle(key)
		a := analyzeScalar(key)
		if len(key) <= 128 && !a.multiline {
			e.simpleKey = true
			e.scalarAnalyzed(key, style, a)
			e.simpleKey = false
			e.writeIndicator(":", false, false, false)
		} else {
			e.writeIndicator("?", true, false, true)
			e.scalarAnalyzed(key, style, a)
			e.writeIndent(e.indent)
			e.writeIndicator(":", true, false, true)
		}
		e.node(ent.Value, false, true)
	}
	e.popIndent()
}

type scalarStyle uint8

const (
	styleAny scalarStyle = iota
	stylePlain
	styleSingle
	styleDouble
	styleLiteral
)

// yamlScalar returns the text and requested style of a scalar value, as
// serde_yaml serializes it.
func yamlScalar(v Value) (string, scalarStyle) {
	switch v := v.(type) {
	case Bool:
		if v {
			return "true", stylePlain
		}
		return "false", stylePlain
	case Int:
		return strconv.FormatInt(int64(v), 10), stylePlain
	case Float:
		return FloatRepr(jsonRoundTrip(float64(v))), stylePlain
	case Unit:
		return FloatRepr(jsonRoundTrip(v.Value)), stylePlain
	case Str:
		return string(v), stringStyle(string(v))
	}
	return "null", stylePlain
}

// stringStyle is serde_yaml's choice of style for a string: literal for
// multi-line strings, single-quoted when the plain text would read back as
// null, a bool, a number or another ambiguous word, else "any" (libyaml
// decides).
func stringStyle(s string) scalarStyle {
	if strings.Contains(s, "\n") {
		return styleLiteral
	}
	if yamlNonString(s) || yamlAmbiguous(s) {
		return styleSingle
	}
	return styleAny
}

// yamlNonString reports whether the plain scalar s resolves to something
// other than a string (null, bool, int or float) under serde_yaml's rules.
func yamlNonString(s string) bool {
	switch s {
	case "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE":
		return true
	}
	if !mayBeNumber(s) {
		return false
	}
	if _, ok := parseYAMLInt(s); ok {
		return true
	}
	if digitsButNotNumber(s) {
		return false
	}
	_, ok := parseYAMLFloat(s)
	return ok
}

// mayBeNumber reports whether s could parse as a YAML number: it starts
// with a digit, sign or dot.
func mayBeNumber(s string) bool {
	c := s[0]
	return c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}

func yamlAmbiguous(s string) bool {
	if s == "" {
		return true
	}
	c := s[0]
	if c >= '0' && c <= '9' || c == '-' || c == '.' || c == '+' {
		return true
	}
	if len(s) > 5 {
		return false
	}
	for _, w := range ambiguousWords {
		if len(w) == len(s) && strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// ambiguousWords are the plain scalars (any letter case) that YAML 1.1
// readers take for booleans or null.
var ambiguousWords = [...]string{"true", "false", "null", "~", "y", "yes", "n", "no", "on", "off", "nil", "nan"}

func digitsButNotNumber(s string) bool {
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if len(s) <= 1 || s[0] != '0' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseYAMLInt parses s as serde_yaml parses an untagged plain integer:
// optional sign, 0x/0o/0b prefixes, decimal without leading zeros. Values
// beyond int64 are reported as ok with a zero result (they are still
// integers for quoting purposes).
func parseYAMLInt(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	neg := false
	body := s
	switch body[0] {
	case '+':
		body = body[1:]
	case '-':
		neg = true
		body = body[1:]
	}
	if body == "" || body[0] == '+' || body[0] == '-' {
		return 0, false
	}
	base := 10
	switch {
	case strings.HasPrefix(body, "0x"):
		base, body = 16, body[2:]
	case strings.HasPrefix(body, "0o"):
		base, body = 8, body[2:]
	case strings.HasPrefix(body, "0b"):
		base, body = 2, body[2:]
	default:
		if digitsButNotNumber(s) {
			return 0, false
		}
	}
	if body == "" || body[0] == '+' || body[0] == '-' {
		return 0, false
	}
	if neg {
		body = "-" + body
	}
	n, err := strconv.ParseInt(body, base, 64)
	if err == nil {
		return n, true
	}
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
		// Too large for int64 but still an integer (u64/i128 in upstream).
		if _, err := strconv.ParseUint(strings.TrimPrefix(body, "-"), base, 64); err == nil || isRangeErr(err) {
			return 0, true
		}
	}
	return 0, false
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// parseYAMLFloat parses s as serde_yaml parses an untagged plain float
// (Rust f64 syntax plus .inf/.nan spellings); only finite values and the
// YAML infinity/NaN spellings count.
func parseYAMLFloat(s string) (float64, bool) {
	unpos := s
	if strings.HasPrefix(s, "+") {
		unpos = s[1:]
		if strings.HasPrefix(unpos, "+") || strings.HasPrefix(unpos, "-") {
			return 0, false
		}
	}
	switch unpos {
	case ".inf", ".Inf", ".INF":
		return math.Inf(1), true
	}
	switch s {
	case "-.inf", "-.Inf", "-.INF":
		return math.Inf(-1), true
	case ".nan", ".NaN", ".NAN":
		return math.NaN(), true
	}
	if !rustFloatSyntax(unpos) {
		return 0, false
	}
	f, err := strconv.ParseFloat(unpos, 64)
	if err != nil && !isRangeErr(err) {
		return 0, false
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// rustFloatSyntax reports whether s matches Rust's f64 decimal syntax:
// [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
func rustFloatSyntax(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		ed := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			ed++
		}
		if ed == 0 {
			return false
		}
	}
	return i == len(s)
}

// scalarAnalysis mirrors libyaml's yaml_emitter_analyze_scalar.
type scalarAnalysis struct {
	multiline         bool
	flowPlainAllowed  bool
	blockPlainAllowed bool
	singleAllowed     bool
	blockAllowed      bool
}

func isBreakRune(r rune) bool {
	return r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029
}

func isBlankzRune(r rune) bool {
	return r == ' ' || r == '\t' || isBreakRune(r) || r == 0
}

// isPrintable follows libyaml's IS_PRINTABLE (only BMP characters count).
func isPrintable(r rune) bool {
	switch {
	case r == 0x0A:
		return true
	case r >= 0x20 && r <= 0x7E:
		return true
	case r == 0x85:
		return true
	case r >= 0xA0 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return r != 0xFEFF
	}
	return false
}

func analyzeScalar(s string) scalarAnalysis {
	if s == "" {
		return scalarAnalysis{blockPlainAllowed: true, singleAllowed: true}
	}
	if plainSafe(s) {
		return scalarAnalysis{flowPlainAllowed: true, blockPlainAllowed: true, singleAllowed: true, blockAllowed: true}
	}
	return analyzeScalarSlow(s)
}

// analyzeScalarSlow is libyaml's scalar analysis, character by character.
func analyzeScalarSlow(s string) scalarAnalysis {
	var (
		blockIndicators, flowIndicators, lineBreaks, specialChars bool
		leadingSpace, leadingBreak, trailingSpace, trailingBreak  bool
		breakSpace, spaceBreak, previousSpace, previousBreak      bool
	)
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		blockIndicators, flowIndicators = true, true
	}
	precededByWS := true
	first := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		next := i + size
		last := next >= len(s)
		followedByWS := true
		if !last {
			nr, _ := utf8.DecodeRuneInString(s[next:])
			followedByWS = isBlankzRune(nr)
		}
		if first {
			switch r {
			case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
				flowIndicators, blockIndicators = true, true
			case '?', ':':
				flowIndicators = true
				if followedByWS {
					blockIndicators = true
				}
			case '-':
				if followedByWS {
					flowIndicators, blockIndicators = true, true
				}
			}
		} else {
			switch r {
			case ',', '?', '[', ']', '{', '}':
				flowIndicators = true
			case ':':
				flowIndicators = true
				if followedByWS {
					blockIndicators = true
				}
			case '#':
				if precededByWS {
					flowIndicators, blockIndicators = true, true
				}
			}
		}
		if !isPrintable(r) {
			specialChars = true
		}
		if isBreakRune(r) {
			lineBreaks = true
		}
		switch {
		case r == ' ':
			if first {
				leadingSpace = true
			}
			if last {
				trailingSpace = true
			}
			if previousBreak {
				breakSpace = true
			}
			previousSpace, previousBreak = true, false
		case isBreakRune(r):
			if first {
				leadingBreak = true
			}
			if last {
				trailingBreak = true
			}
			if previousSpace {
				spaceBreak = true
			}
			previousBreak, previousSpace = true, false
		default:
			previousSpace, previousBreak = false, false
		}
		precededByWS = isBlankzRune(r)
		first = false
		i = next
	}
	a := scalarAnalysis{multiline: lineBreaks, flowPlainAllowed: true, blockPlainAllowed: true, singleAllowed: true, blockAllowed: true}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
		a.flowPlainAllowed, a.blockPlainAllowed = false, false
	}
	if trailingSpace {
		a.blockAllowed = false
	}
	if breakSpace {
		a.flowPlainAllowed, a.blockPlainAllowed, a.singleAllowed = false, false, false
	}
	if spaceBreak || specialChars {
		a.flowPlainAllowed, a.blockPlainAllowed, a.singleAllowed, a.blockAllowed = false, false, false, false
	}
	if lineBreaks {
		a.flowPlainAllowed, a.blockPlainAllowed = false, false
	}
	if flowIndicators {
		a.flowPlainAllowed = false
	}
	if blockIndicators {
		a.blockPlainAllowed = false
	}
	return a
}

func (e *yamlEmitter) scalar(text string, style scalarStyle) {
	e.scalarAnalyzed(text, style, analyzeScalar(text))
}

func (e *yamlEmitter) scalarAnalyzed(text string, style scalarStyle, a scalarAnalysis) {
	// select style (yaml_emitter_select_scalar_style)
	if style == styleAny {
		style = stylePlain
	}
	if e.simpleKey && a.multiline {
		style = styleDouble
	}
	if style == stylePlain {
		if (e.flowLevel > 0 && !a.flowPlainAllowed) || (e.flowLevel == 0 && !a.blockPlainAllowed) {
			style = styleSingle
		}
		if text == "" && (e.flowLevel > 0 || e.simpleKey) {
			style = styleSingle
		}
	}
	if style == styleSingle && !a.singleAllowed {
		style = styleDouble
	}
	if style == styleLiteral && (!a.blockAllowed || e.flowLevel > 0 || e.simpleKey) {
		style = styleDouble
	}
	if !e.simpleKey {
		e.increaseIndent(true, false)
	}
	allowBreaks := !e.simpleKey
	switch style {
	case stylePlain:
		e.writePlain(text, allowBreaks)
	case styleSingle:
		e.writeSingle(text, allowBreaks)
	case styleDouble:
		e.writeDouble(text, allowBreaks)
	case styleLiteral:
		e.writeLiteral(text)
	}
	if allowBreaks {
		e.popIndent()
	}
}

func (e *yamlEmitter) writePlain(s string, allowBreaks bool) {
	if !e.whitespace && (len(s) > 0 || e.flowLevel > 0) {
		e.put(' ')
	}
	if simpleText(s) && (!allowBreaks || e.column+len(s) <= yamlBestWidth) {
		e.b.WriteString(s)
		e.column += len(s)
		e.whitespace = false
		e.indention = false
		if e.rootContext {
			e.openEnded = 1
		}
		return
	}
	runes := []rune(s)
	spaces, breaks := false, false
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case r == ' ':
			if allowBreaks && !spaces && e.column > yamlBestWidth && !(i+1 < len(runes) && runes[i+1] == ' ') {
				e.writeIndent(e.indent)
			} else {
				e.writeRaw(" ")
			}
			spaces = true
		case isBreakRune(r):
			if !breaks && r == '\n' {
				e.putBreak()
			}
			e.writeBreakRune(r)
			e.indention = true
			breaks = true
		default:
			if breaks {
				e.writeIndent(e.indent)
			}
			e.writeRaw(string(r))
			e.indention = false
			spaces, breaks = false, false
		}
	}
	e.whitespace = false
	e.indention = false
	if e.rootContext {
		e.openEnded = 1
	}
}

// plainSafe reports whether s is made of letters, digits and the
// punctuation "_./-+=()$~^;" only, with no '-' first and no "..." start:
// the analysis of such a scalar allows every style (the fast path of
// analyzeScalar).
func plainSafe(s string) bool {
	if s[0] == '-' || strings.HasPrefix(s, "...") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '_', c == '.', c == '/', c == '-', c == '+', c == '=', c == '(', c == ')', c == '$', c == '~', c == '^', c == ';':
		default:
			return false
		}
	}
	return true
}

// simpleText reports whether s is printable ASCII without line breaks.
func simpleText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

func (e *yamlEmitter) writeBreakRune(r rune) {
	if r == '\n' {
		e.putBreak()
		return
	}
	e.b.WriteRune(r)
	e.column = 0
}

func (e *yamlEmitter) writeSingle(s string, allowBreaks bool) {
	e.writeIndicator("'", true, false, false)
	runes := []rune(s)
	spaces, breaks := false, false
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case r == ' ':
			if allowBreaks && !spaces && e.column > yamlBestWidth && i != 0 && i != len(runes)-1 && !(i+1 < len(runes) && runes[i+1] == ' ') {
				e.writeIndent(e.indent)
			} else {
				e.writeRaw(" ")
			}
			spaces = true
		case isBreakRune(r):
			if !breaks && r == '\n' {
				e.putBreak()
			}
			e.writeBreakRune(r)
			e.indention = true
			breaks = true
		default:
			if breaks {
				e.writeIndent(e.indent)
			}
			if r == '\'' {
				e.put('\'')
			}
			e.writeRaw(string(r))
			e.indention = false
			spaces, breaks = false, false
		}
	}
	if breaks {
		e.writeIndent(e.indent)
	}
	e.writeIndicator("'", false, false, false)
	e.whitespace = false
	e.indention = false
}

func (e *yamlEmitter) writeDouble(s string, allowBreaks bool) {
	e.writeIndicator(`"`, true, false, false)
	runes := []rune(s)
	spaces := false
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if !isPrintable(r) || r == 0xFEFF || isBreakRune(r) || r == '"' || r == '\\' {
			e.put('\\')
			switch r {
			case 0:
				e.put('0')
			case 0x07:
				e.put('a')
			case 0x08:
				e.put('b')
			case 0x09:
				e.put('t')
			case 0x0A:
				e.put('n')
			case 0x0B:
				e.put('v')
			case 0x0C:
				e.put('f')
			case 0x0D:
				e.put('r')
			case 0x1B:
				e.put('e')
			case '"':
				e.put('"')
			case '\\':
				e.put('\\')
			case 0x85:
				e.put('N')
			case 0xA0:
				e.put('_')
			case 0x2028:
				e.put('L')
			case 0x2029:
				e.put('P')
			default:
				var hex string
				switch {
				case r <= 0xFF:
					hex = "x" + padHex(r, 2)
				case r <= 0xFFFF:
					hex = "u" + padHex(r, 4)
				default:
					hex = "U" + padHex(r, 8)
				}
				e.writeRaw(hex)
			}
			spaces = false
		} else if r == ' ' {
			if allowBreaks && !spaces && e.column > yamlBestWidth && i != 0 && i != len(runes)-1 {
				e.writeIndent(e.indent)
				if i+1 < len(runes) && runes[i+1] == ' ' {
					e.put('\\')
				}
			} else {
				e.writeRaw(" ")
			}
			spaces = true
		} else {
			e.writeRaw(string(r))
			spaces = false
		}
	}
	e.writeIndicator(`"`, false, false, false)
	e.whitespace = false
	e.indention = false
}

func padHex(r rune, n int) string {
	s := strings.ToUpper(strconv.FormatInt(int64(r), 16))
	for len(s) < n {
		s = "0" + s
	}
	return s
}

func (e *yamlEmitter) writeLiteral(s string) {
	e.writeIndicator("|", true, false, false)
	// block scalar hints
	runes := []rune(s)
	if len(runes) > 0 && (runes[0] == ' ' || isBreakRune(runes[0])) {
		e.writeIndicator(strconv.Itoa(yamlBestIndent), false, false, false)
	}
	e.openEnded = 0
	chomp := ""
	switch {
	case len(runes) == 0:
		chomp = "-"
	case !isBreakRune(runes[len(runes)-1]):
		chomp = "-"
	case len(runes) == 1:
		chomp = "+"
		e.openEnded = 2
	case isBreakRune(runes[len(runes)-2]):
		chomp = "+"
		e.openEnded = 2
	}
	if chomp != "" {
		e.writeIndicator(chomp, false, false, false)
		if chomp == "+" {
			e.openEnded = 2
		}
	}
	e.putBreak()
	e.indention = true
	e.whitespace = true
	breaks := true
	for _, r := range runes {
		if isBreakRune(r) {
			e.writeBreakRune(r)
			e.indention = true
			breaks = true
		} else {
			if breaks {
				e.writeIndent(e.indent)
			}
			e.writeRaw(string(r))
			e.indention = false
			breaks = false
		}
	}
}

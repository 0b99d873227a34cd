package x2kcl

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/kclx-dev/kclx/formatter"
	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/syntax"
)

// Proto converts a protobuf (proto2/proto3) file to KCL: every message
// becomes a schema (fields in order; `optional` fields optional, repeated
// fields lists, maps dicts), every enum a type alias of its value names,
// and every oneof a union of one single-field schema per alternative.
// Services, options and imports are skipped.
func Proto(file string, src []byte) ([]byte, error) {
	toks, err := protoTokens(file, src)
	if err != nil {
		return nil, err
	}
	p := &protoParser{file: file, toks: toks}
	if err := p.parseFile(); err != nil {
		return nil, err
	}
	return p.print()
}

type protoTok struct {
	text string
	line int
	str  bool // a quoted string
}

func protoTokens(file string, src []byte) ([]protoTok, error) {
	var toks []protoTok
	s := string(src)
	line := 1
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case strings.HasPrefix(s[i:], "//"):
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return nil, &Error{File: file, Line: line, Msg: "unterminated comment"}
			}
			line += strings.Count(s[i:i+2+end], "\n")
			i += end + 4
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' {
					j++
				}
				if j < len(s) && s[j] == '\n' {
					return nil, &Error{File: file, Line: line, Msg: "unterminated string"}
				}
				j++
			}
			if j >= len(s) {
				return nil, &Error{File: file, Line: line, Msg: "unterminated string"}
			}
			toks = append(toks, protoTok{text: s[i+1 : j], line: line, str: true})
			i = j + 1
		case isProtoWord(rune(c)):
			j := i
			for j < len(s) && (isProtoWord(rune(s[j])) || s[j] == '.') {
				j++
			}
			toks = append(toks, protoTok{text: s[i:j], line: line})
			i = j
		default:
			toks = append(toks, protoTok{text: s[i : i+1], line: line})
			i++
		}
	}
	return toks, nil
}

func isProtoWord(r rune) bool {
	return r == '_' || r == '.' || r == '-' || r == '+' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

type protoField struct {
	name     string
	typ      string
	optional bool
	repeated bool
	mapKey   string // map<mapKey, typ>
}

type protoOneof struct {
	name   string
	fields []*protoField
}

type protoMessage struct {
	name    string
	prefix  string // enclosing messages, for nested ones
	fields  []any  // *protoField or *protoOneof, in order
	nested  map[string]string
	parent  *protoMessage
	enumsIn map[string]*protoEnum
}

type protoEnum struct {
	name   string
	values []string
}

type protoParser struct {
	file     string
	toks     []protoTok
	pos      int
	messages []*protoMessage
	enums    []*protoEnum
	byName   map[string]*protoEnum
}

func (p *protoParser) errorf(format string, args ...any) error {
	line := 0
	if p.pos < len(p.toks) {
		line = p.toks[p.pos].line
	} else if len(p.toks) > 0 {
		line = p.toks[len(p.toks)-1].line
	}
	return &Error{File: p.file, Line: line, Msg: "invalid protobuf: " + fmt.Sprintf(format, args...)}
}

func (p *protoParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].text
	}
	return ""
}

func (p *protoParser) next() string {
	t := p.peek()
	p.pos++
	return t
}

func (p *protoParser) expect(t string) error {
	if p.peek() != t {
		if p.pos >= len(p.toks) {
			return p.errorf("expected %q, got end of file", t)
		}
		return p.errorf("expected %q, got %q", t, p.peek())
	}
	p.pos++
	return nil
}

// skipStatement skips to the end of a statement or block.
func (p *protoParser) skipStatement() error {
	depth := 0
	for p.pos < len(p.toks) {
		t := p.next()
		switch t {
		case "{":
			depth++
		case "}":
			depth--
			if depth == 0 {
				return nil
			}
		case ";":
			if depth == 0 {
				return nil
			}
		}
	}
	if depth > 0 {
		return p.errorf("unterminated block")
	}
	return nil
}

func (p *protoParser) parseFile() error {
	p.byName = map[string]*protoEnum{}
	for p.pos < len(p.toks) {
		switch p.peek() {
		case "message":
			if err := p.parseMessage(nil); err != nil {
				return err
			}
		case "enum":
			if err := p.parseEnum(nil); err != nil {
				return err
			}
		case ";":
			p.pos++
		default:
			if err := p.skipStatement(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (p *protoParser) parseEnum(parent *protoMessage) error {
	p.pos++ // enum
	name := p.next()
	e := &protoEnum{name: name}
	if err := p.expect("{"); err != nil {
		return err
	}
	for p.peek() != "}" {
		if p.pos >= len(p.toks) {
			return p.errorf("unterminated enum %s", name)
		}
		switch p.peek() {
		case "option", "reserved":
			if err := p.skipStatement(); err != nil {
				return err
			}
			continue
		case ";":
			p.pos++
			continue
		}
		v := p.next()
		e.values = append(e.values, v)
		if err := p.skipStatement(); err != nil {
			return err
		}
	}
	p.pos++
	p.enums = append(p.enums, e)
	p.byName[name] = e
	if parent != nil {
		p.byName[parent.name+"."+name] = e
	}
	return nil
}

func (p *protoParser) parseMessage(parent *protoMessage) error {
	p.pos++ // message
	name := p.next()
	m := &protoMessage{name: name, parent: parent}
	if parent != nil {
		m.name = parent.name + name
	}
	if err := p.expect("{"); err != nil {
		return err
	}
	p.messages = append(p.messages, m)
	for p.peek() != "}" {
		if p.pos >= len(p.toks) {
			return p.errorf("unterminated message %s", name)
		}
		switch p.peek() {
		case "message":
			if err := p.parseMessage(m); err != nil {
				return err
			}
		case "enum":
			if err := p.parseEnum(m); err != nil {
				return err
			}
		case "oneof":
			p.pos++
			o := &protoOneof{name: p.next()}
			if err := p.expect("{"); err != nil {
				return err
			}
			for p.peek() != "}" {
				if p.pos >= len(p.toks) {
					return p.errorf("unterminated oneof %s", o.name)
				}
				if p.peek() == "option" || p.peek() == ";" {
					if err := p.skipStatement(); err != nil {
						return err
					}
					continue
				}
				f, err := p.parseField()
				if err != nil {
					return err
				}
				o.fields = append(o.fields, f)
			}
			p.pos++
			m.fields = append(m.fields, o)
		case "option", "reserved", "extensions", "extend":
			if err := p.skipStatement(); err != nil {
				return err
			}
		case ";":
			p.pos++
		default:
			f, err := p.parseField()
			if err != nil {
				return err
			}
			m.fields = append(m.fields, f)
		}
	}
	p.pos++
	return nil
}

func (p *protoParser) parseField() (*protoField, error) {
	f := &protoField{}
	switch p.peek() {
	case "optional":
		f.optional = true
		p.pos++
	case "repeated":
		f.repeated = true
		p.pos++
	case "required":
		p.pos++
	}
	if p.peek() == "map" && p.pos+1 < len(p.toks) && p.toks[p.pos+1].text == "<" {
		p.pos += 2
		f.mapKey = p.next()
		if err := p.expect(","); err != nil {
			return nil, err
		}
		f.typ = p.next()
		if err := p.expect(">"); err != nil {
			return nil, err
		}
	} else {
		f.typ = p.next()
	}
	f.name = p.next()
	if f.typ == "" || f.name == "" || !IsIdentifier(f.name) {
		return nil, p.errorf("bad field declaration")
	}
	if err := p.skipStatement(); err != nil {
		return nil, err
	}
	return f, nil
}

var protoScalars = map[string]string{
	"double": "float", "float": "float",
	"int32": "int", "int64": "int", "uint32": "int", "uint64": "int", "sint32": "int", "sint64": "int",
	"fixed32": "int", "fixed64": "int", "sfixed32": "int", "sfixed64": "int",
	"bool": "bool", "string": "str", "bytes": "str",
	"google.protobuf.Any": "any",
}

func (p *protoParser) fieldType(m *protoMessage, name string) ast.Type {
	if t, ok := protoScalars[name]; ok {
		return &ast.NamedType{Name: &ast.Ident{Name: t}}
	}
	name = strings.TrimPrefix(name, ".")
	for mm := m; mm != nil; mm = mm.parent {
		if e, ok := p.byName[mm.name+"."+name]; ok {
			return enumType(e)
		}
	}
	if e, ok := p.byName[name]; ok {
		return enumType(e)
	}
	for mm := m; mm != nil; mm = mm.parent {
		for _, o := range p.messages {
			if o.parent == mm && o.name == mm.name+name {
				return &ast.NamedType{Name: &ast.Ident{Name: o.name}}
			}
		}
	}
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	return &ast.NamedType{Name: &ast.Ident{Name: name}}
}

func enumType(e *protoEnum) ast.Type {
	if len(e.values) == 0 {
		return &ast.NamedType{Name: &ast.Ident{Name: "str"}}
	}
	u := &ast.UnionType{}
	for _, v := range e.values {
		u.Types = append(u.Types, &ast.LiteralType{Lit: &ast.StringLit{Raw: strconv.Quote(v)}})
	}
	if len(u.Types) == 1 {
		return u.Types[0]
	}
	return u
}

func (p *protoParser) attr(m *protoMessage, f *protoField, optional bool) *ast.SchemaAttr {
	t := p.fieldType(m, f.typ)
	switch {
	case f.mapKey != "":
		t = &ast.DictType{Key: p.fieldType(m, f.mapKey), Value: t}
	case f.repeated:
		t = &ast.ListType{Elem: t}
	}
	return &ast.SchemaAttr{Name: &ast.Ident{Name: f.name}, Optional: optional, Type: t}
}

func (p *protoParser) print() ([]byte, error) {
	var body, oneofs []ast.Stmt
	for _, m := range p.messages {
		st := &ast.SchemaStmt{Kind: syntax.SCHEMA, Name: &ast.Ident{Name: m.name}}
		for _, x := range m.fields {
			switch x := x.(type) {
			case *protoField:
				st.Body = append(st.Body, p.attr(m, x, x.optional))
			case *protoOneof:
				u := &ast.UnionType{}
				for i, f := range x.fields {
					name := m.name + ToCamel(x.name) + "OneOf" + strconv.Itoa(i)
					oneofs = append(oneofs, &ast.SchemaStmt{Kind: syntax.SCHEMA, Name: &ast.Ident{Name: name},
						Body: []ast.Stmt{p.attr(m, f, false)}})
					u.Types = append(u.Types, &ast.NamedType{Name: &ast.Ident{Name: name}})
				}
				var t ast.Type = u
				if len(u.Types) == 1 {
					t = u.Types[0]
				}
				if len(u.Types) > 0 {
					st.Body = append(st.Body, &ast.SchemaAttr{Name: &ast.Ident{Name: x.name}, Type: t})
				}
			}
		}
		body = append(body, st)
	}
	for _, e := range p.enums {
		body = append(body, &ast.TypeAliasStmt{Name: &ast.Ident{Name: e.name}, Type: enumType(e)})
	}
	body = append(body, oneofs...)
	return Print(p.file, &ast.File{Body: body}, protoLayout)
}

// protoLayout separates schemas by a blank line and writes type aliases
// without one, as upstream does.
var protoLayout = &formatter.Layout{
	BlankLines: func(parent, prev, next ast.Node) int {
		if _, ok := parent.(*ast.File); !ok {
			return -1
		}
		if _, ok := prev.(*ast.SchemaStmt); ok {
			return 1
		}
		return 0
	},
}

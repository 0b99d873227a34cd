package ast

import (
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/kclx-dev/kclx/kcl/syntax"
)

// Fprint writes a readable, position-free dump of the tree rooted at n:
// one node per line with its type and non-node fields, children indented.
// Two trees that differ only in positions (and comments, which are not
// nodes of the tree) print identically, which makes the dump usable for
// golden tests and for "formatting does not change the AST" checks.
func Fprint(w io.Writer, n Node) error {
	p := &printer{w: w}
	p.value(reflect.ValueOf(n), 0, "")
	return p.err
}

// Sprint returns Fprint's output as a string.
func Sprint(n Node) string {
	var b strings.Builder
	_ = Fprint(&b, n)
	return b.String()
}

type printer struct {
	w   io.Writer
	err error
}

var (
	posType   = reflect.TypeOf(syntax.Pos(0))
	tokenType = reflect.TypeOf(syntax.Token(0))
)

func (p *printer) printf(depth int, format string, args ...any) {
	if p.err != nil {
		return
	}
	_, p.err = fmt.Fprintf(p.w, "%s%s\n", strings.Repeat("  ", depth), fmt.Sprintf(format, args...))
}

func (p *printer) value(v reflect.Value, depth int, label string) {
	if label != "" {
		label += ": "
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		p.value(v.Elem(), depth, strings.TrimSuffix(label, ": "))
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		e := v.Elem()
		if e.Kind() != reflect.Struct {
			p.value(e, depth, strings.TrimSuffix(label, ": "))
			return
		}
		p.structure(e, depth, label+e.Type().Name())
	case reflect.Struct:
		p.structure(v, depth, label+v.Type().Name())
	case reflect.Slice:
		if v.Len() == 0 {
			return
		}
		p.printf(depth, "%s[%d]", label, v.Len())
		for i := 0; i < v.Len(); i++ {
			p.value(v.Index(i), depth+1, "")
		}
	default:
		p.printf(depth, "%s%v", label, v.Interface())
	}
}

func (p *printer) structure(v reflect.Value, depth int, head string) {
	t := v.Type()
	var attrs []string
	type child struct {
		name string
		v    reflect.Value
	}
	var children []child
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fv := v.Field(i)
		switch {
		case f.Type == posType:
			continue
		case f.Name == "Comments" || f.Name == "Name" && f.Type.Kind() == reflect.String && t.Name() == "File":
			continue
		case f.Type == tokenType:
			attrs = append(attrs, fmt.Sprintf("%s=%s", f.Name, syntax.Token(fv.Uint())))
		case f.Type.Kind() == reflect.String:
			attrs = append(attrs, fmt.Sprintf("%s=%q", f.Name, fv.String()))
		case f.Type.Kind() == reflect.Bool:
			if fv.Bool() {
				attrs = append(attrs, f.Name)
			}
		default:
			children = append(children, child{f.Name, fv})
		}
	}
	if len(attrs) > 0 {
		head += " " + strings.Join(attrs, " ")
	}
	p.printf(depth, "%s", head)
	for _, c := range children {
		p.value(c.v, depth+1, c.name)
	}
}

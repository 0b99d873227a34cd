package handlebars

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/kclx-dev/kclx/kcl/value"
)

// Template is a parsed template.
type Template struct {
	nodes []node
}

// Parse parses a template.
func Parse(src string) (*Template, error) {
	nodes, err := parseTemplate(src)
	if err != nil {
		return nil, err
	}
	return &Template{nodes: nodes}, nil
}

// Render parses and renders src with data.
func Render(src string, data value.Value) (string, error) {
	t, err := Parse(src)
	if err != nil {
		return "", err
	}
	return t.Render(data)
}

// maxRenderDepth bounds nested blocks and subexpressions.
const maxRenderDepth = 500

// frame holds @data variables and block parameters of a block.
type frame struct {
	data   map[string]value.Value
	params map[string]value.Value
}

type renderer struct {
	b      strings.Builder
	root   value.Value
	ctxs   []value.Value // context stack; the last is `this`
	frames []frame
	depth  int
}

// Render renders the template with data as the root context.
func (t *Template) Render(data value.Value) (string, error) {
	if data == nil {
		data = value.None
	}
	r := &renderer{root: data, ctxs: []value.Value{data}}
	if err := r.nodes(t.nodes); err != nil {
		return "", err
	}
	return r.b.String(), nil
}

func (r *renderer) nodes(ns []node) error {
	r.depth++
	defer func() { r.depth-- }()
	if r.depth > maxRenderDepth {
		return fmt.Errorf("template nesting is too deep")
	}
	for _, n := range ns {
		var err error
		switch n := n.(type) {
		case *textNode:
			r.b.WriteString(n.text)
		case *exprNode:
			err = r.expr(n)
		case *blockNode:
			err = r.block(n)
		case *partialNode:
			err = renderErr(n.line, n.col, "Partial not found %s", n.name)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func renderErr(line, col int, format string, args ...any) error {
	return fmt.Errorf("Error rendering \"template\" line %d, col %d: %s", line, col, fmt.Sprintf(format, args...))
}

// helpers are the inline helpers available in expressions.
var helpers = map[string]bool{
	"lookup": true, "eq": true, "ne": true, "gt": true, "gte": true, "lt": true, "lte": true,
	"and": true, "or": true, "not": true, "len": true, "log": true, "raw": true,
	"if": true, "unless": true, "each": true, "with": true,
}

// isHelperName reports whether the call names a helper (a plain identifier).
func isHelperName(c *call) (string, bool) {
	p := c.name.path
	if p == nil || p.data || p.up > 0 || p.this || len(p.segments) != 1 {
		return "", false
	}
	name := p.segments[0]
	return name, helpers[name]
}

func (r *renderer) expr(n *exprNode) error {
	v, err := r.callValue(n.call, n.line, n.col)
	if err != nil {
		return err
	}
	s := renderValue(v)
	// KCL's raw helper writes its argument unescaped.
	if name, ok := isHelperName(n.call); n.escape && !(ok && name == "raw") {
		s = HTMLEscape(s)
	}
	r.b.WriteString(s)
	return nil
}

// callValue evaluates a call: a helper call, or a path (without arguments).
func (r *renderer) callValue(c *call, line, col int) (value.Value, error) {
	if name, ok := isHelperName(c); ok {
		args := make([]value.Value, len(c.params))
		for i, p := range c.params {
			v, err := r.operand(p, line, col)
			if err != nil {
				return nil, err
			}
			args[i] = v
		}
		hash := map[string]value.Value{}
		for _, h := range c.hash {
			v, err := r.operand(h.val, line, col)
			if err != nil {
				return nil, err
			}
			hash[h.key] = v
		}
		return r.inlineHelper(name, args, hash, line, col)
	}
	if len(c.params) > 0 || len(c.hash) > 0 {
		return nil, renderErr(line, col, "Helper not defined: %q", c.name.text())
	}
	return r.operand(c.name, line, col)
}

func (r *renderer) operand(o *operand, line, col int) (value.Value, error) {
	switch {
	case o.isLit:
		switch v := o.lit.(type) {
		case string:
			return value.Str(v), nil
		case int64:
			return value.Int(v), nil
		case float64:
			return value.Float(v), nil
		case bool:
			return value.Bool(v), nil
		}
		return value.None, nil
	case o.sub != nil:
		r.depth++
		defer func() { r.depth-- }()
		if r.depth > maxRenderDepth {
			return nil, fmt.Errorf("template nesting is too deep")
		}
		return r.callValue(o.sub, line, col)
	}
	return r.resolve(o.path), nil
}

// resolve looks a path up; a missing value is None.
func (r *renderer) resolve(p *path) value.Value {
	segs := p.segments
	var cur value.Value
	switch {
	case p.data:
		if len(segs) == 0 {
			return value.None
		}
		name := segs[0]
		segs = segs[1:]
		if name == "root" {
			cur = r.root
		} else {
			cur = value.None
			for i := len(r.frames) - 1; i >= 0; i-- {
				if v, ok := r.frames[i].data[name]; ok {
					cur = v
					break
				}
			}
		}
	default:
		idx := len(r.ctxs) - 1 - p.up
		if idx < 0 {
			idx = 0
		}
		cur = r.ctxs[idx]
		if !p.this && p.up == 0 && len(segs) > 0 {
			for i := len(r.frames) - 1; i >= 0; i-- {
				if v, ok := r.frames[i].params[segs[0]]; ok {
					cur = v
					segs = segs[1:]
					break
				}
			}
		}
	}
	for _, s := range segs {
		cur = child(cur, s)
	}
	return cur
}

// child returns v[key] for a dict or v[index] for a list; None otherwise.
func child(v value.Value, key string) value.Value {
	switch v := v.(type) {
	case *value.Dict:
		if c, ok := v.Get(key); ok {
			return c
		}
	case *value.Schema:
		if c, ok := v.Attrs.Get(key); ok {
			return c
		}
	case *value.List:
		if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(v.Items) {
			return v.Items[i]
		}
	}
	return value.None
}

// Truthy is the Rust handlebars JsonTruthy rule (without includeZero):
// numbers are true when normal (not zero, subnormal, infinite or NaN),
// strings, arrays and objects when not empty.
func Truthy(v value.Value, includeZero bool) bool {
	switch v := v.(type) {
	case value.Bool:
		return bool(v)
	case value.Int:
		return includeZero || v != 0
	case value.Float:
		f := float64(v)
		return includeZero || f != 0 && !math.IsInf(f, 0) && !math.IsNaN(f) && math.Abs(f) >= 2.2250738585072014e-308
	case value.Unit:
		return includeZero || v.Value != 0
	case value.Str:
		return v != ""
	case *value.List:
		return len(v.Items) > 0
	case *value.Dict:
		return v.Len() > 0
	case *value.Schema:
		return v.Attrs.Len() > 0
	}
	return false
}

// renderValue renders a value as Rust handlebars renders JSON.
func renderValue(v value.Value) string {
	switch v := v.(type) {
	case value.Str:
		return string(v)
	case value.Bool:
		if v {
			return "true"
		}
		return "false"
	case value.Int:
		return strconv.FormatInt(int64(v), 10)
	case value.Float:
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return ""
		}
		return value.FloatRepr(f)
	case value.Unit:
		return value.FloatRepr(v.Value)
	case *value.List:
		parts := make([]string, len(v.Items))
		for i, e := range v.Items {
			parts[i] = renderValue(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *value.Dict, *value.Schema:
		return "[object]"
	}
	return ""
}

// HTMLEscape replaces & " < > ' ` = with entities, as Rust handlebars'
// default escape function does.
func HTMLEscape(s string) string {
	if !strings.ContainsAny(s, "&\"<>'`=") {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\'':
			b.WriteString("&#x27;")
		case '`':
			b.WriteString("&#x60;")
		case '=':
			b.WriteString("&#x3D;")
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// inlineHelper evaluates a helper used in an expression or subexpression.
func (r *renderer) inlineHelper(name string, args []value.Value, hash map[string]value.Value, line, col int) (value.Value, error) {
	arg := func(i int) value.Value {
		if i < len(args) {
			return args[i]
		}
		return value.None
	}
	need := func(n int) error {
		if len(args) < n {
			return renderErr(line, col, "Helper %q: insufficient parameters, %d required", name, n)
		}
		return nil
	}
	switch name {
	case "lookup":
		if err := need(2); err != nil {
			return nil, err
		}
		key := args[1]
		switch k := key.(type) {
		case value.Str:
			return child(args[0], string(k)), nil
		case value.Int:
			return child(args[0], strconv.FormatInt(int64(k), 10)), nil
		}
		return value.None, nil
	case "eq", "ne":
		if err := need(2); err != nil {
			return nil, err
		}
		eq := jsonEqual(args[0], args[1])
		return value.Bool(eq == (name == "eq")), nil
	case "gt", "gte", "lt", "lte":
		if err := need(2); err != nil {
			return nil, err
		}
		c, ok := jsonCompare(args[0], args[1])
		if !ok {
			return value.False, nil
		}
		switch name {
		case "gt":
			return value.Bool(c > 0), nil
		case "gte":
			return value.Bool(c >= 0), nil
		case "lt":
			return value.Bool(c < 0), nil
		}
		return value.Bool(c <= 0), nil
	case "and", "or":
		if err := need(2); err != nil {
			return nil, err
		}
		res := name == "and"
		for _, a := range args {
			if name == "and" {
				res = res && Truthy(a, false)
			} else {
				res = res || Truthy(a, false)
			}
		}
		return value.Bool(res), nil
	case "not":
		if err := need(1); err != nil {
			return nil, err
		}
		return value.Bool(!Truthy(args[0], false)), nil
	case "len":
		if err := need(1); err != nil {
			return nil, err
		}
		switch v := args[0].(type) {
		case *value.List:
			return value.Int(len(v.Items)), nil
		case *value.Dict:
			return value.Int(v.Len()), nil
		case *value.Schema:
			return value.Int(v.Attrs.Len()), nil
		case value.Str:
			return value.Int(len(v)), nil
		}
		return value.Int(0), nil
	case "log":
		return value.Str(""), nil
	case "raw":
		return arg(0), nil
	case "if", "unless", "each", "with":
		return nil, renderErr(line, col, "Helper %q can only be used as a block", name)
	}
	return nil, renderErr(line, col, "Helper not defined: %q", name)
}

// jsonEqual compares like serde_json::Value equality: ints and floats are
// different numbers unless both are integers of the same value.
func jsonEqual(a, b value.Value) bool {
	switch x := a.(type) {
	case value.Int:
		y, ok := b.(value.Int)
		return ok && x == y
	case value.Float:
		y, ok := b.(value.Float)
		return ok && x == y
	case *value.List:
		y, ok := b.(*value.List)
		if !ok || len(x.Items) != len(y.Items) {
			return false
		}
		for i := range x.Items {
			if !jsonEqual(x.Items[i], y.Items[i]) {
				return false
			}
		}
		return true
	case *value.Dict:
		y, ok := b.(*value.Dict)
		if !ok || x.Len() != y.Len() {
			return false
		}
		for _, e := range x.Entries() {
			v, ok := y.Get(e.Key)
			if !ok || !jsonEqual(e.Value, v) {
				return false
			}
		}
		return true
	}
	if value.IsNullish(a) {
		return value.IsNullish(b)
	}
	return value.Equal(a, b)
}

// jsonCompare orders two numbers or two strings.
func jsonCompare(a, b value.Value) (int, bool) {
	if fa, ok := numberOf(a); ok {
		if fb, ok := numberOf(b); ok {
			switch {
			case fa < fb:
				return -1, true
			case fa > fb:
				return 1, true
			case fa == fb:
				return 0, true
			}
			return 0, false
		}
		return 0, false
	}
	sa, ok1 := a.(value.Str)
	sb, ok2 := b.(value.Str)
	if ok1 && ok2 {
		return strings.Compare(string(sa), string(sb)), true
	}
	return 0, false
}

func numberOf(v value.Value) (float64, bool) {
	switch v := v.(type) {
	case value.Int:
		return float64(v), true
	case value.Float:
		return float64(v), true
	case value.Unit:
		return v.Value, true
	}
	return 0, false
}

// block renders a block statement.
func (r *renderer) block(n *blockNode) error {
	name, isHelper := isHelperName(n.call)
	if n.inverted {
		v, err := r.blockValue(n)
		if err != nil {
			return err
		}
		if !Truthy(v, false) {
			return r.nodes(n.body)
		}
		return r.nodes(n.inverse)
	}
	if !isHelper {
		// Block on a value (Handlebars' blockHelperMissing): iterate a
		// list, push a truthy value as the context, else the inverse.
		v, err := r.blockValue(n)
		if err != nil {
			return err
		}
		switch {
		case !Truthy(v, false):
			return r.nodes(n.inverse)
		case v == value.True:
			return r.nodes(n.body)
		}
		if l, ok := v.(*value.List); ok {
			return r.each(n, l)
		}
		return r.withContext(n, v, nil)
	}
	args := make([]value.Value, len(n.call.params))
	for i, p := range n.call.params {
		v, err := r.operand(p, n.line, n.col)
		if err != nil {
			return err
		}
		args[i] = v
	}
	hash := map[string]value.Value{}
	for _, h := range n.call.hash {
		v, err := r.operand(h.val, n.line, n.col)
		if err != nil {
			return err
		}
		hash[h.key] = v
	}
	param := func() (value.Value, error) {
		if len(args) == 0 {
			return nil, renderErr(n.line, n.col, "Param not found for helper %q", name)
		}
		return args[0], nil
	}
	switch name {
	case "if", "unless":
		v, err := param()
		if err != nil {
			return err
		}
		includeZero := false
		if z, ok := hash["includeZero"]; ok {
			includeZero = Truthy(z, false)
		}
		if Truthy(v, includeZero) == (name == "if") {
			return r.nodes(n.body)
		}
		return r.nodes(n.inverse)
	case "with":
		v, err := param()
		if err != nil {
			return err
		}
		if !Truthy(v, false) {
			return r.nodes(n.inverse)
		}
		var params map[string]value.Value
		if len(n.blockParams) > 0 {
			params = map[string]value.Value{n.blockParams[0]: v}
		}
		return r.withContext(n, v, params)
	case "each":
		v, err := param()
		if err != nil {
			return err
		}
		switch v := v.(type) {
		case *value.List:
			if len(v.Items) > 0 {
				return r.each(n, v)
			}
		case *value.Dict:
			if v.Len() > 0 {
				return r.eachDict(n, v)
			}
		case *value.Schema:
			if v.Attrs.Len() > 0 {
				return r.eachDict(n, v.Attrs)
			}
		}
		return r.nodes(n.inverse)
	case "raw":
		return r.nodes(n.body)
	case "log":
		return nil
	}
	// Other inline helpers used as blocks: render the body when the
	// helper's result is truthy.
	v, err := r.inlineHelper(name, args, hash, n.line, n.col)
	if err != nil {
		return err
	}
	if Truthy(v, false) {
		return r.nodes(n.body)
	}
	return r.nodes(n.inverse)
}

func (r *renderer) blockValue(n *blockNode) (value.Value, error) {
	if _, ok := isHelperName(n.call); ok {
		return r.callValue(n.call, n.line, n.col)
	}
	if len(n.call.params) > 0 {
		return nil, renderErr(n.line, n.col, "Helper not defined: %q", n.call.name.text())
	}
	return r.operand(n.call.name, n.line, n.col)
}

func (r *renderer) withContext(n *blockNode, v value.Value, params map[string]value.Value) error {
	r.ctxs = append(r.ctxs, v)
	r.frames = append(r.frames, frame{params: params})
	err := r.nodes(n.body)
	r.frames = r.frames[:len(r.frames)-1]
	r.ctxs = r.ctxs[:len(r.ctxs)-1]
	return err
}

func (r *renderer) each(n *blockNode, l *value.List) error {
	for i, item := range l.Items {
		data := map[string]value.Value{
			"index": value.Int(i), "first": value.Bool(i == 0), "last": value.Bool(i == len(l.Items)-1),
		}
		params := map[string]value.Value{}
		if len(n.blockParams) > 0 {
			params[n.blockParams[0]] = item
		}
		if len(n.blockParams) > 1 {
			params[n.blockParams[1]] = value.Int(i)
		}
		if err := r.iteration(n, item, data, params); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) eachDict(n *blockNode, d *value.Dict) error {
	entries := d.Entries()
	for i, e := range entries {
		data := map[string]value.Value{
			"key": value.Str(e.Key), "index": value.Int(i),
			"first": value.Bool(i == 0), "last": value.Bool(i == len(entries)-1),
		}
		params := map[string]value.Value{}
		if len(n.blockParams) > 0 {
			params[n.blockParams[0]] = e.Value
		}
		if len(n.blockParams) > 1 {
			params[n.blockParams[1]] = value.Str(e.Key)
		}
		if err := r.iteration(n, e.Value, data, params); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) iteration(n *blockNode, item value.Value, data, params map[string]value.Value) error {
	r.ctxs = append(r.ctxs, item)
	r.frames = append(r.frames, frame{data: data, params: params})
	err := r.nodes(n.body)
	r.frames = r.frames[:len(r.frames)-1]
	r.ctxs = r.ctxs[:len(r.ctxs)-1]
	return err
}

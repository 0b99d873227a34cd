package sysmod

import (
	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/builtins/sysmod/handlebars"
	"github.com/kclx-dev/kclx/kcl/value"
)

// TemplateExecute implements template.execute(template, data={}): the
// data's values are converted to plain data (as upstream converts them to
// JSON) and the Handlebars template is rendered with them.
func TemplateExecute(tpl string, data value.Value) (string, error) {
	t, err := handlebars.Parse(tpl)
	if err != nil {
		return "", value.EvalErrorf("register template failed: %s", err)
	}
	root := value.NewDict()
	if d := value.ConfigDict(data); d != nil {
		for _, e := range d.Entries() {
			root.Set(e.Key, value.ToData(e.Value, value.EncodeOptions{}))
		}
	}
	out, err := t.Render(root)
	if err != nil {
		return "", value.EvalErrorf("render template failed: %s", err)
	}
	return out, nil
}

func registerTemplate() {
	builtins.RegisterModule("template", map[string]builtins.Member{
		"execute": fn("execute", []string{"template", "data"}, func(_ *builtins.Context, c call) (value.Value, error) {
			tpl, err := c.mustStr(0, "template", "execute() takes exactly one argument (0 given)")
			if err != nil {
				return nil, err
			}
			data, ok := c.arg(1, "data")
			if !ok {
				data = value.NewDict()
			}
			out, err := TemplateExecute(tpl, data)
			return value.Str(out), err
		}),
		"html_escape": fn("html_escape", []string{"data"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, err := c.mustStr(0, "data", "html_escape() takes exactly one argument (0 given)")
			if err != nil {
				return nil, err
			}
			return value.Str(handlebars.HTMLEscape(s)), nil
		}),
	})
}

func registerRuntime() {
	builtins.RegisterModule("runtime", map[string]builtins.Member{
		"catch": fn("catch", []string{"func"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			f, ok := c.arg(0, "func")
			if !ok {
				return nil, value.EvalErrorf("catch() takes exactly one argument (0 given)")
			}
			if _, isFunc := f.(*value.Func); !isFunc {
				return nil, value.Errorf(value.TypeError, "catch() argument 'func' must be function, not %s", value.TypeName(f))
			}
			if ctx == nil || ctx.Catch == nil {
				return nil, value.EvalErrorf("catch() is not supported here: no evaluator to run the function")
			}
			msg, failed, err := ctx.Catch(f)
			if err != nil {
				return nil, err
			}
			if failed {
				return value.Str(msg), nil
			}
			return value.Undefined, nil
		}),
	})
}

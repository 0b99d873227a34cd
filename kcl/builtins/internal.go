package builtins

import (
	"github.com/kclx-dev/kclx/kcl/value"
)

// InternalModuleFunc returns implementations of system-module members
// that need the evaluator (through Context hooks): manifests.yaml_stream,
// runtime.catch and collection.union_all. A module registered with
// RegisterModule takes precedence.
func InternalModuleFunc(mod, name string) (Func, bool) {
	switch mod + "." + name {
	case "manifests.yaml_stream":
		return yamlStream, true
	case "runtime.catch":
		return runtimeCatch, true
	case "collection.union_all":
		return unionAll, true
	}
	return nil, false
}

func yamlStream(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, ok := Arg(args, kwargs, 0, "values")
	if !ok {
		return nil, missingArg("yaml_stream", "values")
	}
	l, isList := v.(*value.List)
	if !isList {
		return nil, value.EvalErrorf("yaml_stream() values must be a list, got %s", value.TypeName(v))
	}
	opts := value.EncodeOptions{IgnorePrivate: true}
	sep := "---"
	if o, ok := Arg(args, kwargs, 1, "opts"); ok {
		if d, ok := o.(*value.Dict); ok {
			if x, ok := d.Get("sort_keys"); ok {
				opts.SortKeys = value.Truthy(x)
			}
			if x, ok := d.Get("ignore_private"); ok {
				opts.IgnorePrivate = value.Truthy(x)
			}
			if x, ok := d.Get("ignore_none"); ok {
				opts.IgnoreNone = value.Truthy(x)
			}
			if x, ok := d.Get("sep"); ok {
				if s, ok := x.(value.Str); ok {
					sep = string(s)
				}
			}
		}
	}
	if c == nil || c.SetStream == nil {
		return nil, value.EvalErrorf("manifests.yaml_stream is not available")
	}
	c.SetStream(l.Items, opts, sep)
	return value.None, nil
}

func runtimeCatch(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	fn, ok := Arg(args, kwargs, 0, "func")
	if !ok {
		return nil, missingArg("catch", "func")
	}
	if c == nil || c.Catch == nil {
		return nil, value.EvalErrorf("runtime.catch is not available")
	}
	msg, failed, err := c.Catch(fn)
	if err != nil {
		return nil, err
	}
	if !failed {
		return value.Undefined, nil
	}
	return value.Str(msg), nil
}

func unionAll(c *Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
	v, _ := Arg(args, kwargs, 0, "num")
	items, err := value.Iterate(v)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return value.NewDict(), nil
	}
	acc := value.DeepCopy(items[0])
	for _, it := range items[1:] {
		if c == nil || c.Union == nil {
			return nil, value.EvalErrorf("collection.union_all is not available")
		}
		acc = c.Union(acc, it)
	}
	return acc, nil
}

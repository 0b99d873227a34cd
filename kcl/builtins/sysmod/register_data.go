package sysmod

import (
	"strings"

	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/value"
)

// yamlOpts reads sort_keys, ignore_private, ignore_none starting at
// position i.
func yamlOpts(c call, i int) value.EncodeOptions {
	return value.EncodeOptions{
		SortKeys:      c.boolOpt(i, "sort_keys", false),
		IgnorePrivate: c.boolOpt(i+1, "ignore_private", false),
		IgnoreNone:    c.boolOpt(i+2, "ignore_none", false),
	}
}

// jsonOpts reads sort_keys, indent, ignore_private, ignore_none starting at
// position i.
func jsonOpts(c call, i int) (value.EncodeOptions, error) {
	indent, err := c.intOpt(i+1, "indent", 0)
	if err != nil {
		return value.EncodeOptions{}, err
	}
	if indent < 0 {
		indent = 0
	}
	return value.EncodeOptions{
		SortKeys:      c.boolOpt(i, "sort_keys", false),
		Indent:        int(min(indent, 1<<10)),
		IgnorePrivate: c.boolOpt(i+2, "ignore_private", false),
		IgnoreNone:    c.boolOpt(i+3, "ignore_none", false),
	}, nil
}

// YAMLStreamSep separates documents in yaml.encode_all and
// yaml.dump_all_to_file.
const YAMLStreamSep = "\n---\n"

// listItems returns the items of a list argument.
func listItems(v value.Value) ([]value.Value, error) {
	if l, ok := v.(*value.List); ok {
		return l.Items, nil
	}
	return nil, value.EvalErrorf("invalid list value")
}

// encodeAllYAML encodes each item as a YAML document joined by
// YAMLStreamSep.
func encodeAllYAML(items []value.Value, opts value.EncodeOptions) string {
	docs := make([]string, len(items))
	for i, it := range items {
		docs[i] = value.EncodeYAML(it, opts)
	}
	return strings.Join(docs, YAMLStreamSep)
}

// valueArg reads the string argument `value` of the decoders.
func valueArg(c call) (string, error) {
	v, ok := c.arg(0, "value")
	if !ok {
		return "", value.EvalErrorf("%s() missing 1 required positional argument: 'value'", c.fn)
	}
	return asStr(v), nil
}

func registerYAML() {
	builtins.RegisterModule("yaml", map[string]builtins.Member{
		"encode": fn("encode", []string{"data", "sort_keys", "ignore_private", "ignore_none"}, func(_ *builtins.Context, c call) (value.Value, error) {
			data, ok := c.arg(0, "data")
			if !ok {
				return nil, value.EvalErrorf("encode() missing 1 required positional argument: 'data'")
			}
			return value.Str(value.EncodeYAML(data, yamlOpts(c, 1))), nil
		}),
		"encode_all": fn("encode_all", []string{"data", "sort_keys", "ignore_private", "ignore_none"}, func(_ *builtins.Context, c call) (value.Value, error) {
			data, ok := c.arg(0, "data")
			if !ok {
				return nil, value.EvalErrorf("encode_all() missing 1 required positional argument: 'data'")
			}
			items, err := listItems(data)
			if err != nil {
				return nil, err
			}
			return value.Str(encodeAllYAML(items, yamlOpts(c, 1))), nil
		}),
		"decode": fn("decode", []string{"value"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, err := valueArg(c)
			if err != nil {
				return nil, err
			}
			return value.DecodeYAML(s)
		}),
		"decode_all": fn("decode_all", []string{"value"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, err := valueArg(c)
			if err != nil {
				return nil, err
			}
			docs, err := value.DecodeYAMLAll(s)
			if err != nil {
				return nil, err
			}
			return value.NewList(docs...), nil
		}),
		"dump_to_file": fn("dump_to_file", []string{"data", "filename", "sort_keys", "ignore_private", "ignore_none"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			data, ok1 := c.arg(0, "data")
			name, ok2 := c.arg(1, "filename")
			if !ok1 || !ok2 {
				return nil, value.EvalErrorf("dump_to_file() missing 2 required positional arguments: 'data' and 'filename'")
			}
			err := DumpToFile(contextFS(ctx), asStr(name), value.EncodeYAML(data, yamlOpts(c, 2)))
			return value.Undefined, err
		}),
		"dump_all_to_file": fn("dump_all_to_file", []string{"data", "filename", "sort_keys", "ignore_private", "ignore_none"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			data, ok1 := c.arg(0, "data")
			name, ok2 := c.arg(1, "filename")
			if !ok1 || !ok2 {
				return nil, value.EvalErrorf("dump_all_to_file() missing 2 required positional arguments: 'data' and 'filename'")
			}
			items, err := listItems(data)
			if err != nil {
				return nil, err
			}
			err = DumpToFile(contextFS(ctx), asStr(name), encodeAllYAML(items, yamlOpts(c, 2)))
			return value.Undefined, err
		}),
		"validate": fn("validate", []string{"value"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, err := valueArg(c)
			if err != nil {
				return nil, err
			}
			_, err = value.DecodeYAMLAll(s)
			return value.Bool(err == nil), nil
		}),
	})
}

func registerJSON() {
	builtins.RegisterModule("json", map[string]builtins.Member{
		"encode": fn("encode", []string{"data", "sort_keys", "indent", "ignore_private", "ignore_none"}, func(_ *builtins.Context, c call) (value.Value, error) {
			data, ok := c.arg(0, "data")
			if !ok {
				return nil, value.EvalErrorf("encode() missing 1 required positional argument: 'value'")
			}
			opts, err := jsonOpts(c, 1)
			if err != nil {
				return nil, err
			}
			return value.Str(value.EncodeJSON(data, opts)), nil
		}),
		"decode": fn("decode", []string{"value"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, err := valueArg(c)
			if err != nil {
				return nil, err
			}
			return value.DecodeJSON(s)
		}),
		"validate": fn("validate", []string{"value"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, err := valueArg(c)
			if err != nil {
				return nil, err
			}
			_, err = value.DecodeJSON(s)
			return value.Bool(err == nil), nil
		}),
		"dump_to_file": fn("dump_to_file", []string{"data", "filename", "sort_keys", "indent", "ignore_private", "ignore_none"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			data, ok1 := c.arg(0, "data")
			name, ok2 := c.arg(1, "filename")
			if !ok1 || !ok2 {
				return nil, value.EvalErrorf("dump_to_file() missing 2 required positional arguments: 'data' and 'filename'")
			}
			opts, err := jsonOpts(c, 2)
			if err != nil {
				return nil, err
			}
			err = DumpToFile(contextFS(ctx), asStr(name), value.EncodeJSON(data, opts))
			return value.Undefined, err
		}),
		"merge": fn("merge", []string{"src", "patch"}, func(_ *builtins.Context, c call) (value.Value, error) {
			src, ok1 := c.arg(0, "src")
			patch, ok2 := c.arg(1, "patch")
			if !ok1 || !ok2 {
				return nil, value.EvalErrorf("merge() missing 2 required positional arguments: 'src' and 'patch'")
			}
			return MergePatch(src, patch), nil
		}),
	})
}

func registerManifests() {
	builtins.RegisterModule("manifests", map[string]builtins.Member{
		"yaml_stream": fn("yaml_stream", []string{"values", "opts"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			opts := value.EncodeOptions{IgnorePrivate: true}
			sep := "---"
			optsV, hasOpts := c.kwargs.Get("opts")
			if !hasOpts || value.IsUndefined(optsV) {
				optsV, hasOpts = c.arg(1, "")
			}
			if hasOpts && !value.IsUndefined(optsV) {
				d := value.ConfigDict(optsV)
				if d == nil {
					return nil, value.EvalErrorf("Invalid options arguments in yaml_stream(): expect config, got %s", value.TypeName(optsV))
				}
				get := func(key string, def value.Value) value.Value {
					if v, ok := d.Get(key); ok {
						return v
					}
					return def
				}
				opts.SortKeys = value.Truthy(get("sort_keys", value.False))
				opts.IgnorePrivate = value.Truthy(get("ignore_private", value.True))
				opts.IgnoreNone = value.Truthy(get("ignore_none", value.False))
				sep = value.ToString(get("sep", value.Str("---")))
			}
			values, ok := c.arg(0, "values")
			if !ok {
				return nil, value.EvalErrorf("yaml_stream() missing 1 required positional argument: 'values'")
			}
			items, err := listItems(values)
			if err != nil {
				return nil, err
			}
			switch {
			case ctx != nil && ctx.SetStream != nil:
				ctx.SetStream(items, opts, sep)
			case ctx != nil && ctx.SetOutput != nil:
				ctx.SetOutput(YAMLStream(items, opts, sep))
			default:
				return nil, value.EvalErrorf("yaml_stream() is not supported here: the output cannot be replaced")
			}
			return value.Undefined, nil
		}),
	})
}

// YAMLStream encodes values as YAML documents separated by lines holding
// sep, ending with a newline (the output of manifests.yaml_stream).
func YAMLStream(items []value.Value, opts value.EncodeOptions, sep string) string {
	docs := make([]string, len(items))
	for i, it := range items {
		docs[i] = strings.TrimSuffix(value.EncodeYAML(it, opts), "\n")
	}
	return strings.Join(docs, "\n"+sep+"\n") + "\n"
}

func registerCollection() {
	builtins.RegisterModule("collection", map[string]builtins.Member{
		"union_all": fn("union_all", []string{"num"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			v, ok := c.arg(0, "num")
			if !ok {
				return nil, value.EvalErrorf("union_all() takes at least 1 argument (0 given)")
			}
			l, isList := v.(*value.List)
			if !isList || len(l.Items) == 0 {
				return value.NewDict(), nil
			}
			if ctx != nil && ctx.Union != nil {
				// The evaluator's `|` also re-resolves and checks schemas.
				acc := value.DeepCopy(l.Items[0])
				for _, it := range l.Items[1:] {
					acc = ctx.Union(acc, it)
				}
				return acc, nil
			}
			return UnionAll(l.Items)
		}),
	})
}

package sysmod

import (
	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/value"
)

// stringPattern reads the (string, pattern) arguments shared by the regex
// functions.
func stringPattern(c call, missingBoth, missingPattern string) (string, string, error) {
	s, ok, err := c.str(0, "string")
	if err != nil {
		return "", "", err
	}
	if !ok {
		return "", "", value.EvalErrorf("%s", missingBoth)
	}
	p, ok, err := c.str(1, "pattern")
	if err != nil {
		return "", "", err
	}
	if !ok {
		return "", "", value.EvalErrorf("%s", missingPattern)
	}
	return s, p, nil
}

func registerRegex() {
	builtins.RegisterModule("regex", map[string]builtins.Member{
		"match": fn("match", []string{"string", "pattern"}, func(_ *builtins.Context, c call) (value.Value, error) {
			const missing = "match() missing 2 required positional arguments: 'string' and 'pattern'"
			s, p, err := stringPattern(c, missing, missing)
			if err != nil {
				return nil, err
			}
			ok, err := RegexMatch(s, p)
			return value.Bool(ok), err
		}),
		"search": fn("search", []string{"string", "pattern"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, p, err := stringPattern(c, "search() missing 2 required positional arguments: 'string' and 'pattern'",
				"search() missing the required positional argument: 'pattern'")
			if err != nil {
				return nil, err
			}
			ok, err := RegexSearch(s, p)
			return value.Bool(ok), err
		}),
		"compile": fn("compile", []string{"pattern"}, func(_ *builtins.Context, c call) (value.Value, error) {
			p, err := c.mustStr(0, "pattern", "compile() missing the required positional argument: 'pattern'")
			if err != nil {
				return nil, err
			}
			return value.Bool(RegexCompile(p)), nil
		}),
		"findall": fn("findall", []string{"string", "pattern"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, p, err := stringPattern(c, "findall() missing 2 required positional arguments: 'string' and 'pattern'",
				"findall() missing the required positional argument: 'pattern'")
			if err != nil {
				return nil, err
			}
			items, err := RegexFindall(s, p)
			if err != nil {
				return nil, err
			}
			out := value.NewList()
			for _, it := range items {
				if it.Groups != nil {
					out.Append(strList(it.Groups))
				} else {
					out.Append(value.Str(it.Match))
				}
			}
			return out, nil
		}),
		"replace": fn("replace", []string{"string", "pattern", "replace", "count"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, p, err := stringPattern(c, "replace() missing 3 required positional arguments: 'string', 'pattern', and 'replace",
				"replace() missing the required positional argument: 'pattern'")
			if err != nil {
				return nil, err
			}
			repl, err := c.mustStr(2, "replace", "replace() missing the required positional argument: 'replace'")
			if err != nil {
				return nil, err
			}
			count, err := c.intOpt(3, "count", 0)
			if err != nil {
				return nil, err
			}
			out, err := RegexReplace(s, p, repl, count)
			return value.Str(out), err
		}),
		"split": fn("split", []string{"string", "pattern", "maxsplit"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, p, err := stringPattern(c, "split() missing 2 required positional arguments: 'string' and 'pattern'",
				"split() missing the required positional argument: 'pattern'")
			if err != nil {
				return nil, err
			}
			maxsplit, err := c.intOpt(2, "maxsplit", 0)
			if err != nil {
				return nil, err
			}
			parts, err := RegexSplit(s, p, maxsplit)
			if err != nil {
				return nil, err
			}
			return strList(parts), nil
		}),
	})
}

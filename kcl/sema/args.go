package sema

import (
	"fmt"

	"github.com/kclx-dev/kclx/kcl/ast"
	"github.com/kclx-dev/kclx/kcl/types"
)

func funcName(fun ast.Expr) string {
	for d := 0; d < maxDepth; d++ {
		switch f := fun.(type) {
		case *ast.Ident:
			return `"` + f.Name + `"`
		case *ast.SelectorExpr:
			return `"` + f.Sel.Name + `"`
		case *ast.ParenExpr:
			fun = f.X
			continue
		}
		break
	}
	return "anonymous function"
}

func withUnit(n int, unit string) string {
	if n > 1 {
		return fmt.Sprintf("%d %ss", n, unit)
	}
	return fmt.Sprintf("%d %s", n, unit)
}

// argumentsCheck checks the arguments of a call of a function, schema or
// decorator with signature f.
func (c *checker) argumentsCheck(fun ast.Expr, args []ast.Expr, kws []*ast.Keyword, f *types.Func) {
	name := funcName(fun)
	// Arguments are not checked against the enclosing config context.
	c.pushCfg(nil)
	defer c.popCfg(1)
	argTypes := make([]*types.Type, len(args))
	for i, a := range args {
		// Recorded for tools only: the parameter the argument is for.
		if i < len(f.Params) && (f.KwOnlyIndex < 0 || i < f.KwOnlyIndex) {
			c.setWide(f.Params[i].Type)
		} else {
			c.setWide(nil)
		}
		argTypes[i] = c.expr(a)
	}
	seen := map[string]bool{}
	kwTypes := make([]*types.Type, len(kws))
	for i, kw := range kws {
		if kw.Name == nil {
			c.compileError(kw, "missing-argument", "missing argument")
			continue
		}
		if seen[kw.Name.Name] {
			c.compileError(kw, "duplicate-keyword", "%s has duplicated keyword argument %s", name, kw.Name.Name)
		}
		seen[kw.Name.Name] = true
		c.setWide(nil)
		for _, p := range f.Params {
			if p.Name == kw.Name.Name {
				c.setWide(p.Type)
			}
		}
		kwTypes[i] = c.expr(kw.Value)
	}
	if !f.Variadic {
		got, expect := 0, 0
		for _, p := range f.Params {
			if !p.HasDefault {
				expect++
				if seen[p.Name] {
					got++
				}
			}
		}
		got += len(args)
		if got < expect {
			c.compileError(fun, "too-few-arguments", "expected %s, found %d", withUnit(expect, "positional argument"), got)
		}
	}
	for i, t := range argTypes {
		if f.KwOnlyIndex >= 0 && i >= f.KwOnlyIndex {
			break // taken by *args
		}
		if i >= len(f.Params) {
			if !f.Variadic {
				c.compileError(args[i], "too-many-arguments", "%s takes %s but %d were given", name, withUnit(len(f.Params), "positional argument"), len(args))
			}
			break
		}
		c.mustAssignable(t, f.Params[i].Type, args[i], nil)
	}
	for i, kw := range kws {
		if kw.Name == nil {
			continue
		}
		var param *types.Param
		for j := range f.Params {
			if f.Params[j].Name == kw.Name.Name {
				param = &f.Params[j]
				break
			}
		}
		if param == nil {
			if !f.Variadic {
				var names []string
				for _, p := range f.Params {
					names = append(names, p.Name)
				}
				sugg := ""
				if s := suggest(kw.Name.Name, names); len(s) > 0 {
					sugg = fmt.Sprintf(", did you mean '%s'?", s[0])
				}
				c.compileError(kw, "unexpected-keyword", "%s got an unexpected keyword argument '%s'%s", name, kw.Name.Name, sugg)
			}
			continue
		}
		c.mustAssignable(kwTypes[i], param.Type, kw, nil)
	}
}

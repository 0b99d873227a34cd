package sysmod

import (
	"time"

	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/value"
)

// This file plugs the modules into the builtins registry: one adapter per
// module function converting KCL values, applying upstream's parameter
// names and defaults and its error messages. The per-module adapters live
// in register_*.go.

func init() {
	registerBase64()
	registerBase32()
	registerNet()
	registerManifests()
	registerMath()
	registerDatetime()
	registerRegex()
	registerYAML()
	registerJSON()
	registerCrypto()
	registerUnits()
	registerCollection()
	registerFile()
	registerTemplate()
	registerRuntime()
}

// call bundles the arguments of one call with the function name.
type call struct {
	fn     string
	args   []value.Value
	kwargs *value.Dict
}

func newCall(fn string, args []value.Value, kwargs *value.Dict) call {
	if kwargs == nil {
		kwargs = value.NewDict()
	}
	return call{fn: fn, args: args, kwargs: kwargs}
}

// arg returns argument i or keyword name (Undefined counts as absent).
func (c call) arg(i int, name string) (value.Value, bool) {
	return builtins.Arg(c.args, c.kwargs, i, name)
}

// str returns a string argument; ok is false when it is missing.
func (c call) str(i int, name string) (string, bool, error) {
	return builtins.StrArg(c.fn, c.args, c.kwargs, i, name)
}

// mustStr returns a string argument or the error missing when absent.
func (c call) mustStr(i int, name, missing string) (string, error) {
	s, ok, err := c.str(i, name)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", value.EvalErrorf("%s", missing)
	}
	return s, nil
}

// boolOpt returns a bool argument (truthiness) or def.
func (c call) boolOpt(i int, name string, def bool) bool {
	return builtins.BoolArg(c.args, c.kwargs, i, name, def)
}

// intOpt returns an int argument or def.
func (c call) intOpt(i int, name string, def int64) (int64, error) {
	return builtins.IntArg(c.fn, c.args, c.kwargs, i, name, def)
}

// strictInt converts an int value (upstream must_as_strict_int).
func strictInt(v value.Value) (int64, error) {
	if i, ok := v.(value.Int); ok {
		return int64(i), nil
	}
	return 0, value.EvalErrorf("expect int, got %s", value.TypeName(v))
}

// evalErr wraps a Go error as an EvaluationError (nil stays nil).
func evalErr(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*value.Error); ok {
		return err
	}
	return value.EvalErrorf("%s", err.Error())
}

// strList converts Go strings to a KCL list.
func strList(ss []string) *value.List {
	l := value.NewList()
	l.Items = make([]value.Value, len(ss))
	for i, s := range ss {
		l.Items[i] = value.Str(s)
	}
	return l
}

// now returns the context's clock.
func now(ctx *builtins.Context) time.Time {
	if ctx == nil {
		return time.Now()
	}
	return ctx.Time()
}

// fn wraps a function body taking a call.
func fn(name string, params []string, body func(ctx *builtins.Context, c call) (value.Value, error)) builtins.Member {
	return builtins.Member{
		Params: params,
		Func: func(ctx *builtins.Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
			v, err := body(ctx, newCall(name, args, kwargs))
			if err != nil {
				return nil, evalErr(err)
			}
			if v == nil {
				v = value.None
			}
			return v, nil
		},
	}
}

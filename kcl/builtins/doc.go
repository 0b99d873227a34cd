// Package builtins holds KCL's builtin functions (print, len, option,
// typeof, sorted, ...), the string methods ("a".upper(), format, ...), the
// decorators (@deprecated, @info) and the registry through which system
// modules (base64, json, yaml, math, regex, net, datetime, crypto, units,
// file, template, runtime, collection, manifests, base32) plug in.
//
// # Writing a system module (kcl/builtins/sysmod)
//
// A system module is a set of Members registered under the module's name,
// normally from an init function:
//
//	func init() {
//		builtins.RegisterModule("base64", map[string]builtins.Member{
//			"encode": {Func: b64encode, Params: []string{"value", "encoding"}},
//			"decode": {Func: b64decode, Params: []string{"value"}},
//		})
//		builtins.RegisterModule("units", map[string]builtins.Member{
//			"Ki": {Value: value.Int(1024)}, // a constant member
//		})
//	}
//
//	func b64encode(ctx *builtins.Context, args []value.Value, kwargs *value.Dict) (value.Value, error) {
//		s, ok, err := builtins.StrArg("encode", args, kwargs, 0, "value")
//		if err != nil {
//			return nil, err
//		}
//		if !ok {
//			return nil, value.EvalErrorf("encode() missing 1 required positional argument: 'value'")
//		}
//		return value.Str(base64.StdEncoding.EncodeToString([]byte(s))), nil
//	}
//
// A Func receives the positional arguments and the keyword arguments (an
// ordered *value.Dict, never nil) exactly as written in the call; Arg,
// StrArg, IntArg and BoolArg fetch "argument i or keyword name" with
// Undefined counting as absent. Return value.None when the function has no
// result. Report failures with value.Errorf / value.EvalErrorf (kind
// EvaluationError unless upstream uses another kind); the evaluator adds the
// source position and prints the diagnostic. Functions must not panic (the
// evaluator recovers and reports a panic as an EvaluationError anyway).
//
// The evaluator resolves `import base64` to LookupModule("base64") (the
// names in SystemModuleNames are the ones upstream accepts), `base64.encode`
// to the member, and a call to member.Func(ctx, args, kwargs).
//
// # The Context
//
// Context gives functions what they need from the running evaluation, all
// optional (nil / "" when the host does not provide it):
//
//	FS           file access (the `file` module, crypto.filesha256,
//	             yaml/json dump_to_file); an OS-backed FS comes from the CLI,
//	             in-memory ones from tests and the LSP
//	WorkDir      the working directory (file.workdir)
//	ModRoot      the module root, folder of kcl.mod (file.modpath)
//	CurrentFile  the file being evaluated (file.current)
//	Getenv       environment lookup (file.read_env)
//	Now          clock (datetime); use ctx.Time()
//	Stdout       print() output
//	SetStream    replaces the program output with a YAML stream of values
//	             (manifests.yaml_stream); SetOutput is the older text form
//	Call         invokes a KCL function value (callbacks)
//	Catch        runs a function value and returns its error message
//	             (runtime.catch)
//	Union        merges two values with `|` (collection.union_all)
//	Option       looks up a top-level argument (option())
//	Options      run settings (strict range check, sort keys, limits, ...);
//	             Options.MaxItems bounds range() and the strings that
//	             join, replace and format build
//
// # Builtin functions, string methods and decorators
//
// Lookup(name) returns a builtin function (print, len, option, typeof,
// sorted, range, int, str, reduce, ...), StrMethod(name) a string method
// ("upper", "split", "format", ...; FormatString/FormatValue implement
// Python's format mini-language), RunDecorator applies @deprecated/@info,
// and InternalModuleFunc provides the evaluator-backed members
// manifests.yaml_stream, runtime.catch and collection.union_all when no
// registered module provides them.
//
// Encoding helpers live in kcl/value: value.EncodeJSON, value.EncodeYAML,
// value.DecodeJSON, value.DecodeYAML, value.DecodeYAMLAll.
//
// # Dependencies
//
// This package imports only kcl/value, kcl/ast/kcl/syntax where needed and
// the standard library; never os, net, os/exec or io/ioutil (files go
// through Context.FS), and never kcl/eval (the evaluator imports builtins,
// not the other way round).
package builtins

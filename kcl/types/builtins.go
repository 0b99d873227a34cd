package types

import (
	"fmt"
	"strings"
	"sync"
)

// The signatures of KCL's builtin functions, string methods, system
// module functions and decorators, written once in annotation syntax and
// shared by the type checker, the evaluator (argument binding, defaults)
// and the language server (hover, completion, signature help).
//
// A signature is `name(params) -> ret`; a parameter is `name: type`,
// `name?: type` (has a default), `*name` (variadic positional) or
// `**name` (variadic keywords).

// BuiltinFuncSigs are the builtin functions, in upstream order.
var BuiltinFuncSigs = []string{
	"option(key: str, type?: str, required?: bool, default?: any, help?: str) -> any",
	"print(*args, sep?: str, end?: str) -> None",
	"multiplyof(a: int, b: int) -> bool",
	"isunique(inval: [any]) -> bool",
	"len(inval: str | {any:any} | [any]) -> int",
	"abs(inval: any) -> any",
	"all_true(inval: [any]) -> bool",
	"any_true(inval: [any]) -> bool",
	"hex(number: int) -> str",
	"bin(number: int) -> str",
	"oct(number: int) -> str",
	"ord(c: str) -> int",
	"sorted(inval: str | {any:any} | [any], reverse?: bool) -> [any]",
	"range(start?: int, stop?: int, step?: int) -> [int]",
	"max(*args) -> any",
	"min(*args) -> any",
	"sum(iterable: [any], start?: any) -> any",
	"pow(x: int | float, y: int | float, z?: int | float) -> int | float",
	"round(number: int | float, ndigits?: int) -> int | float",
	"zip(*args) -> [any]",
	"int(number: any, base?: int) -> int",
	"float(number: any) -> float",
	"bool(x?: any) -> bool",
	"str(x?: any) -> str",
	"list(x?: any) -> [any]",
	"dict(x?: any, **kwargs) -> {any:any}",
	"typeof(x: any, full_name?: bool) -> str",
	"isnullish(inval: any) -> bool",
	"reduce(reducer: any, list: [any], initial?: any) -> any",
}

// StringMethodSigs are the methods of str values.
var StringMethodSigs = []string{
	"capitalize() -> str",
	"chars() -> [str]",
	"count(sub: str, start?: int, end?: int) -> int",
	"endswith(val: str, start?: int, end?: int) -> bool",
	"find(sub: str, start?: int, end?: int) -> int",
	"format(*args, **kwargs) -> str",
	"index(sub: str, start?: int, end?: int) -> int",
	"isalpha() -> bool",
	"isalnum() -> bool",
	"isdigit() -> bool",
	"islower() -> bool",
	"isspace() -> bool",
	"istitle() -> bool",
	"isupper() -> bool",
	"join(iter: [any]) -> str",
	"lower() -> str",
	"upper() -> str",
	"lstrip(chars?: str) -> str",
	"rstrip(chars?: str) -> str",
	"strip(chars?: str) -> str",
	"replace(old: str, new: str, count?: int) -> str",
	"removeprefix(prefix: str) -> str",
	"removesuffix(suffix: str) -> str",
	"rfind(sub: str, start?: int, end?: int) -> int",
	"rindex(sub: str, start?: int, end?: int) -> int",
	"rsplit(sep?: str, maxsplit?: int) -> [str]",
	"split(sep?: str, maxsplit?: int) -> [str]",
	"splitlines(keepends?: bool) -> [str]",
	"startswith(val: str, start?: int, end?: int) -> bool",
	"title() -> str",
}

// SystemModuleSigs are the functions of the system modules, by module.
var SystemModuleSigs = map[string][]string{
	"base64": {
		"encode(value: str, encoding?: str) -> str",
		"decode(value: str) -> str",
	},
	"base32": {
		"encode(value: str) -> str",
		"decode(value: str) -> str",
	},
	"net": {
		"split_host_port(ip_end_point: str) -> [str]",
		"join_host_port(host: str, port: int | str) -> str",
		"fqdn(name?: str) -> str",
		"parse_IP(ip: str) -> str",
		"IP_string(ip: str) -> str",
		"to_IP4(ip: str) -> str",
		"to_IP6(ip: str) -> str",
		"is_IPv4(ip: str) -> bool",
		"is_IPv6(ip: str) -> bool",
		"is_IP(ip: str) -> bool",
		"is_loopback_IP(ip: str) -> bool",
		"is_multicast_IP(ip: str) -> bool",
		"is_interface_local_multicast_IP(ip: str) -> bool",
		"is_link_local_multicast_IP(ip: str) -> bool",
		"is_link_local_unicast_IP(ip: str) -> bool",
		"is_global_unicast_IP(ip: str) -> bool",
		"is_unspecified_IP(ip: str) -> bool",
		"parse_CIDR(cidr: str) -> {str:any}",
		"is_IP_in_CIDR(ip: str, cidr: str) -> bool",
		"CIDR_subnet(cidr: str, additional_bits: int, net_num: int) -> str",
		"CIDR_subnets(cidr: str, additional_bits: [int]) -> [str]",
		"CIDR_host(cidr: str, host_num: int) -> str",
		"CIDR_netmask(cidr: str) -> str",
	},
	"manifests": {
		"yaml_stream(values: [any], opts?: {str:any}) -> None",
	},
	"math": {
		"ceil(x: int | float) -> int",
		"factorial(x: int | float) -> int",
		"floor(x: int | float) -> int",
		"gcd(a: int, b: int) -> int",
		"isfinite(x: int | float) -> bool",
		"isinf(x: int | float) -> bool",
		"isnan(x: int | float) -> bool",
		"modf(x: int | float) -> [float]",
		"exp(x: int | float) -> float",
		"expm1(x: int | float) -> float",
		"log(x: int | float, e?: float) -> float",
		"log1p(x: int | float) -> float",
		"log2(x: int | float) -> float",
		"log10(x: int | float) -> float",
		"pow(x: int | float, y: int | float) -> float",
		"sqrt(x: int | float) -> float",
	},
	"datetime": {
		"ticks() -> float",
		"date() -> str",
		"now(format?: str) -> str",
		"today() -> str",
		"validate(date: str, format: str) -> bool",
		"is_rfc3339(date: str) -> bool",
		"is_iso8601(date: str) -> bool",
	},
	"regex": {
		"match(string: str, pattern: str) -> bool",
		"search(string: str, pattern: str) -> bool",
		"findall(string: str, pattern: str) -> [str]",
		"replace(string: str, pattern: str, replace: str, count?: int) -> str",
		"compile(pattern: str) -> bool",
		"split(string: str, pattern: str, maxsplit?: int) -> [str]",
	},
	"yaml": {
		"encode(data: any, sort_keys?: bool, ignore_private?: bool, ignore_none?: bool) -> str",
		"encode_all(data: [any], sort_keys?: bool, ignore_private?: bool, ignore_none?: bool) -> str",
		"decode(value: str) -> any",
		"decode_all(value: str) -> [any]",
		"dump_to_file(data: any, filename: str, sort_keys?: bool, ignore_private?: bool, ignore_none?: bool) -> None",
		"dump_all_to_file(data: [any], filename: str, sort_keys?: bool, ignore_private?: bool, ignore_none?: bool) -> None",
		"validate(value: str) -> bool",
	},
	"json": {
		"encode(data: any, sort_keys?: bool, indent?: int, ignore_private?: bool, ignore_none?: bool) -> str",
		"decode(value: str) -> any",
		"dump_to_file(data: any, filename: str, sort_keys?: bool, indent?: int, ignore_private?: bool, ignore_none?: bool) -> None",
		"validate(value: str) -> bool",
		"merge(src: any, patch: any) -> any",
	},
	"crypto": {
		"md5(value: str, encoding?: str) -> str",
		"sha1(value: str, encoding?: str) -> str",
		"sha224(value: str, encoding?: str) -> str",
		"sha256(value: str, encoding?: str) -> str",
		"sha384(value: str, encoding?: str) -> str",
		"sha512(value: str, encoding?: str) -> str",
		"blake3(value: str, encoding?: str) -> str",
		"uuid() -> str",
		"filesha256(filepath: str) -> str",
		"filesha512(filepath: str) -> str",
		"fileblake3(filepath: str) -> str",
	},
	"units": {
		"to_n(num: int | float) -> str",
		"to_u(num: int | float) -> str",
		"to_m(num: int | float) -> str",
		"to_K(num: int | float) -> str",
		"to_M(num: int | float) -> str",
		"to_G(num: int | float) -> str",
		"to_T(num: int | float) -> str",
		"to_P(num: int | float) -> str",
		"to_Ki(num: int | float) -> str",
		"to_Mi(num: int | float) -> str",
		"to_Gi(num: int | float) -> str",
		"to_Ti(num: int | float) -> str",
		"to_Pi(num: int | float) -> str",
	},
	"collection": {
		"union_all(num: [any]) -> any",
	},
	"file": {
		"read(filepath: str) -> str",
		"glob(pattern: str) -> [str]",
		"modpath() -> str",
		"workdir() -> str",
		"current() -> str",
		"exists(filepath: str) -> bool",
		"abs(filepath: str) -> str",
		"append(filepath: str, content: str) -> None",
		"mkdir(directory: str, exists?: bool) -> None",
		"delete(filepath: str) -> None",
		"cp(src: str, dest: str) -> None",
		"mv(src: str, dest: str) -> None",
		"size(filepath: str) -> int",
		"write(filepath: str, content: str) -> None",
		"read_env(key: str) -> str",
	},
	"template": {
		"execute(template: str, data?: {str:any}) -> str",
		"html_escape(data: str) -> str",
	},
	"runtime": {
		"catch(func: any) -> str",
	},
}

// UnitsConstants are the integer constants of the units module.
var UnitsConstants = []string{"n", "u", "m", "k", "K", "M", "G", "T", "P", "Ki", "Mi", "Gi", "Ti", "Pi"}

// DecoratorSigs are the builtin decorators.
var DecoratorSigs = []string{
	"deprecated(version?: str, reason?: str, strict?: bool) -> any",
	"info(**kwargs) -> any",
}

// SchemaMemberSigs are the members of schema types (not instances).
var SchemaMemberSigs = []string{
	"instances(full_pkg?: bool) -> [any]",
}

// ParseSignature parses a signature of the tables above into a function
// type (Func.Name is set).
func ParseSignature(sig string) (*Type, error) {
	open := strings.IndexByte(sig, '(')
	close := strings.LastIndexByte(sig, ')')
	if open <= 0 || close < open {
		return nil, fmt.Errorf("bad signature %q", sig)
	}
	f := &Func{Name: strings.TrimSpace(sig[:open]), Ret: Any, KwOnlyIndex: -1}
	if rest := strings.TrimSpace(sig[close+1:]); rest != "" {
		r, ok := strings.CutPrefix(rest, "->")
		if !ok {
			return nil, fmt.Errorf("bad signature %q", sig)
		}
		t, err := ParseTypeString(strings.TrimSpace(r))
		if err != nil {
			return nil, err
		}
		f.Ret = t
	}
	for _, p := range splitParams(sig[open+1 : close]) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if strings.HasPrefix(p, "*") {
			if !strings.HasPrefix(p, "**") && f.KwOnlyIndex < 0 {
				// parameters after *args can only be passed by keyword
				f.KwOnlyIndex = len(f.Params)
			}
			f.Variadic = true
			continue
		}
		name, typ, hasType := strings.Cut(p, ":")
		name = strings.TrimSpace(name)
		param := Param{Type: Any}
		if n, ok := strings.CutSuffix(name, "?"); ok {
			name, param.HasDefault = n, true
		}
		param.Name = name
		if hasType {
			t, err := ParseTypeString(strings.TrimSpace(typ))
			if err != nil {
				return nil, err
			}
			param.Type = t
		}
		f.Params = append(f.Params, param)
	}
	return &Type{Kind: KFunc, Func: f}, nil
}

// splitParams splits a parameter list at top-level commas.
func splitParams(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', '{', '(':
			depth++
		case ']', '}', ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// FuncTable is a name → function type table built from signatures.
type FuncTable struct {
	Names []string
	M     map[string]*Type
}

func buildTable(sigs []string) *FuncTable {
	t := &FuncTable{M: map[string]*Type{}}
	for _, s := range sigs {
		ft, err := ParseSignature(s)
		if err != nil {
			panic(err) // the tables are constants checked by tests
		}
		t.Names = append(t.Names, ft.Func.Name)
		t.M[ft.Func.Name] = ft
	}
	return t
}

var (
	tablesOnce                                             sync.Once
	builtinTable, stringTable, decoratorTable, schemaTable *FuncTable
	moduleTables                                           map[string]*FuncTable
)

func initTables() {
	tablesOnce.Do(func() {
		builtinTable = buildTable(BuiltinFuncSigs)
		stringTable = buildTable(StringMethodSigs)
		decoratorTable = buildTable(DecoratorSigs)
		schemaTable = buildTable(SchemaMemberSigs)
		moduleTables = map[string]*FuncTable{}
		for m, sigs := range SystemModuleSigs {
			moduleTables[m] = buildTable(sigs)
		}
		for _, s := range stringTable.M {
			s.Func.Self = Str
		}
	})
}

// Builtins returns the builtin function table.
func Builtins() *FuncTable { initTables(); return builtinTable }

// StringMethods returns the str method table.
func StringMethods() *FuncTable { initTables(); return stringTable }

// Decorators returns the builtin decorator table.
func Decorators() *FuncTable { initTables(); return decoratorTable }

// SchemaMembers returns the schema member function table.
func SchemaMembers() *FuncTable { initTables(); return schemaTable }

// SystemModule returns the function table of a system module, or nil.
func SystemModule(name string) *FuncTable { initTables(); return moduleTables[name] }

// SystemModuleMember returns the type of member name of system module
// mod and whether it exists.
func SystemModuleMember(mod, name string) (*Type, bool) {
	if mod == "units" {
		if name == "NumberMultiplier" {
			return NumberMultiplierType, true
		}
		for _, c := range UnitsConstants {
			if c == name {
				return Int, true
			}
		}
	}
	tab := SystemModule(mod)
	if tab == nil {
		return Any, false
	}
	if t, ok := tab.M[name]; ok {
		return t, true
	}
	return Any, false
}

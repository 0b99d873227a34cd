package source

import (
	"strings"
)

// Signatures of KCL's builtin functions, decorators, string methods and
// system-module functions, written in a small notation parsed at start-up:
// "name(p: type, q: type = default, *args, **kwargs) -> type | doc".
// The descriptions are this project's own summaries.

var builtinFuncSpecs = []string{
	`option(key: str, type: str, required: bool, default: any, help: str) -> any | Returns the value of the top-level argument key (set with -D key=value or a settings file).`,
	`print(*args, **kwargs) -> NoneType | Writes the arguments, separated by spaces, to standard output.`,
	`multiplyof(a: int, b: int) -> bool | Reports whether a is a multiple of b.`,
	`isunique(inval: [any]) -> bool | Reports whether the list has no duplicate elements.`,
	`isnullish(inval: any) -> bool | Reports whether the value is None or Undefined.`,
	`len(inval: str | [any] | {any:any}) -> int | Returns the length of a string, list, dict or schema instance.`,
	`abs(inval: any) -> any | Returns the absolute value of a number.`,
	`all_true(inval: [any]) -> bool | Reports whether every element is truthy (True for an empty list).`,
	`any_true(inval: [any]) -> bool | Reports whether some element is truthy (False for an empty list).`,
	`hex(number: int) -> str | Formats an integer in hexadecimal, prefixed with 0x.`,
	`bin(number: int) -> str | Formats an integer in binary, prefixed with 0b.`,
	`oct(number: int) -> str | Formats an integer in octal, prefixed with 0o.`,
	`ord(c: str) -> int | Returns the Unicode code point of a one-character string.`,
	`sorted(inval: any, reverse: bool) -> [any] | Returns the elements (the keys of a dict) in ascending order.`,
	`range(start: int, stop: int, step: int) -> [int] | Returns the list of integers from start up to stop (excluded), by step.`,
	`max(*args) -> any | Returns the largest of the arguments, or of the elements of a single iterable argument.`,
	`min(*args) -> any | Returns the smallest of the arguments, or of the elements of a single iterable argument.`,
	`sum(iterable: [any], start: any) -> any | Adds up the elements of a list, starting from start (0 by default).`,
	`pow(x: int | float, y: int | float, z: int | float) -> int | float | Returns x to the power y, modulo z when z is given.`,
	`round(number: int | float, ndigits: int) -> int | float | Rounds a number to ndigits decimal places (ties to even).`,
	`zip(*args) -> [any] | Returns lists of the elements at the same index of each argument list.`,
	`int(number: any, base: int) -> int | Converts a number or string to an integer.`,
	`float(number: any) -> float | Converts a number or string to a float.`,
	`bool(x: any) -> bool | Returns the truth value of x.`,
	`str(x: any) -> str | Returns the string form of a value.`,
	`list(x: any) -> [any] | Returns a list of the elements of an iterable.`,
	`dict(x: any, **kwargs) -> {any:any} | Returns a new dict built from a mapping and keyword arguments.`,
	`typeof(x: any, full_name: bool) -> str | Returns the name of the type of x.`,
	`reduce(reducer: any, list: [any], initial: any) -> any | Folds a list from the left with reducer(accumulator, item).`,
}

var decoratorSpecs = []string{
	`deprecated(version: str, reason: str, strict: bool) -> any | Marks a schema or attribute as deprecated: using it reports the version and reason, as an error when strict.`,
	`info(**kwargs) -> any | Attaches free-form information to a schema or attribute; it has no effect on evaluation.`,
}

var strMethodSpecs = []string{
	`capitalize() -> str | Returns the string with its first character upper-cased and the rest lower-cased.`,
	`chars() -> [str] | Returns the characters of the string as a list.`,
	`count(sub: str, start: int, end: int) -> int | Counts the non-overlapping occurrences of sub in the string, optionally within [start, end).`,
	`endswith(val: str, start: int, end: int) -> bool | Reports whether the string ends with val, optionally looking at [start, end) only.`,
	`find(sub: str, start: int, end: int) -> int | Returns the lowest index of sub in the string, or -1 when it does not occur.`,
	`format(*args, **kwargs) -> str | Substitutes the {} fields of the string with the arguments.`,
	`index(sub: str, start: int, end: int) -> int | Like find, but an error when sub does not occur.`,
	`isalpha() -> bool | Reports whether the string is non-empty and all letters.`,
	`isalnum() -> bool | Reports whether the string is non-empty and all letters or digits.`,
	`isdigit() -> bool | Reports whether the string is non-empty and all digits.`,
	`islower() -> bool | Reports whether all cased characters are lower case (and there is one).`,
	`isspace() -> bool | Reports whether the string is non-empty and all white space.`,
	`istitle() -> bool | Reports whether the string is title-cased.`,
	`isupper() -> bool | Reports whether all cased characters are upper case (and there is one).`,
	`join(iter: [any]) -> str | Concatenates the elements of iter with the string as separator.`,
	`lower() -> str | Returns the string in lower case.`,
	`upper() -> str | Returns the string in upper case.`,
	`lstrip(chars: str) -> str | Removes leading white space (or the given characters).`,
	`rstrip(chars: str) -> str | Removes trailing white space (or the given characters).`,
	`replace(old: str, new: str, count: int) -> str | Replaces occurrences of old by new (at most count of them when given).`,
	`removeprefix(prefix: str) -> str | Removes prefix from the start of the string if it is there.`,
	`removesuffix(suffix: str) -> str | Removes suffix from the end of the string if it is there.`,
	`rfind(sub: str, start: int, end: int) -> int | Returns the highest index of sub in the string, or -1 when it does not occur.`,
	`rindex(sub: str, start: int, end: int) -> int | Like rfind, but an error when sub does not occur.`,
	`rsplit(sep: str, maxsplit: int) -> [str] | Splits the string at sep from the right, at most maxsplit times.`,
	`split(sep: str, maxsplit: int) -> [str] | Splits the string at sep (white space by default), at most maxsplit times.`,
	`splitlines(keepends: bool) -> [str] | Splits the string into lines, keeping the line breaks when keepends.`,
	`startswith(val: str, start: int, end: int) -> bool | Reports whether the string starts with val, optionally looking at [start, end) only.`,
	`strip(chars: str) -> str | Removes leading and trailing white space (or the given characters).`,
	`title() -> str | Returns the string with each word capitalised.`,
}

var systemModuleSpecs = map[string][]string{
	"base64": {
		`encode(value: str, encoding: str) -> str | Encodes a string in base64.`,
		`decode(value: str) -> str | Decodes a base64 string.`,
	},
	"base32": {
		`encode(value: str) -> str | Encodes a string in base32.`,
		`decode(value: str) -> str | Decodes a base32 string.`,
	},
	"net": {
		`split_host_port(ip_end_point: str) -> [str] | Splits "host:port" into host and port.`,
		`join_host_port(host: str, port: int | str) -> str | Joins a host and a port into "host:port".`,
		`fqdn(name: str) -> str | Returns the fully qualified domain name.`,
		`parse_IP(ip: str) -> str | Parses an IP address and returns it in canonical form.`,
		`IP_string(ip: str) -> str | Returns the canonical string form of an IP address.`,
		`to_IP4(ip: str) -> str | Converts an IP address to its IPv4 form.`,
		`to_IP6(ip: str) -> str | Converts an IP address to its IPv6 form.`,
		`is_IPv4(ip: str) -> bool | Reports whether ip is an IPv4 address.`,
		`is_IPv6(ip: str) -> bool | Reports whether ip is an IPv6 address.`,
		`is_IP(ip: str) -> bool | Reports whether ip is an IP address.`,
		`is_loopback_IP(ip: str) -> bool | Reports whether ip is a loopback address.`,
		`is_multicast_IP(ip: str) -> bool | Reports whether ip is a multicast address.`,
		`is_interface_local_multicast_IP(ip: str) -> bool | Reports whether ip is an interface-local multicast address.`,
		`is_link_local_multicast_IP(ip: str) -> bool | Reports whether ip is a link-local multicast address.`,
		`is_link_local_unicast_IP(ip: str) -> bool | Reports whether ip is a link-local unicast address.`,
		`is_global_unicast_IP(ip: str) -> bool | Reports whether ip is a global unicast address.`,
		`is_unspecified_IP(ip: str) -> bool | Reports whether ip is the unspecified address.`,
		`parse_CIDR(cidr: str) -> {str:any} | Parses a CIDR block into its ip and mask.`,
		`is_IP_in_CIDR(ip: str, cidr: str) -> bool | Reports whether ip lies in the CIDR block.`,
		`CIDR_subnet(cidr: str, additional_bits: int, net_num: int) -> str | Computes a subnet of a CIDR block.`,
		`CIDR_subnets(cidr: str, additional_bits: [int]) -> [str] | Computes consecutive subnets of a CIDR block.`,
		`CIDR_host(cidr: str, host_num: int) -> str | Computes the address of a host in a CIDR block.`,
		`CIDR_netmask(cidr: str) -> str | Returns the netmask of a CIDR block.`,
	},
	"manifests": {
		`yaml_stream(values: [any], opts: {str:any}) -> NoneType | Outputs the values as a stream of YAML documents instead of the program's result.`,
	},
	"math": {
		`ceil(x: int | float) -> int | Returns the smallest integer not less than x.`,
		`factorial(x: int | float) -> int | Returns x factorial.`,
		`floor(x: int | float) -> int | Returns the largest integer not greater than x.`,
		`gcd(a: int, b: int) -> int | Returns the greatest common divisor of a and b.`,
		`isfinite(x: int | float) -> bool | Reports whether x is neither infinite nor NaN.`,
		`isinf(x: int | float) -> bool | Reports whether x is infinite.`,
		`isnan(x: int | float) -> bool | Reports whether x is NaN.`,
		`modf(x: int | float) -> [float] | Returns the fractional and integer parts of x.`,
		`exp(x: int | float) -> float | Returns e to the power x.`,
		`expm1(x: int | float) -> float | Returns e to the power x, minus 1.`,
		`log(x: int | float, e: float) -> float | Returns the logarithm of x to the given base (natural by default).`,
		`log1p(x: int | float) -> float | Returns the natural logarithm of 1+x.`,
		`log2(x: int | float) -> float | Returns the base-2 logarithm of x.`,
		`log10(x: int | float) -> float | Returns the base-10 logarithm of x.`,
		`pow(x: int | float, y: int | float) -> float | Returns x to the power y.`,
		`sqrt(x: int | float) -> float | Returns the square root of x.`,
	},
	"datetime": {
		`ticks() -> float | Returns the current time in seconds since the epoch.`,
		`date() -> str | Returns the current date and time as "%Y-%m-%d %H:%M:%S".`,
		`now(format: str) -> str | Returns the current local time, formatted.`,
		`today() -> str | Returns the current date and time.`,
		`validate(date: str, format: str) -> bool | Reports whether date matches the format.`,
		`is_rfc3339(date: str) -> bool | Reports whether date is an RFC 3339 timestamp.`,
		`is_iso8601(date: str) -> bool | Reports whether date is an ISO 8601 timestamp.`,
	},
	"regex": {
		`match(string: str, pattern: str) -> bool | Reports whether the pattern matches at the start of the string.`,
		`search(string: str, pattern: str) -> bool | Reports whether the pattern matches anywhere in the string.`,
		`findall(string: str, pattern: str) -> [str] | Returns every match of the pattern in the string.`,
		`replace(string: str, pattern: str, replace: str, count: int) -> str | Replaces matches of the pattern (at most count when given).`,
		`compile(pattern: str) -> bool | Reports whether the pattern is a valid regular expression.`,
		`split(string: str, pattern: str, maxsplit: int) -> [str] | Splits the string at matches of the pattern.`,
	},
	"yaml": {
		`encode(data: any, sort_keys: bool, ignore_private: bool, ignore_none: bool) -> str | Serialises a value as YAML.`,
		`encode_all(data: [any], sort_keys: bool, ignore_private: bool, ignore_none: bool) -> str | Serialises values as a stream of YAML documents.`,
		`decode(value: str) -> any | Parses a YAML document.`,
		`decode_all(value: str) -> [any] | Parses a stream of YAML documents.`,
		`dump_to_file(data: any, filename: str, sort_keys: bool, ignore_private: bool, ignore_none: bool) -> NoneType | Writes a value as YAML to a file.`,
		`dump_all_to_file(data: [any], filename: str, sort_keys: bool, ignore_private: bool, ignore_none: bool) -> NoneType | Writes values as a YAML stream to a file.`,
		`validate(value: str) -> bool | Reports whether the string is valid YAML.`,
	},
	"json": {
		`encode(data: any, sort_keys: bool, indent: int, ignore_private: bool, ignore_none: bool) -> str | Serialises a value as JSON.`,
		`decode(value: str) -> any | Parses a JSON document.`,
		`dump_to_file(data: any, filename: str, sort_keys: bool, indent: int, ignore_private: bool, ignore_none: bool) -> NoneType | Writes a value as JSON to a file.`,
		`validate(value: str) -> bool | Reports whether the string is valid JSON.`,
		`merge(src: any, patch: any) -> any | Applies a JSON merge patch (RFC 7396).`,
	},
	"crypto": {
		`md5(value: str, encoding: str) -> str | Returns the hex MD5 digest of the string.`,
		`sha1(value: str, encoding: str) -> str | Returns the hex SHA-1 digest of the string.`,
		`sha224(value: str, encoding: str) -> str | Returns the hex SHA-224 digest of the string.`,
		`sha256(value: str, encoding: str) -> str | Returns the hex SHA-256 digest of the string.`,
		`sha384(value: str, encoding: str) -> str | Returns the hex SHA-384 digest of the string.`,
		`sha512(value: str, encoding: str) -> str | Returns the hex SHA-512 digest of the string.`,
		`blake3(value: str, encoding: str) -> str | Returns the hex BLAKE3 digest of the string.`,
		`uuid() -> str | Returns a random (version 4) UUID.`,
		`filesha256(filepath: str) -> str | Returns the hex SHA-256 digest of a file's content.`,
	},
	"units": {
		`to_n(num: int | float) -> str | Formats a number with the n (nano) suffix.`,
		`to_u(num: int | float) -> str | Formats a number with the u (micro) suffix.`,
		`to_m(num: int | float) -> str | Formats a number with the m (milli) suffix.`,
		`to_K(num: int | float) -> str | Formats a number with the K (kilo) suffix.`,
		`to_M(num: int | float) -> str | Formats a number with the M (mega) suffix.`,
		`to_G(num: int | float) -> str | Formats a number with the G (giga) suffix.`,
		`to_T(num: int | float) -> str | Formats a number with the T (tera) suffix.`,
		`to_P(num: int | float) -> str | Formats a number with the P (peta) suffix.`,
		`to_Ki(num: int | float) -> str | Formats a number with the Ki (kibi) suffix.`,
		`to_Mi(num: int | float) -> str | Formats a number with the Mi (mebi) suffix.`,
		`to_Gi(num: int | float) -> str | Formats a number with the Gi (gibi) suffix.`,
		`to_Ti(num: int | float) -> str | Formats a number with the Ti (tebi) suffix.`,
		`to_Pi(num: int | float) -> str | Formats a number with the Pi (pebi) suffix.`,
		`=n: int`, `=u: int`, `=m: int`, `=k: int`, `=K: int`, `=M: int`, `=G: int`, `=T: int`, `=P: int`,
		`=Ki: int`, `=Mi: int`, `=Gi: int`, `=Ti: int`, `=Pi: int`,
	},
	"collection": {
		`union_all(num: [any]) -> any | Merges a list of dicts or schema instances with the union operator.`,
	},
	"file": {
		`read(filepath: str) -> str | Returns the content of a file.`,
		`glob(pattern: str) -> [str] | Returns the paths matching a glob pattern.`,
		`modpath() -> str | Returns the root directory of the current module.`,
		`workdir() -> str | Returns the working directory.`,
		`current() -> str | Returns the path of the current file.`,
		`exists(filepath: str) -> bool | Reports whether a file exists.`,
		`abs(filepath: str) -> str | Returns the absolute form of a path.`,
		`append(filepath: str, content: str) -> NoneType | Appends content to a file.`,
		`mkdir(directory: str, exists: bool) -> NoneType | Creates a directory.`,
		`delete(filepath: str) -> NoneType | Removes a file.`,
		`cp(src: str, dest: str) -> NoneType | Copies a file.`,
		`mv(src: str, dest: str) -> NoneType | Moves a file.`,
		`size(filepath: str) -> int | Returns the size of a file in bytes.`,
		`write(filepath: str, content: str) -> NoneType | Writes content to a file.`,
		`read_env(key: str) -> str | Returns the value of an environment variable.`,
	},
	"template": {
		`execute(template: str, data: {str:any}) -> str | Renders a Handlebars template with data.`,
		`html_escape(data: str) -> str | Escapes a string for HTML.`,
	},
	"runtime": {
		`catch(func: any) -> str | Runs a function and returns the message of the error it raises, if any.`,
	},
}

var (
	builtinScope  *Scope
	decorators    map[string]*Object
	strMethods    map[string]*Object
	strMethodList []*Object
	sysModules    map[string]map[string]*Object
	sysModuleList map[string][]*Object
	builtinList   []*Object
	anyTypeObject = &Object{Kind: objTypeAlias, Name: "any", typ: tAny}
)

func init() {
	builtinScope = &Scope{kind: scopeBuiltin, names: map[string]*Object{}}
	for _, spec := range builtinFuncSpecs {
		o := parseSpec(spec, objBuiltin, "")
		builtinScope.names[o.Name] = o
		builtinList = append(builtinList, o)
	}
	decorators = map[string]*Object{}
	for _, spec := range decoratorSpecs {
		o := parseSpec(spec, objBuiltin, "")
		decorators[o.Name] = o
	}
	strMethods = map[string]*Object{}
	for _, spec := range strMethodSpecs {
		o := parseSpec(spec, objMember, "str")
		o.typ.(*funcType).self = "str"
		strMethods[o.Name] = o
		strMethodList = append(strMethodList, o)
	}
	sysModules = map[string]map[string]*Object{}
	sysModuleList = map[string][]*Object{}
	for mod, specs := range systemModuleSpecs {
		sysModules[mod] = map[string]*Object{}
		for _, spec := range specs {
			o := parseSpec(spec, objMember, mod)
			sysModules[mod][o.Name] = o
			sysModuleList[mod] = append(sysModuleList[mod], o)
		}
	}
}

// parseSpec parses one signature line.
func parseSpec(spec string, kind ObjKind, module string) *Object {
	// The doc follows the last " | " (docs never contain one; return
	// types may).
	sig, doc := spec, ""
	if i := strings.LastIndex(spec, " | "); i >= 0 && !strings.HasPrefix(spec, "=") {
		sig, doc = spec[:i], spec[i+3:]
	}
	if strings.HasPrefix(sig, "=") { // a constant "=name: type"
		name, typ, _ := strings.Cut(sig[1:], ": ")
		return &Object{Kind: kind, Name: name, module: module, typ: parseTypeSpec(typ), Doc: strings.TrimSpace(doc)}
	}
	open := strings.IndexByte(sig, '(')
	close := strings.LastIndex(sig, ") -> ")
	name := sig[:open]
	ft := &funcType{ret: parseTypeSpec(sig[close+len(") -> "):])}
	if params := sig[open+1 : close]; params != "" {
		for _, p := range splitTop(params, ',') {
			p = strings.TrimSpace(p)
			if strings.HasPrefix(p, "*") {
				ft.variadic = true
				ft.params = append(ft.params, funcParam{name: strings.TrimLeft(p, "*"), typ: tAny, optional: true, variadic: true})
				continue
			}
			pname, ptype, _ := strings.Cut(p, ": ")
			ft.params = append(ft.params, funcParam{name: pname, typ: parseTypeSpec(ptype), optional: true})
		}
	}
	if len(ft.params) > 0 && !ft.params[0].variadic {
		ft.params[0].optional = false
	}
	return &Object{Kind: kind, Name: name, module: module, typ: ft, Doc: strings.TrimSpace(doc)}
}

// splitTop splits s at sep outside brackets.
func splitTop(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', '{', '(':
			depth++
		case ']', '}', ')':
			depth--
		case sep:
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// parseTypeSpec parses the type notation of the tables.
func parseTypeSpec(s string) Type {
	s = strings.TrimSpace(s)
	if parts := splitTop(s, '|'); len(parts) > 1 {
		ts := make([]Type, len(parts))
		for i, p := range parts {
			ts[i] = parseTypeSpec(p)
		}
		return &unionType{types: ts}
	}
	switch {
	case strings.HasPrefix(s, "["):
		return &listType{elem: parseTypeSpec(s[1 : len(s)-1])}
	case strings.HasPrefix(s, "{"):
		k, v, _ := strings.Cut(s[1:len(s)-1], ":")
		return &dictType{key: parseTypeSpec(k), val: parseTypeSpec(v)}
	}
	switch s {
	case "str":
		return tStr
	case "int":
		return tInt
	case "float":
		return tFloat
	case "bool":
		return tBool
	case "NoneType":
		return tNone
	case "number":
		return &basicType{"number"}
	}
	return tAny
}

// decoratorObject returns the builtin decorator name, or nil.
func decoratorObject(name string) *Object { return decorators[name] }

// strMethod returns the str method name, or nil.
func strMethod(name string) *Object { return strMethods[name] }

// systemMember returns a member of a system module, or nil.
func systemMember(module, name string) *Object { return sysModules[module][name] }

// schemaInstancesMethod is Schema.instances().
func schemaInstancesMethod(t *schemaType) *Object {
	return &Object{Kind: objMember, Name: "instances", typ: &funcType{
		params: []funcParam{{name: "full_pkg", typ: tBool, optional: true}},
		ret:    &listType{elem: &schemaType{info: t.info, instance: true}},
	}, Doc: "Returns the instances of the schema created so far."}
}

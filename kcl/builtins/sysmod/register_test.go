package sysmod

import (
	"strings"
	"testing"
	"time"

	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/value"
)

// callMember calls module.name through the registry.
func callMember(t *testing.T, ctx *builtins.Context, module, name string, args []value.Value, kwargs map[string]value.Value) (value.Value, error) {
	t.Helper()
	m, ok := builtins.LookupModule(module)
	if !ok {
		t.Fatalf("module %s is not registered", module)
	}
	mem, ok := m.Members[name]
	if !ok || mem.Func == nil {
		t.Fatalf("%s.%s is not a registered function", module, name)
	}
	kw := value.NewDict()
	for k, v := range kwargs {
		kw.Set(k, v)
	}
	return mem.Func(ctx, args, kw)
}

func mustCall(t *testing.T, ctx *builtins.Context, module, name string, args ...value.Value) value.Value {
	t.Helper()
	v, err := callMember(t, ctx, module, name, args, nil)
	if err != nil {
		t.Fatalf("%s.%s: %v", module, name, err)
	}
	return v
}

func S(s string) value.Value { return value.Str(s) }
func I(i int64) value.Value  { return value.Int(i) }

func yamlOf(v value.Value) string { return value.EncodeYAML(v, value.EncodeOptions{}) }

func TestAllModulesRegistered(t *testing.T) {
	want := map[string][]string{
		"base64":     {"encode", "decode"},
		"base32":     {"encode", "decode"},
		"net":        {"split_host_port", "join_host_port", "fqdn", "parse_IP", "IP_string", "to_IP4", "to_IP6", "is_IPv4", "is_IPv6", "is_IP", "is_loopback_IP", "is_multicast_IP", "is_interface_local_multicast_IP", "is_link_local_multicast_IP", "is_link_local_unicast_IP", "is_global_unicast_IP", "is_unspecified_IP", "parse_CIDR", "is_IP_in_CIDR", "CIDR_subnet", "CIDR_subnets", "CIDR_host", "CIDR_netmask"},
		"manifests":  {"yaml_stream"},
		"math":       {"ceil", "factorial", "floor", "gcd", "isfinite", "isinf", "isnan", "modf", "exp", "expm1", "log", "log1p", "log2", "log10", "pow", "sqrt"},
		"datetime":   {"ticks", "date", "now", "today", "validate", "is_rfc3339", "is_iso8601"},
		"regex":      {"match", "search", "findall", "replace", "compile", "split"},
		"yaml":       {"encode", "encode_all", "decode", "decode_all", "dump_to_file", "dump_all_to_file", "validate"},
		"json":       {"encode", "decode", "dump_to_file", "validate", "merge"},
		"crypto":     {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake3", "uuid", "filesha256", "filesha512", "fileblake3"},
		"units":      {"to_n", "to_u", "to_m", "to_K", "to_M", "to_G", "to_T", "to_P", "to_Ki", "to_Mi", "to_Gi", "to_Ti", "to_Pi"},
		"collection": {"union_all"},
		"file":       {"read", "readbase64", "glob", "modpath", "workdir", "current", "exists", "abs", "append", "mkdir", "delete", "cp", "mv", "size", "write", "read_env"},
		"template":   {"execute", "html_escape"},
		"runtime":    {"catch"},
	}
	for _, name := range builtins.SystemModuleNames {
		if _, ok := want[name]; !ok {
			t.Errorf("system module %s has no expectation here", name)
		}
	}
	for mod, fns := range want {
		m, ok := builtins.LookupModule(mod)
		if !ok {
			t.Errorf("module %s not registered", mod)
			continue
		}
		for _, f := range fns {
			if mem, ok := m.Members[f]; !ok || mem.Func == nil {
				t.Errorf("%s.%s not registered", mod, f)
			}
		}
	}
	units, _ := builtins.LookupModule("units")
	if units.Members["Ki"].Value != value.Int(1024) || units.Members["n"].Value != value.Float(1e-9) {
		t.Error("units constants")
	}
}

func TestRegistryGrammarCases(t *testing.T) {
	ctx := &builtins.Context{}
	checks := []struct {
		got  value.Value
		want string
	}{
		{mustCall(t, ctx, "base64", "encode", S("0.3.0")), "MC4zLjA="},
		{mustCall(t, ctx, "base64", "decode", S("MC4zLjA=")), "0.3.0"},
		{mustCall(t, ctx, "base32", "decode", S("GAXDGLRQ")), "0.3.0"},
		{mustCall(t, ctx, "crypto", "md5", S("ABCDEF")), "8827a41122a5028b9808c7bf84b9fcf6"},
		{mustCall(t, ctx, "net", "CIDR_subnet", S("10.0.0.0/8"), I(8), I(5)), "10.5.0.0/16"},
		{mustCall(t, ctx, "net", "CIDR_host", S("2001:db8::/56"), I(25)), "2001:db8::19"},
		{mustCall(t, ctx, "net", "to_IP6", S("192.168.1.10")), "::ffff:192.168.1.10"},
		{mustCall(t, ctx, "net", "join_host_port", S("B-K0NZJGH6-0048.local"), I(80)), "B-K0NZJGH6-0048.local:80"},
		{mustCall(t, ctx, "units", "to_Gi", value.Float(float64(8<<30)*0.5)), "4Gi"},
		{mustCall(t, ctx, "units", "to_m", value.Float(0.1)), "100m"},
		{mustCall(t, ctx, "template", "execute", S("hello {{world}}"), dictOf(S("world"), S("世界"))), "hello 世界"},
	}
	for _, c := range checks {
		if c.got != S(c.want) {
			t.Errorf("got %v, want %q", c.got, c.want)
		}
	}
	cidr := mustCall(t, ctx, "net", "parse_CIDR", S("192.168.1.0/24"))
	if got := yamlOf(cidr); got != "ip: '192.168.1.0'\nmask: 24\n" {
		t.Errorf("parse_CIDR = %q", got)
	}
	if got := yamlOf(mustCall(t, ctx, "net", "parse_CIDR", S("bad"))); got != "{}\n" {
		t.Errorf("parse_CIDR(bad) = %q", got)
	}
	subnets := mustCall(t, ctx, "net", "CIDR_subnets", S("10.0.0.0/8"), value.NewList(I(8), I(8)))
	if got := value.ToString(subnets); got != "[10.0.0.0/16, 10.1.0.0/16]" {
		t.Errorf("CIDR_subnets = %s", got)
	}
	hp := mustCall(t, ctx, "net", "split_host_port", S("B-K0NZJGH6-0048.local:80"))
	if got := value.ToString(hp); got != "[B-K0NZJGH6-0048.local, 80]" {
		t.Errorf("split_host_port = %s", got)
	}
	if mustCall(t, ctx, "math", "pow", I(9), I(3)) != value.Float(729) {
		t.Error("math.pow(9, 3) is not 729.0")
	}
	if mustCall(t, ctx, "math", "ceil", value.Float(-45.17)) != I(-45) {
		t.Error("math.ceil")
	}
	if mustCall(t, ctx, "math", "factorial", I(5)) != I(120) {
		t.Error("math.factorial")
	}
	if mustCall(t, ctx, "math", "log2", I(2)) != value.Float(1) {
		t.Error("math.log2(2) is not 1.0")
	}
	if got := value.ToString(mustCall(t, ctx, "math", "modf", value.Float(100.72))); got != "[0.7199999999999989, 100.0]" {
		t.Errorf("math.modf = %s", got)
	}
	fa := mustCall(t, ctx, "regex", "findall", S("4Gi"), S(`^(\d{0,63})(E|P|T|G|M|K|Ei|Pi|Ti|Gi|Mi|Ki)$`))
	if got := value.ToString(fa); got != "[[4, Gi]]" {
		t.Errorf("regex.findall = %s", got)
	}
	if mustCall(t, ctx, "regex", "match", S("x-7"), S("^(?!-)[a-z0-9-]{1,63}(?<!-)$")) != value.True {
		t.Error("regex.match look-around")
	}
	if mustCall(t, ctx, "datetime", "validate", S("2024-02-29"), S("%Y-%m-%d")) != value.True {
		t.Error("datetime.validate")
	}
}

func dictOf(kv ...value.Value) *value.Dict {
	d := value.NewDict()
	for i := 0; i < len(kv); i += 2 {
		d.Set(string(kv[i].(value.Str)), kv[i+1])
	}
	return d
}

func TestRegistryKeywordsAndErrors(t *testing.T) {
	ctx := &builtins.Context{}
	v, err := callMember(t, ctx, "regex", "replace", []value.Value{S("a,b,c")}, map[string]value.Value{"pattern": S(","), "replace": S("|"), "count": I(1)})
	if err != nil || v != S("a|b,c") {
		t.Errorf("regex.replace with keywords = %v, %v", v, err)
	}
	v, err = callMember(t, ctx, "regex", "split", []value.Value{S("a,b,c"), S(",")}, map[string]value.Value{"maxsplit": I(2)})
	if err != nil || value.ToString(v) != "[a, b]" {
		t.Errorf("regex.split maxsplit = %v, %v", v, err)
	}
	_, err = callMember(t, ctx, "regex", "match", nil, nil)
	if err == nil || err.Error() != "match() missing 2 required positional arguments: 'string' and 'pattern'" {
		t.Errorf("missing args error = %v", err)
	}
	if e, ok := err.(*value.Error); !ok || e.Kind != value.EvaluationError {
		t.Errorf("error kind = %#v", err)
	}
	_, err = callMember(t, ctx, "net", "CIDR_host", []value.Value{S("10.0.0.0/24"), I(256)}, nil)
	if err == nil || err.Error() != "CIDR_host() prefix of 24 does not accommodate a host numbered 256" {
		t.Errorf("CIDR_host error = %v", err)
	}
	v, err = callMember(t, ctx, "math", "pow", []value.Value{I(2)}, map[string]value.Value{"y": I(10)})
	if err != nil || v != value.Float(1024) {
		t.Errorf("pow(2, y=10) = %v, %v", v, err)
	}
	v, err = callMember(t, ctx, "math", "log", []value.Value{I(8)}, map[string]value.Value{"e": I(2)})
	if err != nil || v != value.Float(3) {
		t.Errorf("log(8, e=2) = %v, %v", v, err)
	}
	if _, err = callMember(t, ctx, "math", "sqrt", []value.Value{S("x")}, nil); err == nil {
		t.Error("sqrt(str) gave no error")
	}
	v, err = callMember(t, ctx, "base32", "decode", []value.Value{S("!!")}, nil)
	if err != nil || v != value.None {
		t.Errorf("base32.decode(!!) = %v, %v", v, err)
	}
	if _, err = callMember(t, ctx, "crypto", "sha256", []value.Value{S("x")}, map[string]value.Value{"encoding": S("klingon")}); err == nil {
		t.Error("unknown encoding gave no error")
	}
}

func TestRegistryYAMLJSON(t *testing.T) {
	ctx := &builtins.Context{}
	data := dictOf(S("key"), S("value"))
	if got := mustCall(t, ctx, "yaml", "encode", data); got != S("key: value\n") {
		t.Errorf("yaml.encode = %q", got)
	}
	all := mustCall(t, ctx, "yaml", "encode_all", value.NewList(data, value.NewList(I(1), I(2), I(3))))
	if all != S("key: value\n\n---\n- 1\n- 2\n- 3\n") {
		t.Errorf("yaml.encode_all = %q", all)
	}
	if got := mustCall(t, ctx, "json", "encode", value.NewList(I(1), I(2), I(3))); got != S("[1, 2, 3]") {
		t.Errorf("json.encode = %q", got)
	}
	v, err := callMember(t, ctx, "json", "encode", []value.Value{data}, map[string]value.Value{"indent": I(4)})
	if err != nil || v != S("{\n    \"key\": \"value\"\n}") {
		t.Errorf("json.encode indent = %q, %v", v, err)
	}
	dec := mustCall(t, ctx, "yaml", "decode_all", S("1\n---\n2"))
	if value.ToString(dec) != "[1, 2]" {
		t.Errorf("yaml.decode_all = %s", value.ToString(dec))
	}
	if mustCall(t, ctx, "yaml", "validate", S("a:1\n---\nb:2")) != value.True || mustCall(t, ctx, "yaml", "validate", S("a:\n1")) != value.False {
		t.Error("yaml.validate")
	}
	if mustCall(t, ctx, "json", "validate", S(`{"a": 1}`)) != value.True || mustCall(t, ctx, "json", "validate", S(`{"a"`)) != value.False {
		t.Error("json.validate")
	}
	if _, err := callMember(t, ctx, "json", "decode", []value.Value{S("{")}, nil); err == nil {
		t.Error("json.decode({) gave no error")
	}
	merged := mustCall(t, ctx, "json", "merge",
		dictOf(S("a"), I(1), S("b"), dictOf(S("c"), I(2), S("d"), I(3))),
		dictOf(S("a"), value.None, S("b"), dictOf(S("c"), I(4)), S("e"), I(5)))
	if got := yamlOf(merged); got != "b:\n  c: 4\n  d: 3\ne: 5\n" {
		t.Errorf("json.merge = %q", got)
	}
	// Files.
	fsys := NewMemFS("/case")
	fctx := &builtins.Context{FS: fsys}
	if _, err := callMember(t, fctx, "json", "dump_to_file", []value.Value{S("1"), S("2.json")}, nil); err != nil {
		t.Fatal(err)
	}
	if b, _ := fsys.ReadFile("2.json"); string(b) != `"1"` {
		t.Errorf("json.dump_to_file wrote %q", b)
	}
	if _, err := callMember(t, fctx, "yaml", "dump_all_to_file", []value.Value{value.NewList(S("null"), S("true")), S("0.yaml")}, nil); err != nil {
		t.Fatal(err)
	}
	if b, _ := fsys.ReadFile("0.yaml"); string(b) != "'null'\n\n---\n'true'\n" {
		t.Errorf("yaml.dump_all_to_file wrote %q", b)
	}
	if _, err := callMember(t, &builtins.Context{}, "yaml", "dump_to_file", []value.Value{S("x"), S("x.yaml")}, nil); err == nil {
		t.Error("dump_to_file without a file system gave no error")
	}
}

func TestRegistryManifestsCollectionRuntime(t *testing.T) {
	var out string
	ctx := &builtins.Context{SetOutput: func(s string) { out = s }}
	p0 := dictOf(S("name"), S("kcl"), S("age"), I(1), S("_hidden"), I(0))
	p1 := dictOf(S("name"), S("kcl"), S("age"), I(101))
	if _, err := callMember(t, ctx, "manifests", "yaml_stream", []value.Value{value.NewList(p0, p1)}, nil); err != nil {
		t.Fatal(err)
	}
	if out != "name: kcl\nage: 1\n---\nname: kcl\nage: 101\n" {
		t.Errorf("yaml_stream = %q", out)
	}
	opts := dictOf(S("sort_keys"), value.True, S("sep"), S("\n---\n"), S("ignore_private"), value.False)
	if _, err := callMember(t, ctx, "manifests", "yaml_stream", []value.Value{value.NewList(p0, p1)}, map[string]value.Value{"opts": opts}); err != nil {
		t.Fatal(err)
	}
	if out != "_hidden: 0\nage: 1\nname: kcl\n\n---\n\nage: 101\nname: kcl\n" {
		t.Errorf("yaml_stream with opts = %q", out)
	}
	if _, err := callMember(t, ctx, "manifests", "yaml_stream", []value.Value{value.NewList(), I(1)}, nil); err == nil || !strings.Contains(err.Error(), "expect config, got int") {
		t.Errorf("yaml_stream bad opts error = %v", err)
	}
	lit := mustCall(t, ctx, "manifests", "yaml_stream", value.NewList(I(1), value.Undefined, value.NewUnit(2, "Mi"), value.None))
	if lit != value.Undefined || out != "1\n---\nnull\n---\n2097152.0\n---\nnull\n" {
		t.Errorf("yaml_stream literals = %q", out)
	}

	u := mustCall(t, ctx, "collection", "union_all", value.NewList(
		dictOf(S("a"), I(1), S("l"), value.NewList(I(1))),
		dictOf(S("b"), I(2), S("l"), value.NewList(I(5), I(6))),
		dictOf(S("a"), I(3))))
	if got := value.ToString(u); got != "{'a': 3, 'l': [5, 6], 'b': 2}" {
		t.Errorf("union_all = %s", got)
	}
	if got := value.ToString(mustCall(t, ctx, "collection", "union_all", value.NewList())); got != "{}" {
		t.Errorf("union_all([]) = %s", got)
	}
	if got := mustCall(t, ctx, "collection", "union_all", value.NewList(I(1), I(2))); got != I(3) {
		t.Errorf("union_all ints = %v", got)
	}
	if _, err := callMember(t, ctx, "collection", "union_all", []value.Value{value.NewList(value.NewList(), dictOf())}, nil); err == nil {
		t.Error("union of a list and a dict gave no error")
	}

	fail := &value.Func{Name: "f"}
	ok := &value.Func{Name: "g"}
	ctx.Catch = func(fn value.Value) (string, bool, error) {
		if fn == fail {
			return "list index out of range: 0", true, nil
		}
		return "", false, nil
	}
	if got := mustCall(t, ctx, "runtime", "catch", fail); got != S("list index out of range: 0") {
		t.Errorf("catch(fail) = %v", got)
	}
	if got := mustCall(t, ctx, "runtime", "catch", ok); got != value.Undefined {
		t.Errorf("catch(ok) = %v", got)
	}
	if _, err := callMember(t, ctx, "runtime", "catch", []value.Value{I(1)}, nil); err == nil {
		t.Error("catch(1) gave no error")
	}
}

func TestRegistryFileAndDatetime(t *testing.T) {
	fsys := NewMemFS("/case")
	if err := fsys.WriteFile("test.json", []byte(`{"key1": "value1"}`)); err != nil {
		t.Fatal(err)
	}
	ctx := &builtins.Context{
		FS: fsys, ModRoot: "/case", CurrentFile: "/case/main.k",
		Getenv: func(k string) (string, bool) { return map[string]string{"HOME": "/root"}[k], k == "HOME" },
		Now:    func() time.Time { return time.Date(2024, 8, 26, 10, 0, 0, 0, time.UTC) },
	}
	if got := mustCall(t, ctx, "file", "read", S(value.ToString(mustCall(t, ctx, "file", "modpath"))+"/test.json")); got != S(`{"key1": "value1"}`) {
		t.Errorf("file.read = %v", got)
	}
	if got := mustCall(t, ctx, "file", "current"); !strings.HasSuffix(string(got.(value.Str)), "main.k") {
		t.Errorf("file.current = %v", got)
	}
	if got := mustCall(t, ctx, "file", "workdir"); got != S("") {
		t.Errorf("file.workdir = %v", got)
	}
	if got := mustCall(t, ctx, "file", "read_env", S("HOME")); got != S("/root") {
		t.Errorf("read_env(HOME) = %v", got)
	}
	if got := mustCall(t, ctx, "file", "read_env", S("NOPE")); got != value.Undefined {
		t.Errorf("read_env(NOPE) = %v", got)
	}
	_, err := callMember(t, ctx, "file", "read", []value.Value{S("not_exist.txt")}, nil)
	if err == nil || !strings.Contains(err.Error(), "failed to access the file 'not_exist.txt': No such file or directory") {
		t.Errorf("file.read missing = %v", err)
	}
	mustCall(t, ctx, "file", "mkdir", S("test_dir"))
	mustCall(t, ctx, "file", "write", S("test_dir/x.txt"), S("Hello"))
	if got := mustCall(t, ctx, "file", "size", S("test_dir/x.txt")); got != I(5) {
		t.Errorf("file.size = %v", got)
	}
	if got := value.ToString(mustCall(t, ctx, "file", "glob", S("test_dir/*.txt"))); got != "[test_dir/x.txt]" {
		t.Errorf("file.glob = %s", got)
	}
	if got := mustCall(t, ctx, "crypto", "filesha256", S("test_dir/x.txt")); got != S("185f8db32271fe25f561a6fc938b2e264306ec304eda518007d1764826381969") {
		t.Errorf("crypto.filesha256 = %v", got)
	}
	if _, err := callMember(t, &builtins.Context{}, "file", "read", []value.Value{S("x")}, nil); err == nil {
		t.Error("file.read without a file system gave no error")
	}

	if got := mustCall(t, ctx, "datetime", "ticks"); got != value.Float(1724666400) {
		t.Errorf("datetime.ticks = %v", got)
	}
	v, err := callMember(t, ctx, "datetime", "now", nil, map[string]value.Value{"format": S("%Y"), "ticks": value.Float(0)})
	if err != nil || (v != S("1970") && v != S("1969")) {
		t.Errorf("datetime.now(ticks=0) = %v, %v", v, err)
	}
	if got := mustCall(t, ctx, "datetime", "validate", mustCall(t, ctx, "datetime", "now"), S(DefaultNowFormat)); got != value.True {
		t.Errorf("validate(now()) = %v", got)
	}
}

func TestRegistryUsesEvaluatorHooks(t *testing.T) {
	var got []value.Value
	var gotOpts value.EncodeOptions
	var gotSep string
	ctx := &builtins.Context{
		SetStream: func(vs []value.Value, o value.EncodeOptions, sep string) { got, gotOpts, gotSep = vs, o, sep },
		Union:     func(a, b value.Value) value.Value { return value.Str(value.ToString(a) + "|" + value.ToString(b)) },
	}
	opts := dictOf(S("ignore_none"), value.True)
	if _, err := callMember(t, ctx, "manifests", "yaml_stream", []value.Value{value.NewList(I(1), I(2))}, map[string]value.Value{"opts": opts}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || gotSep != "---" || !gotOpts.IgnoreNone || !gotOpts.IgnorePrivate || gotOpts.SortKeys {
		t.Errorf("SetStream got %v %+v %q", got, gotOpts, gotSep)
	}
	if u := mustCall(t, ctx, "collection", "union_all", value.NewList(I(1), I(2), I(4))); u != S("1|2|4") {
		t.Errorf("union_all through ctx.Union = %v", u)
	}
}

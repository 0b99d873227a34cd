package handlebars

import (
	"strings"
	"testing"

	"github.com/kclx-dev/kclx/kcl/value"
)

func dict(kv ...any) *value.Dict {
	d := value.NewDict()
	for i := 0; i < len(kv); i += 2 {
		d.Set(kv[i].(string), value.FromGo(kv[i+1]))
	}
	return d
}

func render(t *testing.T, tpl string, data value.Value) string {
	t.Helper()
	out, err := Render(tpl, data)
	if err != nil {
		t.Fatalf("render %q: %v", tpl, err)
	}
	return out
}

func TestGrammarCases(t *testing.T) {
	// builtins/template/execute_0.
	if got := render(t, "hello {{world}}", dict("world", "世界")); got != "hello 世界" {
		t.Errorf("execute_0 = %q", got)
	}
	// execute_1: standalone {{#if}} lines disappear.
	tpl := "<div class=\"entry\">\n{{#if author}}\n<h1>{{firstName}} {{lastName}}</h1>\n{{/if}}\n</div>\n"
	data := dict("author", true, "firstName", "Yehuda", "lastName", "Katz")
	if got := render(t, tpl, data); got != "<div class=\"entry\">\n<h1>Yehuda Katz</h1>\n</div>\n" {
		t.Errorf("execute_1 = %q", got)
	}
	// execute_2.
	d := value.NewDict()
	d.Set("name", value.Str("handlebars"))
	d.Set("v", value.NewList(dict("a", 1), dict("a", 2)))
	d.Set("c", dict("d", 5))
	g := value.NewDict()
	g.Set("b", value.NewList(dict("aa", dict("bb", 55)), dict("aa", dict("bb", 66))))
	d.Set("g", g)
	d.Set("people", value.FromGo([]string{"Yehuda Katz", "Alan Johnson", "Charles Jolley"}))
	tpl = "Hello world from {{name}}\n\n{{#each v}}\n{{this.a}}\n{{/each}}\n{{ c.d }}\n{{#each people}}\n{{ this }}\n{{/each}}\n{{#each g.b}}\n{{this.aa.bb}}\n{{/each}}\n"
	want := "Hello world from handlebars\n\n1\n2\n5\nYehuda Katz\nAlan Johnson\nCharles Jolley\n55\n66\n"
	if got := render(t, tpl, d); got != want {
		t.Errorf("execute_2 content = %q, want %q", got, want)
	}
	tpl = "{{this.name}}\n{{this.v}}\n{{this.c}}\n{{this.g}}\n{{this.people}}\n"
	want = "handlebars\n[[object], [object]]\n[object]\n[object]\n[Yehuda Katz, Alan Johnson, Charles Jolley]\n"
	if got := render(t, tpl, d); got != want {
		t.Errorf("execute_2 content_raw = %q, want %q", got, want)
	}
	// html_escape_0.
	in := "<div class=\"entry\">\n{{#if author}}\n<h1>{{firstName}} {{lastName}}</h1>\n{{/if}}\n</div>\n"
	want = "&lt;div class&#x3D;&quot;entry&quot;&gt;\n{{#if author}}\n&lt;h1&gt;{{firstName}} {{lastName}}&lt;/h1&gt;\n{{/if}}\n&lt;/div&gt;\n"
	if got := HTMLEscape(in); got != want {
		t.Errorf("html_escape = %q", got)
	}
	// html_escape_preserved_0, raw_comparison_0, raw_quotes_0, raw_multiline_0.
	v := dict("value", "<div>test</div>")
	if got := render(t, "{{value}}", v); got != "&lt;div&gt;test&lt;/div&gt;" {
		t.Errorf("escaped = %q", got)
	}
	if got := render(t, "{{raw value}}", v); got != "<div>test</div>" {
		t.Errorf("raw = %q", got)
	}
	if got := render(t, "{{{value}}}", v); got != "<div>test</div>" {
		t.Errorf("triple = %q", got)
	}
	if got := render(t, "{{&value}}", v); got != "<div>test</div>" {
		t.Errorf("ampersand = %q", got)
	}
	if got := render(t, "{{raw value}}", dict("value", `value: "test"`)); got != `value: "test"` {
		t.Errorf("raw quotes = %q", got)
	}
	y := "name: test\nconfig:\n  timeout: '5m'\n  retry: 3\n"
	if got := render(t, "{{raw value}}", dict("value", y)); got != y {
		t.Errorf("raw multiline = %q", got)
	}
}

func TestHelpersAndPaths(t *testing.T) {
	data := value.NewDict()
	data.Set("n", value.Int(0))
	data.Set("f", value.Float(1.5))
	data.Set("s", value.Str("x"))
	data.Set("list", value.FromGo([]any{int64(1), int64(2), int64(3)}))
	data.Set("obj", dict("k1", "v1", "k2", "v2"))
	data.Set("empty", value.NewList())
	data.Set("nil", value.None)
	cases := []struct{ tpl, want string }{
		{"{{#if n}}yes{{else}}no{{/if}}", "no"},
		{"{{#if n includeZero=true}}yes{{else}}no{{/if}}", "yes"},
		{"{{#unless s}}a{{else}}b{{/unless}}", "b"},
		{"{{#if nil}}a{{else if s}}b{{else}}c{{/if}}", "b"},
		{"{{#if nil}}a{{else if n}}b{{else}}c{{/if}}", "c"},
		{"{{#each list}}{{@index}}:{{this}}{{#unless @last}},{{/unless}}{{/each}}", "0:1,1:2,2:3"},
		{"{{#each obj}}{{@key}}={{this}};{{/each}}", "k1=v1;k2=v2;"},
		{"{{#each empty}}x{{else}}none{{/each}}", "none"},
		{"{{#each list as |item i|}}{{i}}{{item}}{{/each}}", "011223"},
		{"{{#with obj}}{{k1}}-{{../s}}{{/with}}", "v1-x"},
		{"{{#with nil}}a{{else}}b{{/with}}", "b"},
		{"{{#obj}}{{k2}}{{/obj}}", "v2"},
		{"{{^empty}}nothing{{/empty}}", "nothing"},
		{"{{lookup list 1}} {{lookup obj \"k2\"}}", "2 v2"},
		{"{{#if (eq s \"x\")}}eq{{/if}} {{ne 1 2}} {{gt 2 1}} {{lte 2 1}} {{and s n}} {{or s n}} {{not n}}", "eq true true false false true true"},
		{"{{len list}} {{len obj}} {{len \"héé\"}}", "3 2 5"},
		{"{{f}} {{missing}} {{nil}} {{missing.deep}}", "1.5   "},
		{"{{list.[1]}} {{list.2}} {{obj/k1}}", "2 3 v1"},
		{"{{! comment }}a{{!-- {{b}} --}}c", "ac"},
		{"a  {{~s~}}  b", "axb"},
		{"\\{{s}}", "{{s}}"},
		{"{{{{raw}}}}{{s}}{{{{/raw}}}}", "{{s}}"},
		{"{{@root.s}}{{#each list}}{{@root.s}}{{/each}}", "xxxx"},
		{"{{#each list}}{{#if @first}}first{{/if}}{{/each}}", "first"},
		{"  {{#if s}}\n  in\n  {{/if}}\n", "  in\n"},
		{"{{log s}}x", "x"},
		{"{{'quoted'}}", "quoted"},
	}
	for _, c := range cases {
		got, err := Render(c.tpl, data)
		if err != nil || got != c.want {
			t.Errorf("render(%q) = %q, %v; want %q", c.tpl, got, err, c.want)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, tpl := range []string{"{{#if x}}", "{{/if}}", "{{#if x}}{{/each}}", "{{x", "{{foo bar}}", "{{> part}}", "{{#each}}{{/each}}", "{{else}}"} {
		if _, err := Render(tpl, value.NewDict()); err == nil {
			t.Errorf("render(%q) gave no error", tpl)
		}
	}
	_, err := Render("line1\n{{foo bar}}", value.NewDict())
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error position: %v", err)
	}
}

func TestTruthy(t *testing.T) {
	if Truthy(value.Float(1e-310), false) || !Truthy(value.Float(0.5), false) || Truthy(value.Str(""), false) || !Truthy(value.Int(0), true) {
		t.Error("truthiness")
	}
}

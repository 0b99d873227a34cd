package sysmod

import (
	"reflect"
	"strings"
	"testing"
)

func TestRegexMatchGrammarCases(t *testing.T) {
	// builtins/regex/test_1 and test_2.
	ident := `^[A-Za-z_][A-Za-z0-9_]*$`
	dns := "^(?!-)[a-z0-9-]{1,63}(?<!-)$"
	cases := []struct {
		s, pattern string
		want       bool
	}{
		{"x", ident, true}, {"x1", ident, true}, {"_x2", ident, true},
		{"__X3__", ident, true}, {"x_4", ident, true},
		{"$", ident, false}, {"6x", ident, false}, {"x-7", ident, false},
		{"x", dns, true}, {"x1", dns, true}, {"6x", dns, true}, {"x-7", dns, true},
		{"$", dns, false}, {strings.Repeat("x", 64), dns, false}, {"_x2", dns, false},
		{"__X3__", dns, false}, {"x_4", dns, false}, {"-x", dns, false}, {"x-", dns, false},
	}
	for _, c := range cases {
		got, err := RegexMatch(c.s, c.pattern)
		if err != nil || got != c.want {
			t.Errorf("match(%q, %q) = %v, %v; want %v", c.s, c.pattern, got, err, c.want)
		}
	}
}

func TestRegexMatchSemantics(t *testing.T) {
	cases := []struct {
		s, pattern string
		want       bool
	}{
		{"abc\n", `^abc$`, false},       // Rust `$` is end of text only
		{"abc\ndef", `(?m)^abc$`, true}, // multi-line mode
		{"xabc", `abc`, true},           // is_match is unanchored
		{"١٢٣", `^\d+$`, true},          // Unicode digits
		{"héllo", `^\w+$`, true},        // Unicode word characters
		{"a\u00a0b", `^a\sb$`, true},    // Unicode white space
		{"abab", `^(ab)\1$`, true},      // backreference
		{"abab", `^(?P<x>ab)(?P=x)$`, true},
		{"abab", `^(?<x>ab)\k<x>$`, true},
		{"foo.bar", `^[[:alpha:]]+\.[[:alpha:]]+$`, true},
		{"a]", `^[]a]+$`, true},
		{"a-[", `^[a\-[]+$`, true},
		{"ABC", `(?i)^abc$`, true},
	}
	for _, c := range cases {
		got, err := RegexMatch(c.s, c.pattern)
		if err != nil || got != c.want {
			t.Errorf("match(%q, %q) = %v, %v; want %v", c.s, c.pattern, got, err, c.want)
		}
	}
}

func TestRegexCompile(t *testing.T) {
	if !RegexCompile("$^") || !RegexCompile(`(?<=a)b`) {
		t.Error("valid patterns reported invalid")
	}
	for _, p := range []string{"(", "[a-", `a{2,1}`, `\k<nope>`} {
		if RegexCompile(p) {
			t.Errorf("compile(%q) = true, want false", p)
		}
		if _, err := RegexMatch("x", p); err == nil {
			t.Errorf("match with invalid pattern %q gave no error", p)
		}
	}
}

func TestRegexFindall(t *testing.T) {
	// builtins/regex/test_3: two groups give a list of groups.
	got, err := RegexFindall("4Gi", `^(\d{0,63})(E|P|T|G|M|K|Ei|Pi|Ti|Gi|Mi|Ki)$`)
	if err != nil {
		t.Fatal(err)
	}
	want := []FindallItem{{Groups: []string{"4", "Gi"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findall = %#v, want %#v", got, want)
	}
	// Zero or one group: whole matches.
	check := func(s, p string, want ...string) {
		t.Helper()
		items, err := RegexFindall(s, p)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range items {
			if it.Groups != nil {
				t.Fatalf("findall(%q, %q): unexpected groups %v", s, p, it.Groups)
			}
			got = append(got, it.Match)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("findall(%q, %q) = %q, want %q", s, p, got, want)
		}
	}
	check("aaaa", "a", "a", "a", "a", "a")
	check("a1b22c333", `(\d)+`, "1", "22", "333")
	check("abc", "x*", "", "", "", "")
	check("baaa", "a*", "", "aaa") // Rust skips the empty match right after "aaa"
	check("日本語", ".", "日", "本", "語")
	if items, _ := RegexFindall("xyz", "q"); len(items) != 0 {
		t.Errorf("findall without match = %v", items)
	}
	// A group that does not take part is an error with 2+ groups.
	if _, err := RegexFindall("a", `(a)|(b)`); err == nil {
		t.Error("findall with a non-participating group: want error")
	}
}

func TestRegexReplace(t *testing.T) {
	cases := []struct {
		s, p, r string
		count   int64
		want    string
	}{
		{"a,b,c", ",", "|", 0, "a|b|c"},
		{"a,b,c", ",", "|", 1, "a|b,c"},
		{"a,b,c", ",", "|", 5, "a|b|c"},
		{"john smith", `(\w+) (\w+)`, "$2 $1", 0, "smith john"},
		{"john smith", `(?P<first>\w+) (?P<last>\w+)`, "${last}_$first", 0, "smith_john"},
		{"ab", `(a)`, "$1x", 0, "b"},     // $1x names group "1x": empty
		{"ab", `(a)`, "${1}x", 0, "axb"}, // braces delimit the name
		{"ab", `a`, "$$", 0, "$b"},
		{"ab", `a`, "$", 0, "$b"},
		{"ab", `a`, "${", 0, "${b"},
		{"ab", `a`, "$9", 0, "b"},
		{"abc", "", "-", 0, "-a-b-c-"},
		{"héé", "é", "e", 0, "hee"},
	}
	for _, c := range cases {
		got, err := RegexReplace(c.s, c.p, c.r, c.count)
		if err != nil || got != c.want {
			t.Errorf("replace(%q, %q, %q, %d) = %q, %v; want %q", c.s, c.p, c.r, c.count, got, err, c.want)
		}
	}
}

func TestRegexSplit(t *testing.T) {
	cases := []struct {
		s, p     string
		maxsplit int64
		want     []string
	}{
		{"a,b,c", ",", 0, []string{"a", "b", "c"}},
		{"a,b,c", ",", 1, []string{"a"}}, // upstream drops the remainder
		{"a,b,c", ",", 2, []string{"a", "b"}},
		{"a,b,c", ",", 3, []string{"a", "b", "c"}},
		{"a1b22c", `\d+`, 0, []string{"a", "b", "c"}},
		{",a,", ",", 0, []string{"", "a", ""}},
		{"abc", "x", 0, []string{"abc"}},
		{"", ",", 0, []string{""}},
		{"a1b", `\d*`, 0, []string{"a", "b", ""}}, // upstream loops forever here
		{"a(1)b", `(\d)`, 0, []string{"a(", ")b"}},
	}
	for _, c := range cases {
		got, err := RegexSplit(c.s, c.p, c.maxsplit)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("split(%q, %q, %d) = %q, %v; want %q", c.s, c.p, c.maxsplit, got, err, c.want)
		}
	}
}

func TestRegexGroupNumbering(t *testing.T) {
	// Rust numbers groups left to right regardless of names; .NET would put
	// the named group last.
	got, err := RegexReplace("xy", `(?P<a>x)(y)`, "$2$1", 0)
	if err != nil || got != "yx" {
		t.Errorf("replace = %q, %v; want \"yx\"", got, err)
	}
	items, err := RegexFindall("xy", `(?P<a>x)(y)`)
	if err != nil || !reflect.DeepEqual(items, []FindallItem{{Groups: []string{"x", "y"}}}) {
		t.Errorf("findall = %#v, %v", items, err)
	}
}

func TestRegexCorpusPatterns(t *testing.T) {
	// Patterns used by schemas in the shared corpora (konfig, kcl-pkgs).
	cases := []struct {
		s, p string
		want bool
	}{
		{"https://json-schema.org/draft/2020-12/schema", `^[a-zA-Z][a-zA-Z0-9+-.]*://[^/?#]+(?:/[^?#]*)?(?:\?[^#]*)?(?:#.*)?$`, true},
		{"2024-01-02T03:04:05.123Z", `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`, true},
		{"a.b_c-1", `^[-._a-zA-Z0-9]+$`, true},
		{"*/5 * * * *", `^(((\d+,)+\d+|((\d+|\*)/\d+|((JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(-(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))?))|(\d+-\d+)|\d+|\*|((MON|TUE|WED|THU|FRI|SAT|SUN)(-(MON|TUE|WED|THU|FRI|SAT|SUN))?)) ?){5}$`, true},
		{"me@example.org", `^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$`, true},
		{"abc", `^[^\x00-\x20\x22'<>\x5c^` + "`" + `|\x7f]*$`, true},
		{"a b", `^[^\x00-\x20\x22'<>\x5c^` + "`" + `|\x7f]*$`, false},
		{"nginx:1.14.2", `^[a-zA-Z]+:\d+\.\d+\.\d+$`, true},
		{"branches-ignore", `^(branche|tag|path)s(-ignore)?$`, true},
		{"key", `^[^\x00-\x20:\x7f-\xff]{1,254}$`, true},
		{"la[bel", `^[^\x00-\x1f\x22#&*<>?\x5b-\x5d` + "`" + `\x7f]*$`, false},
		{"10.198.160.1", `198.160`, true},
		{"9env", `[A-Za-z_][A-Za-z0-9_]*`, true},
		{"500m", `^([+-]?[0-9.]+)([m]*[-+]?[0-9]*)$`, true},
		{"0 0 * * 1", `^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$`, true},
		{"3.0.1", `^3[.]([0-9]|[1234][0-9]|5[0])($|[.][0-9]+$)`, true},
		{"my-host.example", `^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9])(\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9]))*$`, true},
		{"org/repo/.github/workflows/ci.yml@v1", `^(.+/)+(.+)\.(ya?ml)(@.+)?$`, true},
	}
	for _, c := range cases {
		got, err := RegexMatch(c.s, c.p)
		if err != nil || got != c.want {
			t.Errorf("match(%q, %q) = %v, %v; want %v", c.s, c.p, got, err, c.want)
		}
	}
}

package sysmod

import (
	"testing"

	"github.com/kclx-dev/kclx/kcl/builtins/sysmod/chrono"
	"github.com/kclx-dev/kclx/kcl/builtins/sysmod/handlebars"
	"github.com/kclx-dev/kclx/kcl/value"
)

// The fuzz targets check that no input makes the modules panic; `go test`
// runs their seeds.

func FuzzRegex(f *testing.F) {
	for _, s := range []string{`^(?!-)[a-z0-9-]{1,63}(?<!-)$`, `(?P<a>x)(?P=a)`, `[[:alpha:]\d\s]+`, `\k<`, `(`, `[`, `\`, `a{2,1}`, `(?<n>a)|\k'n'`, `$1`} {
		f.Add("abc-123 x", s, "$1${n}$$")
	}
	f.Fuzz(func(t *testing.T, s, pattern, repl string) {
		_, _ = RegexMatch(s, pattern)
		_, _ = RegexFindall(s, pattern)
		_, _ = RegexReplace(s, pattern, repl, 2)
		_, _ = RegexSplit(s, pattern, 0)
	})
}

func FuzzChrono(f *testing.F) {
	for _, s := range []string{"%Y-%m-%d", "%a %b %e %H:%M:%S %Y", "%+", "%s", "%.3f%z", "%", "%-", "%:::z", "%G-W%V-%u"} {
		f.Add("2024-08-26 10:00:00", s)
	}
	f.Fuzz(func(t *testing.T, date, format string) {
		_ = chrono.Validate(date, format)
		_ = chrono.IsRFC3339(date)
		_ = chrono.IsISO8601(date)
	})
}

func FuzzTemplate(f *testing.F) {
	for _, s := range []string{"{{#each v}}{{this}}{{/each}}", "{{#if a}}x{{else if b}}y{{/if}}", "{{{{raw}}}}{{x}}{{{{/raw}}}}", "{{", "{{#a}}", "{{/a}}", "{{lookup v 0}}", "{{(eq (len v) 2)}}", "{{a.[b c]}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tpl string) {
		d := value.NewDict()
		d.Set("a", value.True)
		d.Set("v", value.NewList(value.Int(1), value.Str("<x>")))
		_, _ = handlebars.Render(tpl, d)
	})
}

func FuzzNet(f *testing.F) {
	for _, s := range []string{"10.0.0.0/8", "::/0", "[::1]:80", "1.2.3.4", "0.0.0.0/-1", "2001:db8::/56/56"} {
		f.Add(s, int64(3))
	}
	f.Fuzz(func(t *testing.T, s string, n int64) {
		_, _ = SplitHostPort(s)
		_, _ = ParseCIDR(s)
		_, _ = CIDRSubnet(s, n%140, n)
		_, _ = CIDRSubnets(s, []int64{n % 70, 1})
		_, _ = CIDRHost(s, n)
		_, _ = CIDRNetmask(s)
		_ = ToIP4(s) + ToIP6(s) + IPString(s)
	})
}

package chrono

import (
	"testing"
	"time"
)

func TestValidateGrammarCase(t *testing.T) {
	// builtins/datetime/validate.
	cases := map[string]bool{
		"2024-08-26": true, "1998-06-06": true, "2023-12-31": true, "2000-01-01": true,
		"2024-13-26": false, "2024-06-32": false, "2024-08-26abc": false, "not-a-date": false,
		"2024-08": false, "08-26": false, "2024-08-26 10:00": false, "2024-01-01": true,
		"2024-02-29": true, "2023-02-29": false,
	}
	for s, want := range cases {
		if got := Validate(s, "%Y-%m-%d"); got != want {
			t.Errorf("validate(%q, %%Y-%%m-%%d) = %v, want %v", s, got, want)
		}
	}
}

func TestFormatThenValidate(t *testing.T) {
	// builtins/datetime/now, date and today format the current time and
	// validate the result with the same format.
	now := time.Date(2024, 8, 6, 9, 5, 3, 120000000, time.FixedZone("", 8*3600))
	for _, f := range []string{"%a %b %d %H:%M:%S %Y", "%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%c", "%+", "%F %T%.f %z", "%D %r", "%j %U %W %G-%V-%u"} {
		s, err := Format(now, f)
		if err != nil {
			t.Fatalf("format %q: %v", f, err)
		}
		if !Validate(s, f) {
			t.Errorf("validate(%q, %q) = false", s, f)
		}
	}
}

func TestFormat(t *testing.T) {
	tm := time.Date(2001, 7, 8, 0, 34, 59, 26490000, time.FixedZone("", 9*3600+30*60))
	cases := map[string]string{
		"%Y-%m-%d %H:%M:%S":                 "2001-07-08 00:34:59",
		"%a %b %d %H:%M:%S %Y":              "Sun Jul 08 00:34:59 2001",
		"%A %B %e|%k|%l|%I%p%P":             "Sunday July  8| 0|12|12AMam",
		"%C %y %G %g %V %j %U %W %w %u":     "20 01 2001 01 27 189 27 27 0 7",
		"%D|%x|%F|%v|%R|%T|%X|%r":           "07/08/01|07/08/01|2001-07-08| 8-Jul-2001|00:34|00:34:59|00:34:59|12:34:59 AM",
		"%c":                                "Sun Jul  8 00:34:59 2001",
		"%f|%.f|%.3f|%.6f|%.9f|%3f|%6f|%9f": "026490000|.026490|.026|.026490|.026490000|026|026490|026490000",
		"%z|%:z|%::z|%:::z|%Z":              "+0930|+09:30|+09:30:00|+09|+09:30",
		"%+":                                "2001-07-08T00:34:59.026490+09:30",
		"%s":                                "994518299",
		"%t%n%%":                            "\t\n%",
		"%-d|%_m|%0e|%-j":                   "8| 7|08|189",
		"日付 %Y年":                            "日付 2001年",
	}
	for f, want := range cases {
		got, err := Format(tm, f)
		if err != nil || got != want {
			t.Errorf("format(%q) = %q, %v; want %q", f, got, err, want)
		}
	}
	for _, bad := range []string{"%Q", "%", "%-", "%.2f", "%-D"} {
		if _, err := Format(tm, bad); err == nil {
			t.Errorf("format(%q) gave no error", bad)
		}
	}
	if got, _ := Format(time.Date(12345, 1, 1, 0, 0, 0, 0, time.UTC), "%Y|%Z"); got != "+12345|UTC" {
		t.Errorf("big year = %q", got)
	}
}

func TestParseRules(t *testing.T) {
	type tc struct {
		s, f string
		want bool
	}
	cases := []tc{
		{"23:59:60", "%H:%M:%S", true}, // leap second
		{"24:00:00", "%H:%M:%S", false},
		{"12:30", "%H:%M", true}, // seconds may be omitted
		{"12", "%H", false},      // minutes may not
		{"07:30 PM", "%I:%M %p", true},
		{"07:30", "%I:%M", false}, // %I needs %p
		{"13:30 PM", "%I:%M %p", false},
		{"Mon Aug 26 10:00:00 2024", "%a %b %d %H:%M:%S %Y", true},
		// A wrong weekday makes the date-time impossible, but the time of day
		// alone still parses, so validate accepts it (as upstream does).
		{"Tue Aug 26 10:00:00 2024", "%a %b %d %H:%M:%S %Y", true},
		{"monday AUGUST 26 2024", "%A %B %d %Y", true},
		{"Monday August 26 2024", "%a %b %d %Y", false}, // %a and %b take short names only
		{"2024-239", "%Y-%j", true},
		{"2023-366", "%Y-%j", false},
		{"24-08-26", "%y-%m-%d", true},
		{"2024-8-6", "%Y-%m-%d", true},   // numbers need not be padded
		{"2024- 8- 6", "%Y-%m-%d", true}, // leading blanks are skipped before numbers
		{"20245-01-01", "%Y-%m-%d", false},
		{"+20245-01-01", "%Y-%m-%d", true},
		{"2024-08-26T10:00:00.123", "%Y-%m-%dT%H:%M:%S%.f", true},
		{"2024-08-26T10:00:00", "%Y-%m-%dT%H:%M:%S%.f", true},
		{"2024-08-26T10:00:00.12", "%Y-%m-%dT%H:%M:%S%.3f", false},
		{"2024-08-26 10:00:00 +0800", "%Y-%m-%d %H:%M:%S %z", true},
		{"2024-08-26 10:00:00 +08:00", "%Y-%m-%d %H:%M:%S %:z", true},
		{"2024-08-26 10:00:00 CEST", "%Y-%m-%d %H:%M:%S %Z", true},
		{"2024-08-26T10:00:00+08:00", "%+", true},
		{"1724637600", "%s", true},
		{"2024 34 1", "%Y %W %u", true},
		{"2024 34 0", "%Y %U %w", true},
		{"2024-W35-1", "%G-W%V-%u", true},
		{"2024-08-26", "%Y-%m-%d %Q", false},
		{"2024-08-26", "%Y-%m-%d ", false},
		{"2024-08-26 ", "%Y-%m-%d", false},
		{"%2024", "%%%Y", false}, // a year alone is not a date
	}
	for _, c := range cases {
		if got := Validate(c.s, c.f); got != c.want {
			t.Errorf("validate(%q, %q) = %v, want %v", c.s, c.f, got, c.want)
		}
	}
	if err := ValidateDateTime("2024-08-26", "%Y-%m-%d"); err != ErrNotEnough {
		t.Errorf("date-time from a date: %v", err)
	}
	if err := ValidateDateTime("Tue Aug 26 10:00:00 2024", "%a %b %d %H:%M:%S %Y"); err != ErrImpossible {
		t.Errorf("wrong weekday: %v", err)
	}
	if err := ValidateDate("2024-08-26abc", "%Y-%m-%d"); err != ErrTooLong {
		t.Errorf("trailing input: %v", err)
	}
	if err := ValidateTime("10:00", "%Y"); err == nil {
		t.Error("wrong format accepted")
	}
}

func TestRFC3339AndISO8601(t *testing.T) {
	rfc := map[string]bool{
		"2024-08-26T10:00:00Z": true, "2024-08-26t10:00:00z": true, "2024-08-26 10:00:00+08:00": true,
		"2024-08-26T10:00:00.123456789-05:30": true, "2024-08-26T10:00:00": false,
		"2024-02-30T10:00:00Z": false, "2024-08-26T10:00Z": false, "2024-08-26T10:00:00+0800": false,
	}
	for s, want := range rfc {
		if got := IsRFC3339(s); got != want {
			t.Errorf("is_rfc3339(%q) = %v, want %v", s, got, want)
		}
	}
	iso := map[string]bool{
		"P1Y2M3DT4H5M6S": true, "PT0.5S": true, "P2W": true, "P": false, "PT": false, "P1H": false,
		"2024-08-26": true, "20240826": true, "2024-08-26T10:00": true, "20240826T100000Z": true,
		"2024-08-26T10:00:00+08": true, "2024-13-01": false, "2024-08-26T25:00": false, "hello": false,
		"2024-08-26T10:00:00Z": true,
	}
	for s, want := range iso {
		if got := IsISO8601(s); got != want {
			t.Errorf("is_iso8601(%q) = %v, want %v", s, got, want)
		}
	}
}

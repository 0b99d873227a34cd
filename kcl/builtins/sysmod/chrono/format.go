package chrono

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrFormat is returned for a format string with an invalid specifier;
// chrono reports it when the formatted value is displayed.
var ErrFormat = errors.New("a Display implementation returned an error unexpectedly: Error")

var (
	shortMonths   = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	longMonths    = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	shortWeekdays = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	longWeekdays  = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

// Format renders t with a strftime-style format string as chrono's
// DateTime::format does. The offset of t's location is used for %z and %Z
// (chrono's local time zone has no name, so %Z prints the offset too).
func Format(t time.Time, format string) (string, error) {
	var b strings.Builder
	for _, it := range items(format) {
		switch it.kind {
		case kLiteral, kSpace:
			b.WriteString(it.text)
		case kNumeric:
			formatNumeric(&b, t, it)
		case kFixed:
			formatFixed(&b, t, it.spec)
		default:
			return "", ErrFormat
		}
	}
	return b.String(), nil
}

func numericValue(t time.Time, spec int) (int64, int) {
	year := int64(t.Year())
	isoYear, isoWeek := t.ISOWeek()
	yday := int64(t.YearDay()) // 1-based
	wday := int64(t.Weekday()) // Sunday = 0
	switch spec {
	case nYear:
		return year, 4
	case nYearDiv100:
		return floorDiv(year, 100), 2
	case nYearMod100:
		return floorMod(year, 100), 2
	case nIsoYear:
		return int64(isoYear), 4
	case nIsoYearDiv100:
		return floorDiv(int64(isoYear), 100), 2
	case nIsoYearMod100:
		return floorMod(int64(isoYear), 100), 2
	case nMonth:
		return int64(t.Month()), 2
	case nDay:
		return int64(t.Day()), 2
	case nWeekFromSun:
		return (yday - 1 + 7 - wday) / 7, 2
	case nWeekFromMon:
		return (yday - 1 + 7 - (wday+6)%7) / 7, 2
	case nIsoWeek:
		return int64(isoWeek), 2
	case nNumDaysFromSun:
		return wday, 1
	case nWeekdayFromMon:
		return (wday+6)%7 + 1, 1
	case nOrdinal:
		return yday, 3
	case nHour:
		return int64(t.Hour()), 2
	case nHour12:
		h := int64(t.Hour()) % 12
		if h == 0 {
			h = 12
		}
		return h, 2
	case nMinute:
		return int64(t.Minute()), 2
	case nSecond:
		return int64(t.Second()), 2
	case nNanosecond:
		return int64(t.Nanosecond()), 9
	case nTimestamp:
		return t.Unix(), 1
	}
	return 0, 1
}

func formatNumeric(b *strings.Builder, t time.Time, it item) {
	v, width := numericValue(t, it.spec)
	s := strconv.FormatInt(absI64(v), 10)
	sign := ""
	if v < 0 {
		sign = "-"
	}
	// chrono writes years outside 0..=9999 with an explicit sign.
	if (it.spec == nYear || it.spec == nIsoYear) && (v < 0 || v > 9999) {
		if v > 9999 {
			sign = "+"
		}
		width = 4
	}
	switch it.pad {
	case padZero:
		if len(s) < width {
			s = strings.Repeat("0", width-len(s)) + s
		}
		b.WriteString(sign + s)
	case padSpace:
		out := sign + s
		if len(out) < width {
			out = strings.Repeat(" ", width-len(out)) + out
		}
		b.WriteString(out)
	default:
		b.WriteString(sign + s)
	}
}

func formatOffset(b *strings.Builder, t time.Time, colons int, allowZ bool) {
	_, off := t.Zone()
	if allowZ && off == 0 {
		b.WriteByte('Z')
		return
	}
	sign := byte('+')
	if off < 0 {
		sign = '-'
		off = -off
	}
	h, m, s := off/3600, off/60%60, off%60
	b.WriteByte(sign)
	switch colons {
	case 0:
		fmt.Fprintf(b, "%02d%02d", h, m)
	case 1:
		fmt.Fprintf(b, "%02d:%02d", h, m)
	case 2:
		fmt.Fprintf(b, "%02d:%02d:%02d", h, m, s)
	case 3:
		fmt.Fprintf(b, "%02d", h)
	}
}

func formatFixed(b *strings.Builder, t time.Time, spec int) {
	nanos := t.Nanosecond()
	switch spec {
	case fShortMonthName:
		b.WriteString(shortMonths[t.Month()-1])
	case fLongMonthName:
		b.WriteString(longMonths[t.Month()-1])
	case fShortWeekdayName:
		b.WriteString(shortWeekdays[t.Weekday()])
	case fLongWeekdayName:
		b.WriteString(longWeekdays[t.Weekday()])
	case fLowerAmPm:
		if t.Hour() < 12 {
			b.WriteString("am")
		} else {
			b.WriteString("pm")
		}
	case fUpperAmPm:
		if t.Hour() < 12 {
			b.WriteString("AM")
		} else {
			b.WriteString("PM")
		}
	case fNanosecond:
		writeAutoFraction(b, nanos)
	case fNanosecond3:
		fmt.Fprintf(b, ".%03d", nanos/1e6)
	case fNanosecond6:
		fmt.Fprintf(b, ".%06d", nanos/1e3)
	case fNanosecond9:
		fmt.Fprintf(b, ".%09d", nanos)
	case fNanosecond3NoDot:
		fmt.Fprintf(b, "%03d", nanos/1e6)
	case fNanosecond6NoDot:
		fmt.Fprintf(b, "%06d", nanos/1e3)
	case fNanosecond9NoDot:
		fmt.Fprintf(b, "%09d", nanos)
	case fTimezoneName:
		if t.Location() == time.UTC {
			b.WriteString("UTC")
		} else {
			formatOffset(b, t, 1, false)
		}
	case fTimezoneOffset, fTimezoneOffsetPermissive:
		formatOffset(b, t, 0, false)
	case fTimezoneOffsetColon:
		formatOffset(b, t, 1, false)
	case fTimezoneOffsetDoubleColon:
		formatOffset(b, t, 2, false)
	case fTimezoneOffsetTripleColon:
		formatOffset(b, t, 3, false)
	case fRFC3339:
		year := t.Year()
		if year >= 0 && year <= 9999 {
			fmt.Fprintf(b, "%04d", year)
		} else {
			fmt.Fprintf(b, "%+05d", year)
		}
		fmt.Fprintf(b, "-%02d-%02dT%02d:%02d:%02d", t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second())
		writeAutoFraction(b, nanos)
		formatOffset(b, t, 1, false)
	}
}

// writeAutoFraction writes ".fff", ".ffffff" or ".fffffffff" with the
// fewest digits that show nanos exactly, or nothing when nanos is 0.
func writeAutoFraction(b *strings.Builder, nanos int) {
	switch {
	case nanos == 0:
	case nanos%1e6 == 0:
		fmt.Fprintf(b, ".%03d", nanos/1e6)
	case nanos%1e3 == 0:
		fmt.Fprintf(b, ".%06d", nanos/1e3)
	default:
		fmt.Fprintf(b, ".%09d", nanos)
	}
}

func absI64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

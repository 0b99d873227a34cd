package chrono

import (
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Parse errors, with chrono's texts.
var (
	ErrOutOfRange = errors.New("input is out of range")
	ErrImpossible = errors.New("no possible date and time matching input")
	ErrNotEnough  = errors.New("input is not enough for unique date and time")
	ErrInvalid    = errors.New("input contains invalid characters")
	ErrTooShort   = errors.New("premature end of input")
	ErrTooLong    = errors.New("trailing input")
	ErrBadFormat  = errors.New("bad or unsupported format string")
)

// opt is an optional int64 field.
type opt struct {
	v   int64
	set bool
}

// parsed collects the fields found in the input, like chrono's Parsed.
type parsed struct {
	year, yearDiv100, yearMod100          opt
	isoYear, isoYearDiv100, isoYearMod100 opt
	month, weekFromSun, weekFromMon       opt
	isoWeek, weekday, ordinal, day        opt // weekday: 0 = Monday .. 6 = Sunday
	hourDiv12, hourMod12, minute, second  opt
	nanosecond, timestamp, offset         opt
}

// setField stores v unless a different value was stored before.
func setField(f *opt, v int64) error {
	if f.set && f.v != v {
		return ErrImpossible
	}
	*f = opt{v, true}
	return nil
}

func inRange(v, lo, hi int64) error {
	if v < lo || v > hi {
		return ErrOutOfRange
	}
	return nil
}

func (p *parsed) setNumeric(spec int, v int64) error {
	switch spec {
	case nYear:
		return setField(&p.year, v)
	case nYearDiv100:
		if v < 0 {
			return ErrOutOfRange
		}
		return setField(&p.yearDiv100, v)
	case nYearMod100:
		if err := inRange(v, 0, 99); err != nil {
			return err
		}
		return setField(&p.yearMod100, v)
	case nIsoYear:
		return setField(&p.isoYear, v)
	case nIsoYearDiv100:
		if v < 0 {
			return ErrOutOfRange
		}
		return setField(&p.isoYearDiv100, v)
	case nIsoYearMod100:
		if err := inRange(v, 0, 99); err != nil {
			return err
		}
		return setField(&p.isoYearMod100, v)
	case nMonth:
		if err := inRange(v, 1, 12); err != nil {
			return err
		}
		return setField(&p.month, v)
	case nDay:
		if err := inRange(v, 1, 31); err != nil {
			return err
		}
		return setField(&p.day, v)
	case nWeekFromSun:
		if err := inRange(v, 0, 53); err != nil {
			return err
		}
		return setField(&p.weekFromSun, v)
	case nWeekFromMon:
		if err := inRange(v, 0, 53); err != nil {
			return err
		}
		return setField(&p.weekFromMon, v)
	case nIsoWeek:
		if err := inRange(v, 1, 53); err != nil {
			return err
		}
		return setField(&p.isoWeek, v)
	case nNumDaysFromSun:
		if err := inRange(v, 0, 6); err != nil {
			return err
		}
		return setField(&p.weekday, (v+6)%7)
	case nWeekdayFromMon:
		if err := inRange(v, 1, 7); err != nil {
			return err
		}
		return setField(&p.weekday, v-1)
	case nOrdinal:
		if err := inRange(v, 1, 366); err != nil {
			return err
		}
		return setField(&p.ordinal, v)
	case nHour:
		if err := inRange(v, 0, 23); err != nil {
			return err
		}
		if err := setField(&p.hourDiv12, v/12); err != nil {
			return err
		}
		return setField(&p.hourMod12, v%12)
	case nHour12:
		if err := inRange(v, 1, 12); err != nil {
			return err
		}
		return setField(&p.hourMod12, v%12)
	case nMinute:
		if err := inRange(v, 0, 59); err != nil {
			return err
		}
		return setField(&p.minute, v)
	case nSecond:
		if err := inRange(v, 0, 60); err != nil {
			return err
		}
		return setField(&p.second, v)
	case nNanosecond:
		if err := inRange(v, 0, 999_999_999); err != nil {
			return err
		}
		return setField(&p.nanosecond, v)
	case nTimestamp:
		return setField(&p.timestamp, v)
	}
	return ErrBadFormat
}

// scanNumber consumes between min and max ASCII digits.
func scanNumber(s string, min, max int) (int64, string, error) {
	if s == "" {
		return 0, s, ErrTooShort
	}
	var v int64
	n := 0
	for n < len(s) && n < max && s[n] >= '0' && s[n] <= '9' {
		d := int64(s[n] - '0')
		if v > (1<<63-1-d)/10 {
			return 0, s, ErrOutOfRange
		}
		v = v*10 + d
		n++
	}
	if n < min {
		return 0, s, ErrInvalid
	}
	return v, s[n:], nil
}

// scanNanosecond consumes a fraction after the dot: at least one digit, up
// to nine significant digits; further digits are consumed and ignored.
func scanNanosecond(s string) (int64, string, error) {
	v, rest, err := scanNumber(s, 1, 9)
	if err != nil {
		return 0, s, err
	}
	digits := len(s) - len(rest)
	for i := digits; i < 9; i++ {
		v *= 10
	}
	for rest != "" && rest[0] >= '0' && rest[0] <= '9' {
		rest = rest[1:]
	}
	return v, rest, nil
}

// scanNanosecondFixed consumes exactly digits digits.
func scanNanosecondFixed(s string, digits int) (int64, string, error) {
	v, rest, err := scanNumber(s, digits, digits)
	if err != nil {
		return 0, s, err
	}
	for i := digits; i < 9; i++ {
		v *= 10
	}
	return v, rest, nil
}

// scanPrefixFold matches one of names (case-insensitively) at the start of
// s, preferring the first match in the list order given.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// scanName matches a three-letter short name and, when long is allowed,
// optionally the rest of the long name.
func scanName(s string, short, longNames []string, long bool) (int, string, error) {
	if len(s) < 3 {
		return 0, s, ErrTooShort
	}
	for i, name := range short {
		if !hasPrefixFold(s, name) {
			continue
		}
		rest := s[3:]
		if long {
			tail := longNames[i][3:]
			if hasPrefixFold(rest, tail) {
				rest = rest[len(tail):]
			}
		}
		return i, rest, nil
	}
	return 0, s, ErrInvalid
}

// scanOffset parses a UTC offset: [+-]HH[[:]MM]; allowZ accepts Z/z and
// optionalMinutes lets the minutes be left out.
func scanOffset(s string, allowZ, optionalMinutes bool) (int64, string, error) {
	return scanOffsetColon(s, allowZ, optionalMinutes, false)
}

// scanOffsetColon is scanOffset; requireColon demands HH:MM (RFC 3339).
func scanOffsetColon(s string, allowZ, optionalMinutes, requireColon bool) (int64, string, error) {
	if s == "" {
		return 0, s, ErrTooShort
	}
	if allowZ && (s[0] == 'Z' || s[0] == 'z') {
		return 0, s[1:], nil
	}
	var neg bool
	switch {
	case s[0] == '+':
		s = s[1:]
	case s[0] == '-':
		neg = true
		s = s[1:]
	case strings.HasPrefix(s, "\u2212"):
		neg = true
		s = s[len("\u2212"):]
	default:
		return 0, s, ErrInvalid
	}
	if len(s) < 2 {
		return 0, s, ErrTooShort
	}
	h, rest, err := scanNumber(s, 2, 2)
	if err != nil {
		return 0, s, err
	}
	s = rest
	var m int64
	if strings.HasPrefix(s, ":") {
		s = s[1:]
	} else if requireColon {
		if s == "" {
			return 0, s, ErrTooShort
		}
		return 0, s, ErrInvalid
	}
	if len(s) >= 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' {
		m, s, _ = scanNumber(s, 2, 2)
		if m > 59 {
			return 0, s, ErrOutOfRange
		}
	} else if !optionalMinutes {
		if len(s) < 2 {
			return 0, s, ErrTooShort
		}
		return 0, s, ErrInvalid
	}
	off := h*3600 + m*60
	if neg {
		off = -off
	}
	return off, s, nil
}

// parseRFC3339Into reads an RFC 3339 date-time into p.
func parseRFC3339Into(p *parsed, s string) (string, error) {
	var err error
	var v int64
	step := func(spec int, width int) {
		if err != nil {
			return
		}
		v, s, err = scanNumber(s, width, width)
		if err == nil {
			err = p.setNumeric(spec, v)
		}
	}
	expect := func(chars string) {
		if err != nil {
			return
		}
		if s == "" {
			err = ErrTooShort
			return
		}
		if !strings.ContainsRune(chars, rune(s[0])) {
			err = ErrInvalid
			return
		}
		s = s[1:]
	}
	step(nYear, 4)
	expect("-")
	step(nMonth, 2)
	expect("-")
	step(nDay, 2)
	expect("Tt ")
	step(nHour, 2)
	expect(":")
	step(nMinute, 2)
	expect(":")
	step(nSecond, 2)
	if err != nil {
		return s, err
	}
	if strings.HasPrefix(s, ".") {
		v, s, err = scanNanosecond(s[1:])
		if err != nil {
			return s, err
		}
		if err = p.setNumeric(nNanosecond, v); err != nil {
			return s, err
		}
	}
	var off int64
	off, s, err = scanOffsetColon(s, true, false, true)
	if err != nil {
		return s, err
	}
	return s, setField(&p.offset, off)
}

// parse reads s according to format into a parsed value.
func parse(s, format string) (*parsed, error) {
	p := &parsed{}
	for _, it := range items(format) {
		var err error
		switch it.kind {
		case kError:
			return nil, ErrBadFormat
		case kLiteral:
			if len(s) < len(it.text) {
				return nil, ErrTooShort
			}
			if !strings.HasPrefix(s, it.text) {
				return nil, ErrInvalid
			}
			s = s[len(it.text):]
		case kSpace:
			for _, want := range it.text {
				got, size := utf8.DecodeRuneInString(s)
				if s == "" {
					return nil, ErrTooShort
				}
				if got != want {
					return nil, ErrInvalid
				}
				s = s[size:]
			}
		case kNumeric:
			s = strings.TrimLeftFunc(s, unicode.IsSpace)
			width := map[int]int{nYear: 4, nIsoYear: 4, nOrdinal: 3, nNanosecond: 9,
				nNumDaysFromSun: 1, nWeekdayFromMon: 1, nTimestamp: 1 << 30}[it.spec]
			if width == 0 {
				width = 2
			}
			var v int64
			signed := it.spec == nYear || it.spec == nIsoYear || it.spec == nTimestamp
			switch {
			case signed && strings.HasPrefix(s, "-"):
				v, s, err = scanNumber(s[1:], 1, 1<<30)
				v = -v
			case signed && strings.HasPrefix(s, "+"):
				v, s, err = scanNumber(s[1:], 1, 1<<30)
			default:
				v, s, err = scanNumber(s, 1, width)
			}
			if err == nil {
				err = p.setNumeric(it.spec, v)
			}
		case kFixed:
			s, err = parseFixed(p, s, it.spec)
		}
		if err != nil {
			return nil, err
		}
	}
	if s != "" {
		return nil, ErrTooLong
	}
	return p, nil
}

func parseFixed(p *parsed, s string, spec int) (string, error) {
	var err error
	var v int64
	switch spec {
	case fShortMonthName, fLongMonthName:
		var i int
		i, s, err = scanName(s, shortMonths[:], longMonths[:], spec == fLongMonthName)
		if err == nil {
			err = p.setNumeric(nMonth, int64(i)+1)
		}
	case fShortWeekdayName, fLongWeekdayName:
		var i int
		i, s, err = scanName(s, shortWeekdays[:], longWeekdays[:], spec == fLongWeekdayName)
		if err == nil {
			err = p.setNumeric(nNumDaysFromSun, int64(i))
		}
	case fLowerAmPm, fUpperAmPm:
		if len(s) < 2 {
			return s, ErrTooShort
		}
		switch {
		case strings.EqualFold(s[:2], "am"):
			err = setField(&p.hourDiv12, 0)
		case strings.EqualFold(s[:2], "pm"):
			err = setField(&p.hourDiv12, 1)
		default:
			return s, ErrInvalid
		}
		s = s[2:]
	case fNanosecond:
		if strings.HasPrefix(s, ".") {
			v, s, err = scanNanosecond(s[1:])
			if err == nil {
				err = p.setNumeric(nNanosecond, v)
			}
		}
	case fNanosecond3, fNanosecond6, fNanosecond9:
		digits := map[int]int{fNanosecond3: 3, fNanosecond6: 6, fNanosecond9: 9}[spec]
		if len(s) < digits+1 {
			return s, ErrTooShort
		}
		if s[0] != '.' {
			return s, ErrInvalid
		}
		v, s, err = scanNanosecondFixed(s[1:], digits)
		if err == nil {
			err = p.setNumeric(nNanosecond, v)
		}
	case fNanosecond3NoDot, fNanosecond6NoDot, fNanosecond9NoDot:
		digits := map[int]int{fNanosecond3NoDot: 3, fNanosecond6NoDot: 6, fNanosecond9NoDot: 9}[spec]
		if len(s) < digits {
			return s, ErrTooShort
		}
		v, s, err = scanNanosecondFixed(s, digits)
		if err == nil {
			err = p.setNumeric(nNanosecond, v)
		}
	case fTimezoneName:
		s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
	case fTimezoneOffset, fTimezoneOffsetColon, fTimezoneOffsetDoubleColon:
		v, s, err = scanOffset(strings.TrimLeftFunc(s, unicode.IsSpace), false, false)
		if err == nil {
			err = setField(&p.offset, v)
		}
	case fTimezoneOffsetTripleColon, fTimezoneOffsetPermissive:
		v, s, err = scanOffset(strings.TrimLeftFunc(s, unicode.IsSpace), spec == fTimezoneOffsetPermissive, true)
		if err == nil {
			err = setField(&p.offset, v)
		}
	case fRFC3339:
		s, err = parseRFC3339Into(p, s)
	}
	return s, err
}

// resolveYear combines a full year with century and year-of-century fields.
func resolveYear(y, q, r opt) (opt, error) {
	switch {
	case y.set:
		qq, rr := floorDiv(y.v, 100), floorMod(y.v, 100)
		if (!q.set || q.v == qq) && (!r.set || r.v == rr) {
			return y, nil
		}
		return opt{}, ErrImpossible
	case q.set && r.set:
		return opt{q.v*100 + r.v, true}, nil
	case r.set:
		if r.v < 70 {
			return opt{2000 + r.v, true}, nil
		}
		return opt{1900 + r.v, true}, nil
	case q.set:
		return opt{}, ErrNotEnough
	}
	return opt{}, nil
}

// dateFields are the values of a date that parsed fields are checked
// against.
type dateFields struct {
	year, month, day, ordinal, weekday, weekFromSun, weekFromMon, isoYear, isoWeek int64
}

func fieldsOf(t time.Time) dateFields {
	isoYear, isoWeek := t.ISOWeek()
	yday := int64(t.YearDay())
	wsun := int64(t.Weekday())
	return dateFields{
		year: int64(t.Year()), month: int64(t.Month()), day: int64(t.Day()), ordinal: yday,
		weekday:     (wsun + 6) % 7,
		weekFromSun: (yday - 1 + 7 - wsun) / 7,
		weekFromMon: (yday - 1 + 7 - (wsun+6)%7) / 7,
		isoYear:     int64(isoYear), isoWeek: int64(isoWeek),
	}
}

const maxYear = 262143 // chrono's NaiveDate range

func ymd(y, m, d int64) (time.Time, bool) {
	if y < -maxYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(int(y), time.Month(m), int(d), 0, 0, 0, 0, time.UTC)
	return t, t.Month() == time.Month(m) && t.Day() == int(d)
}

// toDate builds the date from the parsed fields, like Parsed::to_naive_date.
func (p *parsed) toDate() (time.Time, error) {
	year, err := resolveYear(p.year, p.yearDiv100, p.yearMod100)
	if err != nil {
		return time.Time{}, err
	}
	isoYear, err := resolveYear(p.isoYear, p.isoYearDiv100, p.isoYearMod100)
	if err != nil {
		return time.Time{}, err
	}
	var t time.Time
	switch {
	case year.set && p.month.set && p.day.set:
		var ok bool
		if t, ok = ymd(year.v, p.month.v, p.day.v); !ok {
			return time.Time{}, ErrOutOfRange
		}
	case year.set && p.ordinal.set:
		jan1, ok := ymd(year.v, 1, 1)
		if !ok {
			return time.Time{}, ErrOutOfRange
		}
		t = jan1.AddDate(0, 0, int(p.ordinal.v-1))
		if int64(t.Year()) != year.v {
			return time.Time{}, ErrOutOfRange
		}
	case year.set && p.weekFromSun.set && p.weekday.set:
		jan1, ok := ymd(year.v, 1, 1)
		if !ok {
			return time.Time{}, ErrOutOfRange
		}
		first := (7 - int64(jan1.Weekday())) % 7 // days before the first Sunday
		sun := (p.weekday.v + 1) % 7             // days from Sunday
		t = jan1.AddDate(0, 0, int(first+(p.weekFromSun.v-1)*7+sun))
		if int64(t.Year()) != year.v {
			return time.Time{}, ErrOutOfRange
		}
	case year.set && p.weekFromMon.set && p.weekday.set:
		jan1, ok := ymd(year.v, 1, 1)
		if !ok {
			return time.Time{}, ErrOutOfRange
		}
		first := (8 - int64(jan1.Weekday())) % 7 // days before the first Monday
		t = jan1.AddDate(0, 0, int(first+(p.weekFromMon.v-1)*7+p.weekday.v))
		if int64(t.Year()) != year.v {
			return time.Time{}, ErrOutOfRange
		}
	case isoYear.set && p.isoWeek.set && p.weekday.set:
		jan4, ok := ymd(isoYear.v, 1, 4)
		if !ok {
			return time.Time{}, ErrOutOfRange
		}
		// Monday of ISO week 1.
		mon := jan4.AddDate(0, 0, -int((int64(jan4.Weekday())+6)%7))
		t = mon.AddDate(0, 0, int((p.isoWeek.v-1)*7+p.weekday.v))
		if y, w := t.ISOWeek(); int64(y) != isoYear.v || int64(w) != p.isoWeek.v {
			return time.Time{}, ErrOutOfRange
		}
	default:
		return time.Time{}, ErrNotEnough
	}
	f := fieldsOf(t)
	checks := []struct {
		o opt
		v int64
	}{
		{year, f.year}, {p.month, f.month}, {p.day, f.day}, {p.ordinal, f.ordinal},
		{p.weekday, f.weekday}, {p.weekFromSun, f.weekFromSun}, {p.weekFromMon, f.weekFromMon},
		{isoYear, f.isoYear}, {p.isoWeek, f.isoWeek},
	}
	for _, c := range checks {
		if c.o.set && c.o.v != c.v {
			return time.Time{}, ErrImpossible
		}
	}
	return t, nil
}

// clock is a time of day; a leap second has second 59 and nano >= 1e9.
type clock struct {
	hour, minute, second, nano int64
}

// toTime builds the time of day, like Parsed::to_naive_time.
func (p *parsed) toTime() (clock, error) {
	if !p.hourDiv12.set || !p.hourMod12.set || !p.minute.set {
		if p.hourDiv12.set && p.hourDiv12.v > 1 || p.hourMod12.set && p.hourMod12.v > 11 {
			return clock{}, ErrOutOfRange
		}
		return clock{}, ErrNotEnough
	}
	c := clock{hour: p.hourDiv12.v*12 + p.hourMod12.v, minute: p.minute.v}
	sec := int64(0)
	if p.second.set {
		sec = p.second.v
	}
	switch {
	case sec <= 59:
		c.second = sec
	case sec == 60:
		c.second, c.nano = 59, 1_000_000_000
	default:
		return clock{}, ErrOutOfRange
	}
	if p.nanosecond.set {
		if !p.second.set {
			return clock{}, ErrNotEnough
		}
		c.nano += p.nanosecond.v
	}
	return c, nil
}

// toDateTime builds a date-time, like Parsed::to_naive_datetime_with_offset
// with offset 0: missing fields may come from a %s timestamp.
func (p *parsed) toDateTime() error {
	d, derr := p.toDate()
	c, terr := p.toTime()
	if derr == nil && terr == nil {
		if p.timestamp.set {
			ts := d.Unix() + c.hour*3600 + c.minute*60 + c.second
			if ts != p.timestamp.v {
				return ErrImpossible
			}
		}
		return nil
	}
	if !p.timestamp.set {
		if derr != nil {
			return derr
		}
		return terr
	}
	for _, err := range []error{derr, terr} {
		if err == ErrOutOfRange {
			return ErrOutOfRange
		}
	}
	for _, err := range []error{derr, terr} {
		if err == ErrImpossible {
			return ErrImpossible
		}
	}
	t := time.Unix(p.timestamp.v, 0).UTC()
	q := *p
	for _, f := range []struct {
		spec int
		v    int64
	}{
		{nYear, int64(t.Year())}, {nOrdinal, int64(t.YearDay())}, {nHour, int64(t.Hour())},
		{nMinute, int64(t.Minute())},
	} {
		if err := q.setNumeric(f.spec, f.v); err != nil {
			return err
		}
	}
	if q.second.set && q.second.v == 60 && t.Second() == 59 {
		// A leap second matches the 59th second of the timestamp.
	} else if err := q.setNumeric(nSecond, int64(t.Second())); err != nil {
		return err
	}
	if _, err := q.toDate(); err != nil {
		return err
	}
	_, err := q.toTime()
	return err
}

// ValidateDateTime reports whether s parses with format as a date-time
// (chrono's NaiveDateTime::parse_from_str).
func ValidateDateTime(s, format string) error {
	p, err := parse(s, format)
	if err != nil {
		return err
	}
	return p.toDateTime()
}

// ValidateDate reports whether s parses with format as a date
// (NaiveDate::parse_from_str).
func ValidateDate(s, format string) error {
	p, err := parse(s, format)
	if err != nil {
		return err
	}
	_, err = p.toDate()
	return err
}

// ValidateTime reports whether s parses with format as a time of day
// (NaiveTime::parse_from_str).
func ValidateTime(s, format string) error {
	p, err := parse(s, format)
	if err != nil {
		return err
	}
	_, err = p.toTime()
	return err
}

// Validate implements KCL's datetime.validate: s is valid when it parses
// with format as a date-time, a date or a time.
func Validate(s, format string) bool {
	return ValidateDateTime(s, format) == nil || ValidateDate(s, format) == nil || ValidateTime(s, format) == nil
}

// IsRFC3339 reports whether s is an RFC 3339 date-time with an offset, as
// chrono's DateTime::parse_from_rfc3339 accepts it.
func IsRFC3339(s string) bool {
	p := &parsed{}
	rest, err := parseRFC3339Into(p, s)
	if err != nil || rest != "" {
		return false
	}
	if _, err := p.toDate(); err != nil {
		return false
	}
	_, err = p.toTime()
	return err == nil
}

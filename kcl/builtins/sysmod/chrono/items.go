package chrono

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind classifies a format item.
type kind int

const (
	kLiteral kind = iota // text that must appear as is
	kSpace               // a run of white space in the format
	kNumeric             // a number (spec says which)
	kFixed               // names, fractions, offsets (spec says which)
	kError               // an invalid specifier
)

// pad is the padding of a numeric item.
type pad int

const (
	padNone pad = iota
	padZero
	padSpace
)

// Numeric and fixed specifiers.
const (
	nYear = iota
	nYearDiv100
	nYearMod100
	nIsoYear
	nIsoYearDiv100
	nIsoYearMod100
	nMonth
	nDay
	nWeekFromSun
	nWeekFromMon
	nIsoWeek
	nNumDaysFromSun
	nWeekdayFromMon
	nOrdinal
	nHour
	nHour12
	nMinute
	nSecond
	nNanosecond
	nTimestamp
)

const (
	fShortMonthName = iota
	fLongMonthName
	fShortWeekdayName
	fLongWeekdayName
	fLowerAmPm
	fUpperAmPm
	fNanosecond  // %.f
	fNanosecond3 // %.3f
	fNanosecond6
	fNanosecond9
	fNanosecond3NoDot // %3f
	fNanosecond6NoDot
	fNanosecond9NoDot
	fTimezoneName
	fTimezoneOffset            // %z
	fTimezoneOffsetColon       // %:z
	fTimezoneOffsetDoubleColon // %::z
	fTimezoneOffsetTripleColon // %:::z
	fTimezoneOffsetPermissive  // %#z (parse only)
	fRFC3339                   // %+
)

// item is one element of a parsed format string.
type item struct {
	kind kind
	text string // literal or space text
	spec int
	pad  pad
}

func num(spec int, p pad) item { return item{kind: kNumeric, spec: spec, pad: p} }
func fixed(spec int) item      { return item{kind: kFixed, spec: spec} }

// defaultPad is the padding a numeric specifier has without a modifier.
func defaultPad(spec int) pad {
	switch spec {
	case nNumDaysFromSun, nWeekdayFromMon, nTimestamp:
		return padNone
	}
	return padZero
}

// items splits a strftime format string into items the way chrono's
// StrftimeItems does.
func items(format string) []item {
	var out []item
	s := format
	for s != "" {
		r, size := utf8.DecodeRuneInString(s)
		if r != '%' {
			if unicode.IsSpace(r) {
				end := len(s)
				for i, c := range s {
					if !unicode.IsSpace(c) {
						end = i
						break
					}
				}
				out = append(out, item{kind: kSpace, text: s[:end]})
				s = s[end:]
				continue
			}
			end := len(s)
			for i, c := range s {
				if c == '%' || unicode.IsSpace(c) {
					end = i
					break
				}
			}
			out = append(out, item{kind: kLiteral, text: s[:end]})
			s = s[end:]
			continue
		}
		_ = size
		s = s[1:]
		if s == "" {
			out = append(out, item{kind: kError})
			break
		}
		// Padding modifier.
		var modifier byte
		var explicit bool
		if s[0] == '-' || s[0] == '0' || s[0] == '_' {
			modifier, explicit = s[0], true
			s = s[1:]
			if s == "" {
				out = append(out, item{kind: kError})
				break
			}
		}
		spec, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		var its []item
		switch spec {
		case 'A':
			its = []item{fixed(fLongWeekdayName)}
		case 'B':
			its = []item{fixed(fLongMonthName)}
		case 'C':
			its = []item{num(nYearDiv100, padZero)}
		case 'D', 'x':
			its = []item{num(nMonth, padZero), lit("/"), num(nDay, padZero), lit("/"), num(nYearMod100, padZero)}
		case 'F':
			its = []item{num(nYear, padZero), lit("-"), num(nMonth, padZero), lit("-"), num(nDay, padZero)}
		case 'G':
			its = []item{num(nIsoYear, padZero)}
		case 'H':
			its = []item{num(nHour, padZero)}
		case 'I':
			its = []item{num(nHour12, padZero)}
		case 'M':
			its = []item{num(nMinute, padZero)}
		case 'P':
			its = []item{fixed(fLowerAmPm)}
		case 'R':
			its = []item{num(nHour, padZero), lit(":"), num(nMinute, padZero)}
		case 'S':
			its = []item{num(nSecond, padZero)}
		case 'T', 'X':
			its = []item{num(nHour, padZero), lit(":"), num(nMinute, padZero), lit(":"), num(nSecond, padZero)}
		case 'U':
			its = []item{num(nWeekFromSun, padZero)}
		case 'V':
			its = []item{num(nIsoWeek, padZero)}
		case 'W':
			its = []item{num(nWeekFromMon, padZero)}
		case 'Y':
			its = []item{num(nYear, padZero)}
		case 'Z':
			its = []item{fixed(fTimezoneName)}
		case 'a':
			its = []item{fixed(fShortWeekdayName)}
		case 'b', 'h':
			its = []item{fixed(fShortMonthName)}
		case 'c':
			its = []item{fixed(fShortWeekdayName), sp(" "), fixed(fShortMonthName), sp(" "),
				num(nDay, padSpace), sp(" "), num(nHour, padZero), lit(":"), num(nMinute, padZero),
				lit(":"), num(nSecond, padZero), sp(" "), num(nYear, padZero)}
		case 'd':
			its = []item{num(nDay, padZero)}
		case 'e':
			its = []item{num(nDay, padSpace)}
		case 'f':
			its = []item{num(nNanosecond, padZero)}
		case 'g':
			its = []item{num(nIsoYearMod100, padZero)}
		case 'j':
			its = []item{num(nOrdinal, padZero)}
		case 'k':
			its = []item{num(nHour, padSpace)}
		case 'l':
			its = []item{num(nHour12, padSpace)}
		case 'm':
			its = []item{num(nMonth, padZero)}
		case 'n':
			its = []item{sp("\n")}
		case 'p':
			its = []item{fixed(fUpperAmPm)}
		case 'r':
			its = []item{num(nHour12, padZero), lit(":"), num(nMinute, padZero), lit(":"),
				num(nSecond, padZero), sp(" "), fixed(fUpperAmPm)}
		case 's':
			its = []item{num(nTimestamp, padNone)}
		case 't':
			its = []item{sp("\t")}
		case 'u':
			its = []item{num(nWeekdayFromMon, padNone)}
		case 'v':
			its = []item{num(nDay, padSpace), lit("-"), fixed(fShortMonthName), lit("-"), num(nYear, padZero)}
		case 'w':
			its = []item{num(nNumDaysFromSun, padNone)}
		case 'y':
			its = []item{num(nYearMod100, padZero)}
		case 'z':
			its = []item{fixed(fTimezoneOffset)}
		case '+':
			its = []item{fixed(fRFC3339)}
		case ':':
			switch {
			case strings.HasPrefix(s, ":::z"):
				s = s[4:]
				its = []item{{kind: kError}}
			case strings.HasPrefix(s, "::z"):
				s = s[3:]
				its = []item{fixed(fTimezoneOffsetTripleColon)}
			case strings.HasPrefix(s, ":z"):
				s = s[2:]
				its = []item{fixed(fTimezoneOffsetDoubleColon)}
			case strings.HasPrefix(s, "z"):
				s = s[1:]
				its = []item{fixed(fTimezoneOffsetColon)}
			default:
				its = []item{{kind: kError}}
			}
		case '#':
			if strings.HasPrefix(s, "z") {
				s = s[1:]
				its = []item{fixed(fTimezoneOffsetPermissive)}
			} else {
				its = []item{{kind: kError}}
			}
		case '.':
			switch {
			case strings.HasPrefix(s, "f"):
				s = s[1:]
				its = []item{fixed(fNanosecond)}
			case strings.HasPrefix(s, "3f"):
				s = s[2:]
				its = []item{fixed(fNanosecond3)}
			case strings.HasPrefix(s, "6f"):
				s = s[2:]
				its = []item{fixed(fNanosecond6)}
			case strings.HasPrefix(s, "9f"):
				s = s[2:]
				its = []item{fixed(fNanosecond9)}
			default:
				its = []item{{kind: kError}}
			}
		case '3', '6', '9':
			if strings.HasPrefix(s, "f") {
				s = s[1:]
				its = []item{fixed(map[rune]int{'3': fNanosecond3NoDot, '6': fNanosecond6NoDot, '9': fNanosecond9NoDot}[spec])}
			} else {
				its = []item{{kind: kError}}
			}
		case '%':
			its = []item{lit("%")}
		default:
			its = []item{{kind: kError}}
		}
		if explicit {
			// A padding modifier applies to a single numeric item only.
			if len(its) != 1 || its[0].kind != kNumeric {
				its = []item{{kind: kError}}
			} else {
				switch modifier {
				case '-':
					its[0].pad = padNone
				case '0':
					its[0].pad = padZero
				case '_':
					its[0].pad = padSpace
				}
			}
		}
		out = append(out, its...)
	}
	return out
}

func lit(s string) item { return item{kind: kLiteral, text: s} }
func sp(s string) item  { return item{kind: kSpace, text: s} }

package chrono

import (
	"regexp"
	"strings"
	"sync"
)

// ISO 8601 forms accepted by IsISO8601, besides RFC 3339 date-times
// (compiled on first use: start-up must stay fast).
var (
	isoDuration = lazyRegexp(`^P(?:(\d+(?:[.,]\d+)?)W|(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?)$`)
	isoExtended = lazyRegexp(`^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$`)
	isoBasic    = lazyRegexp(`^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?:\d{2})?)?)?$`)
)

func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// IsISO8601 reports whether s is an ISO 8601 duration (PnYnMnDTnHnMnS or
// PnW) or a calendar date or date-time in extended or basic format with an
// optional UTC offset. Dates and times must exist.
func IsISO8601(s string) bool {
	if m := isoDuration().FindStringSubmatch(s); m != nil {
		if s == "P" || strings.HasSuffix(s, "T") {
			return false
		}
		return true
	}
	if IsRFC3339(s) {
		return true
	}
	m := isoExtended().FindStringSubmatch(s)
	if m == nil {
		m = isoBasic().FindStringSubmatch(s)
	}
	if m == nil {
		return false
	}
	layout := "%Y%m%d"
	value := m[1] + m[2] + m[3]
	if m[4] != "" {
		layout += "%H%M"
		value += m[4] + m[5]
		if m[6] != "" {
			layout += "%S"
			value += m[6]
		}
	}
	if m[8] != "" && m[8] != "Z" {
		off := strings.ReplaceAll(m[8], ":", "")
		if len(off) == 5 && (off[3:] > "59") {
			return false
		}
		if off[1:3] > "23" {
			return false
		}
	}
	if m[4] != "" {
		return ValidateDateTime(value, layout) == nil
	}
	return ValidateDate(value, layout) == nil
}

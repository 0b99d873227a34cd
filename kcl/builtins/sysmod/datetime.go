package sysmod

import (
	"fmt"
	"strconv"
	"time"

	"github.com/kclx-dev/kclx/kcl/builtins/sysmod/chrono"
)

// This file implements the `datetime` system module. The clock is a
// parameter so that hosts and tests can fix it.

// DefaultNowFormat is datetime.now's default format (ctime-like).
const DefaultNowFormat = "%a %b %d %H:%M:%S %Y"

// DatetimeTicks implements datetime.ticks(): whole seconds since the epoch
// as a float (upstream drops the fraction).
func DatetimeTicks(now time.Time) float64 { return float64(now.Unix()) }

// DatetimeDate implements datetime.date(): "%Y-%m-%d %H:%M:%S".
func DatetimeDate(now time.Time) string {
	s, _ := chrono.Format(now, "%Y-%m-%d %H:%M:%S")
	return s
}

// DatetimeToday implements datetime.today(): "%Y-%m-%d %H:%M:%S" followed
// by "." and the Unix timestamp in seconds.
func DatetimeToday(now time.Time) string {
	return DatetimeDate(now) + "." + strconv.FormatInt(now.Unix(), 10)
}

// DatetimeNow implements datetime.now(format=DefaultNowFormat).
func DatetimeNow(now time.Time, format string) (string, error) {
	s, err := chrono.Format(now, format)
	if err != nil {
		return "", fmt.Errorf("%s", err)
	}
	return s, nil
}

// DatetimeValidate implements datetime.validate(date, format).
func DatetimeValidate(date, format string) bool { return chrono.Validate(date, format) }

// DatetimeIsRFC3339 implements datetime.is_rfc3339(date).
func DatetimeIsRFC3339(date string) bool { return chrono.IsRFC3339(date) }

// DatetimeIsISO8601 implements datetime.is_iso8601(date).
func DatetimeIsISO8601(date string) bool { return chrono.IsISO8601(date) }

package sysmod

import "strconv"

// This file implements the `units` system module: the to_<suffix>
// functions, the multiplier constants and the NumberMultiplier pattern.

// UnitSuffixes lists the suffixes of the to_<suffix> functions in upstream
// order (there is no to_k).
var UnitSuffixes = []string{"n", "u", "m", "K", "M", "G", "T", "P", "Ki", "Mi", "Gi", "Ti", "Pi"}

// unitDivisor is the value of one unit of each suffix.
var unitDivisor = map[string]float64{
	"n": 1e-09, "u": 1e-06, "m": 0.001,
	"k": 1_000, "K": 1_000, "M": 1_000_000, "G": 1_000_000_000, "T": 1_000_000_000_000, "P": 1_000_000_000_000_000,
	"Ki": 1024, "Mi": 1024 * 1024, "Gi": 1024 * 1024 * 1024,
	"Ti": 1024 * 1024 * 1024 * 1024, "Pi": 1024 * 1024 * 1024 * 1024 * 1024,
}

// ToUnit implements units.to_<suffix>(num): the number of whole units
// (truncated toward zero, saturating like Rust's `as i64`) followed by the
// suffix, e.g. ToUnit(1024, "Ki") == "1Ki".
func ToUnit(num float64, suffix string) string {
	return strconv.FormatInt(rustF64ToI64(num/unitDivisor[suffix]), 10) + suffix
}

// UnitConstant is one of the module's multiplier constants: an int, except
// n, u and m, which are floats.
type UnitConstant struct {
	Name  string
	IsInt bool
	Int   int64
	Float float64
}

// UnitConstants lists the units module's constants in upstream order.
var UnitConstants = []UnitConstant{
	{Name: "n", Float: 1e-09},
	{Name: "u", Float: 1e-06},
	{Name: "m", Float: 0.001},
	{Name: "k", IsInt: true, Int: 1_000},
	{Name: "K", IsInt: true, Int: 1_000},
	{Name: "M", IsInt: true, Int: 1_000_000},
	{Name: "G", IsInt: true, Int: 1_000_000_000},
	{Name: "T", IsInt: true, Int: 1_000_000_000_000},
	{Name: "P", IsInt: true, Int: 1_000_000_000_000_000},
	{Name: "Ki", IsInt: true, Int: 1 << 10},
	{Name: "Mi", IsInt: true, Int: 1 << 20},
	{Name: "Gi", IsInt: true, Int: 1 << 30},
	{Name: "Ti", IsInt: true, Int: 1 << 40},
	{Name: "Pi", IsInt: true, Int: 1 << 50},
}

// NumberMultiplierPattern is the pattern of the units.NumberMultiplier
// type: a positive integer with a unit suffix.
const NumberMultiplierPattern = `^([1-9][0-9]{0,63})(E|P|T|G|M|K|k|m|u|n|Ei|Pi|Ti|Gi|Mi|Ki)$`

// parseRustFloat parses a decimal float the way Rust's f64::from_str does
// (no surrounding blanks, no hex or underscores; inf/nan words allowed).
func parseRustFloat(s string) (float64, error) {
	return strconv.ParseFloat(s, 64)
}

package linter

import (
	"fmt"
	"sort"

	"github.com/BurntSushi/toml"
)

// Config selects rules and severities. It is read from the [lint] table
// of kcl.mod or from a TOML file with the same keys at top level:
//
//	[lint]
//	disable = ["naming"]            # rule ids
//	enable = ["naming"]             # turn on rules that are off by default
//	[lint.severity]
//	unused-variable = "error"       # off | info | warning | error
type Config struct {
	Disable  []string
	Enable   []string
	Severity map[string]Severity
}

func (c *Config) severity(r *Rule) Severity {
	if s, ok := c.Severity[r.ID]; ok {
		return s
	}
	for _, d := range c.Disable {
		if d == r.ID || d == "*" {
			return Off
		}
	}
	if r.Default == Off {
		for _, e := range c.Enable {
			if e == r.ID {
				return Warning
			}
		}
	}
	return r.Default
}

// ConfigFromMap builds a Config from a decoded TOML table (the [lint]
// table of kcl.mod, or a whole lint configuration file).
func ConfigFromMap(m map[string]any) (*Config, error) {
	c := &Config{Severity: map[string]Severity{}}
	if m == nil {
		return c, nil
	}
	strs := func(key string) ([]string, error) {
		v, ok := m[key]
		if !ok {
			return nil, nil
		}
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("lint.%s: want a list of rule ids", key)
		}
		var out []string
		for _, x := range list {
			s, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("lint.%s: want a list of rule ids", key)
			}
			if s != "*" && lookupRule(s) == nil {
				return nil, fmt.Errorf("lint.%s: unknown rule %q", key, s)
			}
			out = append(out, s)
		}
		return out, nil
	}
	var err error
	if c.Disable, err = strs("disable"); err != nil {
		return nil, err
	}
	if c.Enable, err = strs("enable"); err != nil {
		return nil, err
	}
	if sv, ok := m["severity"]; ok {
		tab, ok := sv.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("lint.severity: want a table of rule = severity")
		}
		keys := make([]string, 0, len(tab))
		for k := range tab {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if lookupRule(k) == nil {
				return nil, fmt.Errorf("lint.severity: unknown rule %q", k)
			}
			s, _ := tab[k].(string)
			sev, err := ParseSeverity(s)
			if err != nil {
				return nil, fmt.Errorf("lint.severity.%s: %v", k, err)
			}
			c.Severity[k] = sev
		}
	}
	return c, nil
}

// ParseConfigFile parses a lint configuration file (TOML; the keys may
// be at top level or under [lint]).
func ParseConfigFile(src []byte) (*Config, error) {
	m := map[string]any{}
	if _, err := toml.Decode(string(src), &m); err != nil {
		return nil, err
	}
	if l, ok := m["lint"].(map[string]any); ok {
		return ConfigFromMap(l)
	}
	return ConfigFromMap(m)
}

package sema

import "strings"

// docString is a parsed schema doc string: a summary and per-attribute
// descriptions from an "Attributes" section written in numpydoc style:
//
//	Attributes
//	----------
//	name : str, required
//	    The name.
type docString struct {
	Summary string
	Attrs   map[string]string
}

func parseDoc(doc string) docString {
	d := docString{Attrs: map[string]string{}}
	lines := strings.Split(strings.ReplaceAll(doc, "\r\n", "\n"), "\n")
	lines = dedentLines(lines)
	// Summary: the text before the first section header or blank line
	// after text.
	var summary []string
	i := 0
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			if len(summary) > 0 {
				break
			}
			continue
		}
		if i+1 < len(lines) && isUnderline(lines[i+1]) {
			break
		}
		summary = append(summary, l)
	}
	d.Summary = strings.Join(summary, "\n")
	// Attributes section.
	for i = 0; i+1 < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "Attributes" && isUnderline(lines[i+1]) {
			break
		}
	}
	if i+1 >= len(lines) {
		return d
	}
	var name string
	var desc []string
	flush := func() {
		if name != "" {
			d.Attrs[name] = strings.Join(desc, "\n")
		}
		name, desc = "", nil
	}
	for j := i + 2; j < len(lines); j++ {
		raw := lines[j]
		l := strings.TrimSpace(raw)
		if j+1 < len(lines) && isUnderline(lines[j+1]) {
			break // next section
		}
		if l == "" {
			continue
		}
		if !strings.HasPrefix(raw, " ") && !strings.HasPrefix(raw, "\t") {
			flush()
			n, _, _ := strings.Cut(l, ":")
			name = strings.TrimSpace(n)
			continue
		}
		desc = append(desc, l)
	}
	flush()
	return d
}

func isUnderline(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) >= 3 && strings.Trim(s, "-") == ""
}

// dedentLines removes the common indentation of the non-blank lines after
// the first.
func dedentLines(lines []string) []string {
	common := -1
	for i, l := range lines {
		if i == 0 || strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	if common <= 0 {
		return lines
	}
	out := lines // in place: each line is read before it is replaced
	for i, l := range lines {
		if i > 0 && len(l) >= common {
			out[i] = l[common:]
		} else {
			out[i] = strings.TrimLeft(l, " \t")
		}
	}
	return out
}

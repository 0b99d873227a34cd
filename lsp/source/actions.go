package source

// CodeAction is a quick fix: a title and its edits per file.
type CodeAction struct {
	Title string
	Edits map[string][]Edit
}

// QuickFixes returns the fixes for a diagnostic of path, given by its
// code, byte range and suggested replacements (the data the server
// attached to it): removing an unused or repeated import, replacing an
// undefined name by a suggestion.
func QuickFixes(path, code string, start, end int, suggestions []string) []CodeAction {
	switch code {
	case "UnusedImportWarning", "ReimportWarning":
		return []CodeAction{{Title: "Remove the import (" + code + ")", Edits: map[string][]Edit{path: {{Start: start, End: end}}}}}
	case "CompileError":
		var out []CodeAction
		for _, s := range suggestions {
			out = append(out, CodeAction{Title: "Replace with " + s, Edits: map[string][]Edit{path: {{Start: start, End: end, New: s}}}})
		}
		return out
	}
	return nil
}

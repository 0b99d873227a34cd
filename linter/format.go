package linter

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// JSONDiagnostic is the JSON form of a finding.
type JSONDiagnostic struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Severity  string `json:"severity"`
	Rule      string `json:"rule"`
	Message   string `json:"message"`
}

// relPath returns path relative to base when it is below it.
func relPath(base, path string) string {
	if base == "" || path == "" {
		return path
	}
	if r, err := filepath.Rel(base, path); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return path
}

// WriteText writes one line per finding: file:line:col: severity[rule]: message.
func WriteText(w io.Writer, ds []Diagnostic, base string) error {
	for _, d := range ds {
		loc := relPath(base, d.File)
		if loc == "" && d.Line == 0 && d.Severity == Info {
			if _, err := fmt.Fprintf(w, "note: %s\n", d.Message); err != nil {
				return err
			}
			continue
		}
		if loc == "" {
			loc = "-"
		}
		if d.Line > 0 {
			loc += fmt.Sprintf(":%d:%d", d.Line, d.Column)
		}
		label := d.Rule
		if d.Kind.String() != d.Rule && !d.Kind.IsWarning() && lookupRule(d.Rule) == nil {
			label = d.Kind.String()
			if d.Rule != "" && d.Rule != "syntax" {
				label += ", " + d.Rule
			}
		}
		if _, err := fmt.Fprintf(w, "%s: %s[%s]: %s\n", loc, d.Severity, label, d.Message); err != nil {
			return err
		}
		for _, n := range d.Notes {
			fmt.Fprintf(w, "    note: %s\n", n)
		}
	}
	return nil
}

// ToJSON converts findings to their JSON form.
func ToJSON(ds []Diagnostic, base string) []JSONDiagnostic {
	out := make([]JSONDiagnostic, 0, len(ds))
	for _, d := range ds {
		out = append(out, JSONDiagnostic{
			File: relPath(base, d.File), Line: d.Line, Column: d.Column, EndLine: d.EndLine, EndColumn: d.EndColumn,
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message,
		})
	}
	return out
}

// WriteJSON writes the findings as a JSON array.
func WriteJSON(w io.Writer, ds []Diagnostic, base string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(ToJSON(ds, base))
}

// WriteSARIF writes the findings as a SARIF 2.1.0 log.
func WriteSARIF(w io.Writer, ds []Diagnostic, base, version string) error {
	type msg struct {
		Text string `json:"text"`
	}
	type region struct {
		StartLine   int `json:"startLine,omitempty"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	type artifact struct {
		URI string `json:"uri"`
	}
	type physical struct {
		ArtifactLocation artifact `json:"artifactLocation"`
		Region           *region  `json:"region,omitempty"`
	}
	type location struct {
		PhysicalLocation physical `json:"physicalLocation"`
	}
	type result struct {
		RuleID    string     `json:"ruleId"`
		Level     string     `json:"level"`
		Message   msg        `json:"message"`
		Locations []location `json:"locations,omitempty"`
	}
	type ruleDesc struct {
		ID               string `json:"id"`
		ShortDescription msg    `json:"shortDescription"`
		DefaultConfig    struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	type driver struct {
		Name           string     `json:"name"`
		Version        string     `json:"version,omitempty"`
		InformationURI string     `json:"informationUri,omitempty"`
		Rules          []ruleDesc `json:"rules"`
	}
	type run struct {
		Tool struct {
			Driver driver `json:"driver"`
		} `json:"tool"`
		Results []result `json:"results"`
	}
	level := func(s Severity) string {
		switch s {
		case Error:
			return "error"
		case Warning:
			return "warning"
		}
		return "note"
	}
	var r run
	r.Tool.Driver = driver{Name: "kclx-lint", Version: version}
	for _, rl := range Rules() {
		rd := ruleDesc{ID: rl.ID, ShortDescription: msg{rl.Doc}}
		rd.DefaultConfig.Level = level(rl.Default)
		r.Tool.Driver.Rules = append(r.Tool.Driver.Rules, rd)
	}
	r.Results = []result{}
	for _, d := range ds {
		res := result{RuleID: d.Rule, Level: level(d.Severity), Message: msg{d.Message}}
		if d.File != "" {
			loc := location{PhysicalLocation: physical{ArtifactLocation: artifact{URI: filepath.ToSlash(relPath(base, d.File))}}}
			if d.Line > 0 {
				loc.PhysicalLocation.Region = &region{StartLine: d.Line, StartColumn: d.Column, EndLine: d.EndLine, EndColumn: d.EndColumn}
			}
			res.Locations = []location{loc}
		}
		r.Results = append(r.Results, res)
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs":    []run{r},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

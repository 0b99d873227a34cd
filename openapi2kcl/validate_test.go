package openapi2kcl

import (
	"strings"
	"testing"
)

// The validator gets a copy of the document whose reference-only schemas
// under "paths" are stubbed; these cases check the verdict is unchanged.
func TestValidatePaths(t *testing.T) {
	const head = `{"swagger": "2.0", "info": {"title": "t", "version": "1"},
 "definitions": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}},
 "paths": {"/pets": {"get": {"responses": {"200": {"description": "ok", "schema": `
	const tail = `}}}}}}`
	tests := []struct {
		name, schema, wantErr string
	}{
		{"ref", `{"$ref": "#/definitions/Pet"}`, ""},
		{"array of refs", `{"type": "array", "items": {"$ref": "#/definitions/Pet"}}`, ""},
		{"inline", `{"type": "object", "properties": {"a": {"$ref": "#/definitions/Pet"}}}`, ""},
		{"missing ref", `{"$ref": "#/definitions/Cat"}`, "/paths/~1pets/get/responses/200/schema/$ref"},
		{"missing nested ref", `{"type": "array", "items": {"$ref": "#/definitions/Cat"}}`, "/paths/~1pets/get/responses/200/schema/items/$ref"},
		{"bad inline type", `{"type": "array"}`, "items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := head + tt.schema + tail
			out, err := FromOpenAPI("api.json", []byte(src), Options{})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr == "" && out["pet.k"] == nil:
				t.Fatalf("no pet.k in %v", keys(out))
			case tt.wantErr != "" && err == nil:
				t.Fatalf("want an error mentioning %q", tt.wantErr)
			case tt.wantErr != "" && (!strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "api.json")):
				t.Fatalf("error %q does not name the file and %q", err, tt.wantErr)
			}
		})
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// Definitions whose names end alike would all become one schema name in
// the models package; they are renamed after the shortest distinguishing
// tail of their names, references follow, and a warning says so.
func TestDisambiguate(t *testing.T) {
	src := `{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
 "definitions": {
  "io.a.v1.Ref": {"type": "object", "properties": {"x": {"type": "string"}}},
  "io.b.v1.Ref": {"type": "object", "properties": {"y": {"type": "string"}}},
  "io.b.v1.Other": {"type": "object", "properties": {"ref": {"$ref": "#/definitions/io.b.v1.Ref"}}},
  "io.c.v1.Other": {"type": "string"}
 }}`
	var warnings []string
	out, err := FromOpenAPI("api.json", []byte(src), Options{Warn: func(m string) { warnings = append(warnings, m) }})
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]string{
		"ioa_v1_ref.k":   "schema AV1Ref:",
		"iob_v1_ref.k":   "schema BV1Ref:",
		"iob_v1_other.k": "ref?: BV1Ref",
	}
	for p, want := range checks {
		if !strings.Contains(string(out[p]), want) {
			t.Errorf("%s lacks %q:\n%s (files %v)", p, want, out[p], keys(out))
		}
	}
	if !strings.Contains(string(out["iob_v1_other.k"]), "schema Other:") {
		t.Errorf("Other was renamed though io.c.v1.Other is no schema")
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "io.a.v1.Ref -> AV1Ref") || !strings.Contains(warnings[0], "api.json") {
		t.Errorf("warnings = %q", warnings)
	}
}

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

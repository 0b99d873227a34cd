package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kclx-dev/kclx/openapi2kcl"
	"github.com/kclx-dev/kclx/x2kcl"
)

// importOptions are the flags of `kclx import`.
type importOptions struct {
	mode           string
	output         string
	pkg            string
	force          bool
	skipValidation bool
	sortProperties bool
	recursive      bool
	stderr         io.Writer // warnings
}

// warn prints a converter warning.
func (o *importOptions) warn(msg string) {
	if o.stderr != nil {
		fmt.Fprintf(o.stderr, "kclx: warning: %s\n", msg)
	}
}

func newImportCmd() *cobra.Command {
	o := &importOptions{}
	cmd := &cobra.Command{
		Use:   "import [flags] FILE|DIR|GLOB...",
		Short: "Convert OpenAPI, CRD, JSON Schema, JSON, YAML, TOML, Terraform or protobuf files to KCL",
		Long: `Convert other formats to KCL.

Modes (-m):
  openapi          OpenAPI 3.x / Swagger 2.0 spec -> KCL schemas in a package folder
  crd              Kubernetes CustomResourceDefinitions -> KCL schemas, one folder per version
  jsonschema       JSON Schema -> KCL schemas in one file
  terraformschema  Terraform provider schema (terraform providers schema -json) -> KCL schemas
  json, yaml, toml data -> a KCL config
  auto             pick the mode from the file (default)

openapi and crd write into OUTPUT/PACKAGE (-o, default "."; -p, default
"models"). The other modes write NAME.k for each input NAME.ext into the
current folder, or into the file given with -o ("-" for standard output).
Existing files are never overwritten without --force, and nothing is
written when any input fails.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.stderr = cmd.ErrOrStderr()
			return o.run(cmd.OutOrStdout(), args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.mode, "mode", "m", "auto", "import mode: auto, openapi, crd, jsonschema, terraformschema, json, yaml, toml, proto")
	f.StringVarP(&o.output, "output", "o", "", `output file (data modes; "-" is standard output) or target folder (openapi, crd)`)
	f.StringVarP(&o.pkg, "package", "p", "models", "package folder of the generated models (openapi, crd)")
	f.BoolVarP(&o.force, "force", "f", false, "overwrite existing files")
	f.BoolVarP(&o.skipValidation, "skip-validation", "s", false, "do not validate the OpenAPI spec before generating")
	f.BoolVar(&o.sortProperties, "sort-properties", false, "write schema attributes in name order instead of spec order")
	f.BoolVarP(&o.recursive, "recursive", "r", false, "search folders given as input recursively")
	return cmd
}

// expandInputs turns FILE|DIR|GLOB arguments into a list of files.
func expandInputs(args []string, recursive bool) ([]string, error) {
	var files []string
	for _, a := range args {
		if strings.ContainsAny(a, "*?[") {
			if _, err := os.Stat(a); err != nil {
				m, err := filepath.Glob(a)
				if err != nil {
					return nil, fmt.Errorf("bad pattern %q: %v", a, err)
				}
				if len(m) == 0 {
					return nil, fmt.Errorf("%s: no file matches", a)
				}
				for _, p := range m {
					if st, err := os.Stat(p); err == nil && !st.IsDir() {
						files = append(files, p)
					}
				}
				continue
			}
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, errors.Unwrap(err))
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != a && !recursive {
					return filepath.SkipDir
				}
				return nil
			}
			found = append(found, p)
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	if len(files) == 0 {
		return nil, errors.New("no input files")
	}
	return files, nil
}

// detectMode picks the conversion mode of a file from its extension and,
// for .json, its content (as upstream's auto mode does).
func detectMode(file string, src []byte) (string, error) {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json":
		switch {
		case bytes.Contains(src, []byte("$schema")):
			return "jsonschema", nil
		case bytes.Contains(src, []byte(`"provider_schemas"`)):
			return "terraformschema", nil
		}
		return "json", nil
	case ".yaml", ".yml":
		return "yaml", nil
	case ".toml":
		return "toml", nil
	case ".proto":
		return "proto", nil
	}
	return "", fmt.Errorf("%s: cannot detect the import mode from the file name; use -m", file)
}

// output is one generated file: a path and its content.
type output struct {
	path string
	data []byte
}

func (o *importOptions) run(stdout io.Writer, args []string) error {
	mode := strings.ToLower(o.mode)
	switch mode {
	case "auto", "openapi", "crd", "jsonschema", "terraformschema", "json", "yaml", "toml", "proto":
	default:
		return fmt.Errorf("invalid mode %q (want auto, openapi, crd, jsonschema, terraformschema, json, yaml, toml or proto)", o.mode)
	}
	files, err := expandInputs(args, o.recursive)
	if err != nil {
		return err
	}
	if mode == "openapi" || mode == "crd" {
		return o.runModels(mode, files)
	}
	if o.output != "" && o.output != "-" && len(files) > 1 {
		return fmt.Errorf("-o %s names one output file but there are %d inputs", o.output, len(files))
	}
	var outs []output
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		m := mode
		if m == "auto" {
			if m, err = detectMode(file, src); err != nil {
				return err
			}
		}
		data, err := convertFile(m, file, src, o)
		if err != nil {
			return err
		}
		name := o.output
		if name == "" {
			base := filepath.Base(file)
			name = strings.TrimSuffix(base, filepath.Ext(base)) + ".k"
		}
		outs = append(outs, output{path: name, data: data})
	}
	if o.output == "-" {
		for _, out := range outs {
			if _, err := stdout.Write(out.data); err != nil {
				return err
			}
		}
		return nil
	}
	return writeOutputs(".", outs, o.force)
}

// convertFile runs a single-file converter.
func convertFile(mode, file string, src []byte, o *importOptions) ([]byte, error) {
	switch mode {
	case "json", "yaml", "toml":
		return x2kcl.DataFromSource(mode, file, src)
	case "jsonschema":
		data, err := openapi2kcl.FromJSONSchema(file, src, openapi2kcl.Options{SortProperties: o.sortProperties, Warn: o.warn})
		return data, err
	case "terraformschema":
		return x2kcl.TerraformSchema(file, src)
	case "proto":
		return x2kcl.Proto(file, src)
	case "openapi", "crd":
		return nil, fmt.Errorf("%s: mode %s writes a package; it cannot be detected automatically", file, mode)
	}
	return nil, fmt.Errorf("unknown mode %q", mode)
}

// runModels converts OpenAPI specs or CRDs into OUTPUT/PACKAGE.
func (o *importOptions) runModels(mode string, files []string) error {
	target := o.output
	if target == "" {
		target = "."
	}
	if target == "-" {
		return fmt.Errorf("mode %s writes a package folder; -o - is not supported", mode)
	}
	opts := openapi2kcl.Options{
		SkipValidation: o.skipValidation,
		SortProperties: o.sortProperties,
		Package:        filepath.ToSlash(o.pkg),
		Warn:           o.warn,
	}
	from := map[string]string{} // output path -> the input that produced it
	all := map[string][]byte{}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		var gen map[string][]byte
		if mode == "crd" {
			gen, err = openapi2kcl.FromCRD(file, src, opts)
		} else {
			gen, err = openapi2kcl.FromOpenAPI(file, src, opts)
		}
		if err != nil {
			return err
		}
		for p, d := range gen {
			if prev, ok := all[p]; ok && !bytes.Equal(prev, d) {
				o.warn(fmt.Sprintf("%s: %s replaces the one generated from %s", file, p, from[p]))
			}
			all[p], from[p] = d, file
		}
	}
	if mode == "crd" {
		all = openapi2kcl.GroupByVersion(all, opts.Package)
	}
	outs := make([]output, 0, len(all))
	for p, d := range all {
		outs = append(outs, output{path: filepath.Join(o.pkg, filepath.FromSlash(p)), data: d})
	}
	sort.Slice(outs, func(i, j int) bool { return outs[i].path < outs[j].path })
	return writeOutputs(target, outs, o.force)
}

// writeOutputs writes files below root all or nothing: it refuses to
// overwrite an existing file unless force is set, writes everything into a
// temporary folder inside root first and then moves each file into place.
func writeOutputs(root string, outs []output, force bool) error {
	if !force {
		for _, out := range outs {
			p := filepath.Join(root, out.path)
			if _, err := os.Lstat(p); err == nil {
				return fmt.Errorf("output file already exists, use --force to overwrite: %s", p)
			}
		}
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(root, ".kclx-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for i, out := range outs {
		p := filepath.Join(tmp, fmt.Sprint(i))
		if err := os.WriteFile(p, out.data, 0o644); err != nil {
			return err
		}
	}
	for i, out := range outs {
		dst := filepath.Join(root, out.path)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if st, err := os.Stat(dst); err == nil && st.IsDir() {
			return fmt.Errorf("cannot write %s: it is a folder", dst)
		}
		if err := os.Rename(filepath.Join(tmp, fmt.Sprint(i)), dst); err != nil {
			return err
		}
	}
	return nil
}

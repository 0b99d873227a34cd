// Package sysmod implements KCL's system modules, the packages a program
// reaches with `import regex`, `import net`, `import yaml` and so on:
// base64, base32, net, manifests, math, datetime, regex, yaml, json,
// crypto, units, collection, file, template and runtime.
//
// Importing the package (for its side effect) registers every module
// function and constant with the builtins registry
// (builtins.RegisterModule), with upstream's parameter names, defaults,
// return types and error messages:
//
//	import _ "github.com/kclx-dev/kclx/kcl/builtins/sysmod"
//
// # Layout
//
// The algorithms work on plain Go types and are tested on their own:
//
//	regex.go     fancy_regex semantics on top of regexp2 (look-around,
//	             backreferences, Rust group numbering and `$` rules,
//	             Rust-style replacement templates, findall/split quirks)
//	net.go       IP parsing and predicates as Rust's std::net, CIDR
//	             arithmetic and error texts as the Rust cidr crate
//	math.go      the math functions (Rust float-to-int conversions)
//	datetime.go  the datetime functions over package chrono
//	crypto.go    md5/sha*/blake3 digests, file digests, UUID v4
//	encoding.go  text encodings, base64 and base32
//	units.go     to_<suffix>, the unit constants, NumberMultiplier
//	file.go      the file module over the FileSystem interface, with
//	             Rust io::Error texts and Rust glob-crate semantics
//	memfs.go     MemFS, an in-memory FileSystem (also a builtins.FS)
//	union.go     `|` union for collection.union_all without an evaluator,
//	             RFC 7396 merge patch for json.merge
//
// Sub-packages: chrono (strftime formatting and parsing as the Rust chrono
// crate) and handlebars (the template engine of template.execute).
//
// The register*.go files adapt these to KCL values: argument lookup by
// position or keyword, conversion, and wrapping failures as
// *value.Error (EvaluationError unless upstream reports another kind).
// Functions that need the running evaluation use the hooks of
// builtins.Context: FS (file, crypto.file*, json/yaml dump_to_file),
// SetStream (manifests.yaml_stream), Catch (runtime.catch), Union
// (collection.union_all), Now (datetime), Getenv (file.read_env),
// ModRoot/WorkDir/CurrentFile (file.modpath/workdir/current).
//
// # Dependencies
//
// Standard library, kcl/value, kcl/builtins, kcl/loader (MemFS shares
// its in-memory file info), github.com/dlclark/regexp2 and
// lukechampine.com/blake3. Files reach the outside world only through
// the FileSystem / builtins.FS interfaces passed in by the host: this
// package must not import os, os/exec, io/ioutil, net, net/http or syscall,
// nor any tool package (formatter, linter, lsp, deploy, cmd), nor
// kcl/eval (the evaluator imports the registry, not the other way round).
package sysmod

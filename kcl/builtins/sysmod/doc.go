// Package sysmod implements KCL's system modules (the packages a program
// reaches with `import regex`, `import net`, `import yaml`, ...): base64,
// base32, net, manifests, math, datetime, regex, yaml, json, crypto, units,
// collection, file, template and runtime.
//
// The algorithms are written on plain Go types so that they can be tested
// without an evaluator; the module functions that KCL programs call are
// thin adapters that convert runtime values, apply upstream's argument names
// and defaults, and report upstream's error messages.
//
// Files reach the outside world only through the FileSystem interface the
// evaluator passes in; this package must not import os, os/exec, io/ioutil,
// net, net/http or syscall, nor any tool package (formatter, linter, lsp,
// deploy, cmd).
package sysmod

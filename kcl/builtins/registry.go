package builtins

import (
	"fmt"
	"io"
	"io/fs"
	"sort"
	"sync"
	"time"

	"github.com/kclx-dev/kclx/kcl/value"
)

// Func is the Go implementation of a builtin or system-module function.
// args are the positional arguments, kwargs the keyword arguments in call
// order (never nil; possibly empty). Return value.None for "no result".
// Errors should be *value.Error (use value.Errorf / value.EvalErrorf);
// other errors are reported as EvaluationError with their message. A Func
// must not panic on bad input; the evaluator recovers panics anyway and
// reports them as EvaluationError.
type Func func(ctx *Context, args []value.Value, kwargs *value.Dict) (value.Value, error)

// Member is one member of a system module: a function (Func set) or a
// constant (Value set).
type Member struct {
	Func  Func
	Value value.Value
	// Params optionally names the parameters in order, for documentation
	// and for binding keyword arguments with Bind.
	Params []string
}

// Module is a registered system module.
type Module struct {
	Name    string
	Members map[string]Member
}

var (
	regMu   sync.RWMutex
	modules = map[string]*Module{}
)

// RegisterModule registers (or extends) the system module name with
// members. It is meant to be called from init functions of
// kcl/builtins/sysmod; registering a member twice replaces it.
func RegisterModule(name string, members map[string]Member) {
	regMu.Lock()
	defer regMu.Unlock()
	m := modules[name]
	if m == nil {
		m = &Module{Name: name, Members: map[string]Member{}}
		modules[name] = m
	}
	for k, v := range members {
		m.Members[k] = v
	}
}

// LookupModule returns the registered system module name.
func LookupModule(name string) (*Module, bool) {
	regMu.RLock()
	defer regMu.RUnlock()
	m, ok := modules[name]
	return m, ok
}

// ModuleNames returns the names of the registered system modules, sorted.
func ModuleNames() []string {
	regMu.RLock()
	defer regMu.RUnlock()
	names := make([]string, 0, len(modules))
	for n := range modules {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// SystemModuleNames lists the names upstream treats as system modules
// (importable with `import NAME`), whether or not a Go implementation is
// registered yet.
var SystemModuleNames = []string{
	"base64", "base32", "net", "manifests", "math", "datetime", "regex", "yaml",
	"json", "crypto", "units", "collection", "file", "template", "runtime",
}

// IsSystemModule reports whether name is one of upstream's system modules.
func IsSystemModule(name string) bool {
	for _, n := range SystemModuleNames {
		if n == name {
			return true
		}
	}
	return false
}

// FS is the file access the evaluator and the `file`, `crypto` and `yaml`/
// `json` dump functions use. kcl/ never touches the OS directly: the CLI
// passes an OS-backed implementation, tests and the language server pass
// in-memory ones. Paths are as written by the program (relative paths are
// relative to the working directory; the implementation resolves them).
type FS interface {
	ReadFile(name string) ([]byte, error)
	WriteFile(name string, data []byte) error
	AppendFile(name string, data []byte) error
	Stat(name string) (fs.FileInfo, error)
	Glob(pattern string) ([]string, error)
	// Mkdir creates a directory; with parents it creates missing parents
	// and does not fail when the directory exists.
	Mkdir(name string, parents bool) error
	// Remove deletes a file or an (empty or not) directory tree.
	Remove(name string) error
	Rename(from, to string) error
	// Abs returns an absolute, cleaned form of name.
	Abs(name string) (string, error)
}

// Context is what builtin and system-module functions get from the running
// evaluation. All fields may be zero: functions must cope (e.g. report "file
// access is not available" when FS is nil).
type Context struct {
	FS      FS        // file access (nil: none)
	Stdout  io.Writer // where print() writes (nil: discarded)
	WorkDir string    // absolute working directory (file.workdir())
	ModRoot string    // root of the main module: folder of kcl.mod, else of the main file
	// CurrentFile is the absolute path of the file whose code is running
	// (file.current()).
	CurrentFile string
	// Getenv reads an environment variable (file.read_env); nil: none set.
	Getenv func(key string) (string, bool)
	// Now returns the current time (datetime); nil means time.Now.
	Now func() time.Time
	// SetOutput is deprecated; use SetStream.
	SetOutput func(docs string)
	// SetStream replaces the program's output with a YAML stream of the
	// values (manifests.yaml_stream); opts and sep are the stream options.
	SetStream func(values []value.Value, opts value.EncodeOptions, sep string)
	// Option looks up a top-level argument (option()).
	Option func(key string) (value.Value, bool)
	// Union merges two values with KCL's `|` semantics (collection).
	Union func(a, b value.Value) value.Value
	// Call invokes a KCL function value (runtime.catch, reduce, ...).
	Call func(fn value.Value, args []value.Value, kwargs *value.Dict) (value.Value, error)
	// Catch runs fn and returns the message of the evaluation error it
	// raised, if any (runtime.catch).
	Catch func(fn value.Value) (msg string, failed bool, err error)
	// Options are the evaluation settings builtins may consult.
	Options *Settings
}

// Settings are run settings visible to builtins.
type Settings struct {
	StrictRangeCheck bool
	Debug            bool
	DisableNone      bool
	SortKeys         bool
	ShowHidden       bool
	// MaxItems bounds the size of lists built by builtins (range); 0
	// means MaxRangeItems.
	MaxItems int
}

// Time returns ctx.Now() or time.Now().
func (c *Context) Time() time.Time {
	if c != nil && c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Printf writes to Stdout when set.
func (c *Context) Printf(format string, args ...any) {
	if c != nil && c.Stdout != nil {
		fmt.Fprintf(c.Stdout, format, args...)
	}
}

// Arg returns argument i (positional) or the keyword argument name,
// whichever is given, and whether one was given. Undefined counts as not
// given.
func Arg(args []value.Value, kwargs *value.Dict, i int, name string) (value.Value, bool) {
	if i >= 0 && i < len(args) && !value.IsUndefined(args[i]) {
		return args[i], true
	}
	if kwargs != nil && name != "" {
		if v, ok := kwargs.Get(name); ok && !value.IsUndefined(v) {
			return v, true
		}
	}
	return nil, false
}

// StrArg returns argument i/name as a string; ok is false when it is
// missing. A non-string argument is an error.
func StrArg(fn string, args []value.Value, kwargs *value.Dict, i int, name string) (s string, ok bool, err error) {
	v, ok := Arg(args, kwargs, i, name)
	if !ok {
		return "", false, nil
	}
	if s, isStr := v.(value.Str); isStr {
		return string(s), true, nil
	}
	return "", true, value.EvalErrorf("%s() argument '%s' must be str, not %s", fn, name, value.TypeName(v))
}

// BoolArg returns argument i/name as a bool (truthiness), or def.
func BoolArg(args []value.Value, kwargs *value.Dict, i int, name string, def bool) bool {
	v, ok := Arg(args, kwargs, i, name)
	if !ok {
		return def
	}
	return value.Truthy(v)
}

// IntArg returns argument i/name as an int64, or def when missing.
func IntArg(fn string, args []value.Value, kwargs *value.Dict, i int, name string, def int64) (int64, error) {
	v, ok := Arg(args, kwargs, i, name)
	if !ok || v == value.None {
		return def, nil
	}
	if n, ok := value.AsInt(v); ok {
		return n, nil
	}
	return 0, value.EvalErrorf("%s() argument '%s' must be int, not %s", fn, name, value.TypeName(v))
}

package eval

// The system modules register themselves with kcl/builtins when linked.
import _ "github.com/kclx-dev/kclx/kcl/builtins/sysmod"

package builtins

import (
	"github.com/kclx-dev/kclx/kcl/value"
)

// RunDecorator applies decorator name (deprecated or info) to target (an
// attribute name, or a schema name when isSchema). configHas reports
// whether the instance config sets the attribute. It returns a warning
// message for a non-strict deprecation, or an error for a strict one and
// for unknown decorators.
func RunDecorator(name string, args []value.Value, kwargs *value.Dict, target string, isSchema, configHas bool) (warning string, err error) {
	switch name {
	case "deprecated":
		version, _, _ := StrArg("deprecated", args, kwargs, 0, "version")
		reason, _, _ := StrArg("deprecated", args, kwargs, 1, "reason")
		strict := BoolArg(args, kwargs, 2, "strict", true)
		msg := ""
		if version != "" {
			msg += "since version " + version
		}
		if reason != "" {
			msg += ", " + reason
		}
		full := target + " was deprecated " + msg
		if strict {
			if isSchema || configHas {
				return "", value.Errorf(value.EvaluationError, "%s", full)
			}
			return "", nil
		}
		if isSchema || configHas {
			return full, nil
		}
		return "", nil
	case "info":
		return "", nil
	}
	return "", value.EvalErrorf("Unknown decorator %s", name)
}

package sysmod

import (
	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/value"
)

// pathArg reads a path argument named name with upstream's missing-argument
// message.
func pathArg(c call, i int, name, missing string) (string, error) {
	return c.mustStr(i, name, missing)
}

func registerFile() {
	oneArg := func(fn string) string { return fn + "() takes exactly one argument (0 given)" }
	builtins.RegisterModule("file", map[string]builtins.Member{
		"read": fn("read", []string{"filepath"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			p, err := pathArg(c, 0, "filepath", oneArg("read"))
			if err != nil {
				return nil, err
			}
			s, err := FileRead(contextFS(ctx), p)
			return value.Str(s), err
		}),
		"readbase64": fn("readbase64", []string{"filepath"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			p, err := pathArg(c, 0, "filepath", oneArg("readbase64"))
			if err != nil {
				return nil, err
			}
			s, err := FileReadBase64(contextFS(ctx), p)
			return value.Str(s), err
		}),
		"glob": fn("glob", []string{"pattern"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			p, err := pathArg(c, 0, "pattern", "glob() takes exactly one argument (0 given)")
			if err != nil {
				return nil, err
			}
			paths, err := FileGlob(contextFS(ctx), p)
			if err != nil {
				return nil, err
			}
			return strList(paths), nil
		}),
		"modpath": fn("modpath", nil, func(ctx *builtins.Context, _ call) (value.Value, error) {
			if ctx == nil {
				return value.Str(""), nil
			}
			return value.Str(ctx.ModRoot), nil
		}),
		"workdir": fn("workdir", nil, func(ctx *builtins.Context, _ call) (value.Value, error) {
			if ctx == nil {
				return value.Str(""), nil
			}
			return value.Str(ctx.WorkDir), nil
		}),
		"current": fn("current", nil, func(ctx *builtins.Context, _ call) (value.Value, error) {
			if ctx == nil {
				return value.Str(""), nil
			}
			return value.Str(ctx.CurrentFile), nil
		}),
		"exists": fn("exists", []string{"filepath"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			p, err := pathArg(c, 0, "filepath", oneArg("read"))
			if err != nil {
				return nil, err
			}
			return value.Bool(FileExists(contextFS(ctx), p)), nil
		}),
		"abs": fn("abs", []string{"filepath"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			p, err := pathArg(c, 0, "filepath", oneArg("read"))
			if err != nil {
				return nil, err
			}
			s, err := FileAbs(contextFS(ctx), p)
			return value.Str(s), err
		}),
		"mkdir": fn("mkdir", []string{"directory", "exists"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			p, err := pathArg(c, 0, "directory", oneArg("mkdir"))
			if err != nil {
				return nil, err
			}
			return value.None, FileMkdir(contextFS(ctx), p, c.boolOpt(1, "exists", false))
		}),
		"delete": fn("delete", []string{"filepath"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			p, err := pathArg(c, 0, "filepath", oneArg("delete"))
			if err != nil {
				return nil, err
			}
			return value.None, FileDelete(contextFS(ctx), p)
		}),
		"cp": fn("cp", []string{"src", "dest"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			src, err := pathArg(c, 0, "src", "cp() missing 'src_path' argument")
			if err != nil {
				return nil, err
			}
			dest, err := pathArg(c, 1, "dest", "cp() missing 'dest_path' argument")
			if err != nil {
				return nil, err
			}
			return value.None, FileCopy(contextFS(ctx), src, dest)
		}),
		"mv": fn("mv", []string{"src", "dest"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			src, err := pathArg(c, 0, "src", "mv() missing 'src_path' argument")
			if err != nil {
				return nil, err
			}
			dest, err := pathArg(c, 1, "dest", "mv() missing 'dest_path' argument")
			if err != nil {
				return nil, err
			}
			return value.None, FileMove(contextFS(ctx), src, dest)
		}),
		"size": fn("size", []string{"filepath"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			p, err := pathArg(c, 0, "filepath", oneArg("size"))
			if err != nil {
				return nil, err
			}
			n, err := FileSize(contextFS(ctx), p)
			return value.Int(n), err
		}),
		"write": fn("write", []string{"filepath", "content"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			p, err := pathArg(c, 0, "filepath", "write() missing 'filepath' argument")
			if err != nil {
				return nil, err
			}
			content, err := pathArg(c, 1, "content", "write() missing 'content' argument")
			if err != nil {
				return nil, err
			}
			return value.None, FileWrite(contextFS(ctx), p, content)
		}),
		"append": fn("append", []string{"filepath", "content"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			p, err := pathArg(c, 0, "filepath", "append() requires 'filepath' argument")
			if err != nil {
				return nil, err
			}
			content, err := pathArg(c, 1, "content", "append() requires 'content' argument")
			if err != nil {
				return nil, err
			}
			return value.None, FileAppend(contextFS(ctx), p, content)
		}),
		"read_env": fn("read_env", []string{"key"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			key, err := pathArg(c, 0, "key", "read_env() requires 'key' argument")
			if err != nil {
				return nil, err
			}
			if ctx != nil && ctx.Getenv != nil {
				if v, ok := ctx.Getenv(key); ok {
					return value.Str(v), nil
				}
			}
			return value.Undefined, nil
		}),
	})
}

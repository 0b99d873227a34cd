package sysmod

import (
	"github.com/kclx-dev/kclx/kcl/builtins"
	"github.com/kclx-dev/kclx/kcl/value"
)

// encodingArg returns the optional `encoding` argument.
func encodingArg(c call, i int) (string, bool, error) {
	v, ok := c.arg(i, "encoding")
	if !ok || v == value.None {
		return "", false, nil
	}
	s, isStr := v.(value.Str)
	if !isStr {
		return "", false, value.EvalErrorf("%s() argument 'encoding' must be str, not %s", c.fn, value.TypeName(v))
	}
	return string(s), true, nil
}

func registerBase64() {
	builtins.RegisterModule("base64", map[string]builtins.Member{
		"encode": fn("encode", []string{"value", "encoding"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, err := c.mustStr(0, "value", "encode() missing 1 required positional argument: 'value'")
			if err != nil {
				return nil, err
			}
			enc, given, err := encodingArg(c, 1)
			if err != nil {
				return nil, err
			}
			out, err := Base64Encode(s, enc, given)
			return value.Str(out), err
		}),
		"decode": fn("decode", []string{"value"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, err := c.mustStr(0, "value", "decode() missing 1 required positional argument: 'value'")
			if err != nil {
				return nil, err
			}
			out, err := Base64Decode(s)
			return value.Str(out), err
		}),
	})
}

func registerBase32() {
	builtins.RegisterModule("base32", map[string]builtins.Member{
		"encode": fn("encode", []string{"value"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, err := c.mustStr(0, "value", "encode() missing 1 required positional argument: 'value'")
			if err != nil {
				return nil, err
			}
			return value.Str(Base32Encode(s)), nil
		}),
		"decode": fn("decode", []string{"value"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, err := c.mustStr(0, "value", "decode() missing 1 required positional argument: 'value'")
			if err != nil {
				return nil, err
			}
			out, ok := Base32Decode(s)
			if !ok {
				return value.None, nil
			}
			return value.Str(out), nil
		}),
	})
}

func registerCrypto() {
	members := map[string]builtins.Member{}
	for _, alg := range []string{"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake3"} {
		alg := alg
		members[alg] = fn(alg, []string{"value", "encoding"}, func(_ *builtins.Context, c call) (value.Value, error) {
			s, err := c.mustStr(0, "value", alg+"() missing 1 required positional argument: 'value'")
			if err != nil {
				return nil, err
			}
			enc, given, err := encodingArg(c, 1)
			if err != nil {
				return nil, err
			}
			out, err := HashText(alg, s, enc, given)
			return value.Str(out), err
		})
	}
	files := map[string]string{"filesha256": "sha256", "filesha512": "sha512", "fileblake3": "blake3"}
	for name, alg := range files {
		name, alg := name, alg
		members[name] = fn(name, []string{"filepath"}, func(ctx *builtins.Context, c call) (value.Value, error) {
			p, err := c.mustStr(0, "filepath", name+"() missing 1 required positional argument: 'filepath'")
			if err != nil {
				return nil, err
			}
			out, err := HashFile(contextFS(ctx), alg, p)
			return value.Str(out), err
		})
	}
	members["uuid"] = fn("uuid", nil, func(_ *builtins.Context, _ call) (value.Value, error) {
		u, err := UUIDv4(nil)
		return value.Str(u), err
	})
	builtins.RegisterModule("crypto", members)
}

package sysmod

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FileSystem is how the `file` module (and crypto.file*, json/yaml
// dump_to_file) reach files. Paths are passed through exactly as the KCL
// program wrote them; relative paths are relative to the working directory
// of the run, which is the implementation's business, as is any
// confinement (an implementation may refuse writes or paths outside the
// module with fs.ErrPermission). Errors should wrap fs.ErrNotExist,
// fs.ErrExist or fs.ErrPermission where they apply, so that messages match
// upstream's.
type FileSystem interface {
	// ReadFile returns the contents of a file.
	ReadFile(name string) ([]byte, error)
	// Stat describes a file, following symbolic links.
	Stat(name string) (fs.FileInfo, error)
	// ReadDir lists a directory sorted by name.
	ReadDir(name string) ([]fs.DirEntry, error)
	// Abs returns the canonical absolute path of an existing file, with
	// symbolic links resolved.
	Abs(name string) (string, error)
	// WriteFile creates or truncates a file and writes data.
	WriteFile(name string, data []byte) error
	// AppendFile appends data to a file, creating it when missing.
	AppendFile(name string, data []byte) error
	// MkdirAll creates a directory and any missing parents; it succeeds
	// when the directory exists already.
	MkdirAll(name string) error
	// RemoveFile removes a file that is not a directory.
	RemoveFile(name string) error
	// RemoveDir removes an empty directory.
	RemoveDir(name string) error
	// Rename moves a file or directory.
	Rename(oldname, newname string) error
}

var errNoFileSystem = errors.New("Operation not permitted (os error 1)")

// osErrnos maps Go's (lower-case) errno texts to Rust's io::Error display.
var osErrnos = map[string]string{
	"operation not permitted":           "Operation not permitted (os error 1)",
	"no such file or directory":         "No such file or directory (os error 2)",
	"permission denied":                 "Permission denied (os error 13)",
	"file exists":                       "File exists (os error 17)",
	"invalid cross-device link":         "Invalid cross-device link (os error 18)",
	"not a directory":                   "Not a directory (os error 20)",
	"is a directory":                    "Is a directory (os error 21)",
	"invalid argument":                  "Invalid argument (os error 22)",
	"no space left on device":           "No space left on device (os error 28)",
	"read-only file system":             "Read-only file system (os error 30)",
	"file name too long":                "File name too long (os error 36)",
	"directory not empty":               "Directory not empty (os error 39)",
	"too many levels of symbolic links": "Too many levels of symbolic links (os error 40)",
}

// ioErrorText renders a file-system error as Rust's std::io::Error does
// ("No such file or directory (os error 2)").
func ioErrorText(err error) string {
	inner := err
	for {
		next := errors.Unwrap(inner)
		if next == nil {
			break
		}
		inner = next
	}
	if text, ok := osErrnos[inner.Error()]; ok {
		return text
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return osErrnos["no such file or directory"]
	case errors.Is(err, fs.ErrExist):
		return osErrnos["file exists"]
	case errors.Is(err, fs.ErrPermission):
		return osErrnos["permission denied"]
	}
	msg := inner.Error()
	if r, size := utf8.DecodeRuneInString(msg); size > 0 {
		msg = string(unicode.ToUpper(r)) + msg[size:]
	}
	return msg
}

func needFS(fsys FileSystem) error {
	if fsys == nil {
		return errNoFileSystem
	}
	return nil
}

// FileRead implements file.read(filepath).
func FileRead(fsys FileSystem, name string) (string, error) {
	data, err := readFile(fsys, name)
	if err != nil {
		return "", fmt.Errorf("failed to access the file '%s': %s", name, ioErrorText(err))
	}
	if !utf8.Valid(data) {
		return "", fmt.Errorf("failed to access the file '%s': stream did not contain valid UTF-8", name)
	}
	return string(data), nil
}

func readFile(fsys FileSystem, name string) ([]byte, error) {
	if err := needFS(fsys); err != nil {
		return nil, err
	}
	return fsys.ReadFile(name)
}

// FileReadBase64 implements file.readbase64(filepath): the file's bytes,
// base64 encoded (standard alphabet, padded).
func FileReadBase64(fsys FileSystem, name string) (string, error) {
	data, err := readFile(fsys, name)
	if err != nil {
		return "", fmt.Errorf("failed to access the file '%s': %s", name, ioErrorText(err))
	}
	return base64.StdEncoding.EncodeToString(data), nil
}

// FileExists implements file.exists(filepath).
func FileExists(fsys FileSystem, name string) bool {
	if fsys == nil {
		return false
	}
	_, err := fsys.Stat(name)
	return err == nil
}

// FileAbs implements file.abs(filepath).
func FileAbs(fsys FileSystem, name string) (string, error) {
	if fsys != nil {
		if p, err := fsys.Abs(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("Could not get the absolute path of %s", name)
}

// FileMkdir implements file.mkdir(directory, exists=False); exists ignores
// an "already exists" failure.
func FileMkdir(fsys FileSystem, dir string, exists bool) error {
	err := needFS(fsys)
	if err == nil {
		err = fsys.MkdirAll(dir)
	}
	if err != nil {
		if exists && errors.Is(err, fs.ErrExist) {
			return nil
		}
		return fmt.Errorf("Failed to create directory '%s': %s", dir, ioErrorText(err))
	}
	return nil
}

// FileDelete implements file.delete(filepath): removes a file, or an empty
// directory when no such file exists.
func FileDelete(fsys FileSystem, name string) error {
	err := needFS(fsys)
	if err == nil {
		err = fsys.RemoveFile(name)
		if err != nil && errors.Is(err, fs.ErrNotExist) {
			err = fsys.RemoveDir(name)
		}
	}
	if err != nil {
		return fmt.Errorf("failed to delete '%s': %s", name, ioErrorText(err))
	}
	return nil
}

// FileCopy implements file.cp(src, dest): copies a file, or a directory
// recursively.
func FileCopy(fsys FileSystem, src, dest string) error {
	err := needFS(fsys)
	if err == nil {
		var info fs.FileInfo
		if info, err = fsys.Stat(src); err == nil && info.IsDir() {
			err = copyDir(fsys, src, dest)
		} else {
			err = copyFile(fsys, src, dest)
		}
	}
	if err != nil {
		return fmt.Errorf("Failed to copy from '%s' to '%s': %s", src, dest, ioErrorText(err))
	}
	return nil
}

func copyFile(fsys FileSystem, src, dest string) error {
	data, err := fsys.ReadFile(src)
	if err != nil {
		return err
	}
	return fsys.WriteFile(dest, data)
}

func copyDir(fsys FileSystem, src, dest string) error {
	if err := fsys.MkdirAll(dest); err != nil {
		return err
	}
	entries, err := fsys.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		from, to := joinPath(src, e.Name()), joinPath(dest, e.Name())
		if e.IsDir() {
			err = copyDir(fsys, from, to)
		} else {
			err = copyFile(fsys, from, to)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// joinPath joins with a slash, keeping the directory text as written.
func joinPath(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	if strings.HasSuffix(dir, "/") {
		return dir + name
	}
	return dir + "/" + name
}

// FileMove implements file.mv(src, dest).
func FileMove(fsys FileSystem, src, dest string) error {
	err := needFS(fsys)
	if err == nil {
		err = fsys.Rename(src, dest)
	}
	if err != nil {
		return fmt.Errorf("Failed to move '%s' to '%s': %s", src, dest, ioErrorText(err))
	}
	return nil
}

// FileSize implements file.size(filepath).
func FileSize(fsys FileSystem, name string) (int64, error) {
	err := needFS(fsys)
	var info fs.FileInfo
	if err == nil {
		info, err = fsys.Stat(name)
	}
	if err != nil {
		return 0, fmt.Errorf("failed to get size of '%s': %s", name, ioErrorText(err))
	}
	return info.Size(), nil
}

// FileWrite implements file.write(filepath, content).
func FileWrite(fsys FileSystem, name, content string) error {
	err := needFS(fsys)
	if err == nil {
		err = fsys.WriteFile(name, []byte(content))
	}
	if err != nil {
		return fmt.Errorf("Failed to create file '%s': %s", name, ioErrorText(err))
	}
	return nil
}

// FileAppend implements file.append(filepath, content).
func FileAppend(fsys FileSystem, name, content string) error {
	err := needFS(fsys)
	if err == nil {
		err = fsys.AppendFile(name, []byte(content))
	}
	if err != nil {
		return fmt.Errorf("Failed to open or create file '%s': %s", name, ioErrorText(err))
	}
	return nil
}

// DumpToFile writes encoded data for json.dump_to_file and
// yaml.dump_to_file.
func DumpToFile(fsys FileSystem, name, content string) error {
	err := needFS(fsys)
	if err == nil {
		err = fsys.WriteFile(name, []byte(content))
	}
	if err != nil {
		return fmt.Errorf("Unable to write file '%s': %s", name, ioErrorText(err))
	}
	return nil
}

// FileGlob implements file.glob(pattern) with the Rust glob crate's rules:
// `?` and `*` do not cross `/`, `**` as a whole component matches any
// number of directories, `[...]` and `[!...]` are character classes, and
// leading dots need no literal match. Results are in sorted order and keep
// the pattern's own prefix ("./*.k" gives "./main.k").
func FileGlob(fsys FileSystem, pattern string) ([]string, error) {
	if err := checkGlobPattern(pattern); err != nil {
		return nil, fmt.Errorf("Failed to read glob pattern: %s", err)
	}
	if fsys == nil {
		return []string{}, nil
	}
	root := ""
	rest := pattern
	if strings.HasPrefix(pattern, "/") {
		root = "/"
		rest = strings.TrimLeft(pattern, "/")
	}
	parts := strings.Split(rest, "/")
	var out []string
	var walk func(dir string, parts []string) error
	walk = func(dir string, parts []string) error {
		if len(parts) == 0 {
			out = append(out, dir)
			return nil
		}
		part := parts[0]
		if part == "" {
			// A trailing or doubled slash: keep matching in the same
			// directory (only directories match a trailing slash).
			if len(parts) == 1 {
				if info, err := fsys.Stat(dirOrDot(dir)); err == nil && info.IsDir() {
					out = append(out, dir+"/")
				}
				return nil
			}
			return walk(dir, parts[1:])
		}
		if !hasGlobMeta(part) {
			next := joinGlob(dir, part)
			if _, err := fsys.Stat(next); err != nil {
				return nil
			}
			return walk(next, parts[1:])
		}
		entries, err := fsys.ReadDir(dirOrDot(dir))
		if err != nil {
			return nil
		}
		if part == "**" {
			// Zero directories, then every directory below.
			if len(parts) == 1 {
				// "**" at the end matches every directory below.
				for _, e := range entries {
					if e.IsDir() {
						sub := joinGlob(dir, e.Name())
						out = append(out, sub)
						if err := walk(sub, parts); err != nil {
							return err
						}
					}
				}
				return nil
			}
			if err := walk(dir, parts[1:]); err != nil {
				return err
			}
			for _, e := range entries {
				if e.IsDir() {
					if err := walk(joinGlob(dir, e.Name()), parts); err != nil {
						return err
					}
				}
			}
			return nil
		}
		for _, e := range entries {
			if !globMatch(part, e.Name()) {
				continue
			}
			if len(parts) > 1 && !e.IsDir() {
				if info, err := fsys.Stat(joinGlob(dir, e.Name())); err != nil || !info.IsDir() {
					continue
				}
			}
			if err := walk(joinGlob(dir, e.Name()), parts[1:]); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, parts); err != nil {
		return nil, err
	}
	// The walk visits directories in sorted order; dedupe paths that "**"
	// reached twice.
	seen := map[string]bool{}
	res := make([]string, 0, len(out))
	for _, p := range out {
		if !seen[p] {
			seen[p] = true
			res = append(res, p)
		}
	}
	return res, nil
}

func dirOrDot(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}

func joinGlob(dir, name string) string {
	switch dir {
	case "":
		return name
	case "/":
		return "/" + name
	}
	return dir + "/" + name
}

func hasGlobMeta(s string) bool { return strings.ContainsAny(s, "*?[") }

// checkGlobPattern reports the syntax errors the Rust glob crate reports.
func checkGlobPattern(p string) error {
	comps := strings.Split(p, "/")
	pos := 0
	for _, c := range comps {
		for i := 0; i < len(c); i++ {
			switch c[i] {
			case '*':
				if i+1 < len(c) && c[i+1] == '*' {
					if c != "**" {
						return fmt.Errorf("Pattern syntax error near position %d: recursive wildcards must form a single path component", pos+i)
					}
					i++
				}
			case '[':
				j := i + 1
				if j < len(c) && c[j] == '!' {
					j++
				}
				if j < len(c) && c[j] == ']' {
					j++
				}
				k := strings.IndexByte(c[j:], ']')
				if k < 0 {
					return fmt.Errorf("Pattern syntax error near position %d: invalid range pattern", pos+i)
				}
				i = j + k
			}
		}
		pos += len(c) + 1
	}
	return nil
}

// globMatch matches one path component against a glob component.
func globMatch(pattern, name string) bool {
	if ok, err := path.Match(translateGlobClass(pattern), name); err == nil {
		return ok
	}
	return false
}

// translateGlobClass turns the glob crate's [!...] negation into path.Match's
// [^...] and escapes backslashes, which are literal in the glob crate.
func translateGlobClass(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == '\\':
			b.WriteString(`\\`)
		case p[i] == '[' && i+1 < len(p) && p[i+1] == '!':
			b.WriteString("[^")
			i++
		default:
			b.WriteByte(p[i])
		}
	}
	return b.String()
}

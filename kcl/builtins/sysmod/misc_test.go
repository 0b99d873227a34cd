package sysmod

import (
	"bytes"
	"errors"
	"io/fs"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestBase64Base32GrammarCases(t *testing.T) {
	if got, err := Base64Encode("0.3.0", "", false); err != nil || got != "MC4zLjA=" {
		t.Errorf("base64.encode = %q, %v", got, err)
	}
	if got, err := Base64Decode("MC4zLjA="); err != nil || got != "0.3.0" {
		t.Errorf("base64.decode = %q, %v", got, err)
	}
	if got, err := Base64Decode("MC4zLjA"); err != nil || got != "0.3.0" {
		t.Errorf("base64.decode without padding = %q, %v", got, err)
	}
	if _, err := Base64Decode("!!!"); err == nil || !strings.Contains(err.Error(), "Invalid byte 33, offset 0.") {
		t.Errorf("base64.decode(!!!) error = %v", err)
	}
	if _, err := Base64Decode("/w=="); err == nil || !strings.Contains(err.Error(), "utf-8") {
		t.Errorf("base64.decode of non-UTF-8 error = %v", err)
	}
	if got, ok := Base32Decode("GAXDGLRQ"); !ok || got != "0.3.0" {
		t.Errorf("base32.decode = %q, %v", got, ok)
	}
	if got := Base32Encode("0.3.0"); got != "GAXDGLRQ" {
		t.Errorf("base32.encode = %q", got)
	}
	if got, ok := Base32Decode(strings.ToLower(Base32Encode("hi"))); !ok || got != "hi" {
		t.Errorf("base32.decode lower-case = %q, %v", got, ok)
	}
	if _, ok := Base32Decode("!!"); ok {
		t.Error("base32.decode(!!) succeeded")
	}
}

func TestEncodeText(t *testing.T) {
	b, err := EncodeText("é€", "Latin1", true)
	if err != nil || !bytes.Equal(b, []byte{0xe9, 0x80}) {
		t.Errorf("latin1 = %x, %v", b, err)
	}
	// "UTF 8" normalises to the label "utf-8".
	if b, err := EncodeText("é", "UTF 8", true); err != nil || string(b) != "é" {
		t.Errorf("UTF 8 = %x, %v", b, err)
	}
	if _, err := EncodeText("x", "klingon", true); err == nil || err.Error() != "unknown encoding klingon" {
		t.Errorf("unknown encoding error = %v", err)
	}
	if _, err := EncodeText("日", "ascii", true); err == nil || err.Error() != "encoding errors occurred while encoding to ascii" {
		t.Errorf("unmappable error = %v", err)
	}
	if got, err := HashText("md5", "ABCDEF", "klingon", true); err == nil || got != "" || !strings.HasPrefix(err.Error(), "called `Result::unwrap()`") {
		t.Errorf("hash with unknown encoding = %q, %v", got, err)
	}
}

func TestCryptoGrammarCases(t *testing.T) {
	want := map[string]string{
		"md5":    "8827a41122a5028b9808c7bf84b9fcf6",
		"sha1":   "970093678b182127f60bb51b8af2c94d539eca3a",
		"sha224": "fd6639af1cc457b72148d78e90df45df4d344ca3b66fa44598148ce4",
		"sha256": "e9c0f8b575cbfcb42ab3b78ecc87efa3b011d9a5d10b09fa4e96f240bf6a82f5",
		"sha384": "39e0cc1b02b8c082b64643cdcae0e6180e460e1f717824c78b17f946c9864c90c04c55067b231e69b0ad5bd19d12a065",
		"blake3": "61c8c05f3e588c663cd9fbb1d7ad93604ed08cf335497095a020222cc9976cf1",
	}
	for alg, w := range want {
		got, err := HashText(alg, "ABCDEF", "", false)
		if err != nil || got != w {
			t.Errorf("%s(ABCDEF) = %q, %v; want %q", alg, got, err, w)
		}
	}
	if got, _ := HashText("sha512", "", "", false); !strings.HasPrefix(got, "cf83e1357eefb8bd") {
		t.Errorf("sha512('') = %q", got)
	}
	fsys := NewMemFS("/ws")
	if err := fsys.WriteFile("test.txt", []byte("ABCDEF")); err != nil {
		t.Fatal(err)
	}
	if got, err := HashFile(fsys, "sha256", "test.txt"); err != nil || got != want["sha256"] {
		t.Errorf("filesha256 = %q, %v", got, err)
	}
	if got, err := HashFile(fsys, "blake3", "/ws/test.txt"); err != nil || got != want["blake3"] {
		t.Errorf("fileblake3 = %q, %v", got, err)
	}
	_, err := HashFile(fsys, "sha512", "missing.txt")
	if err == nil || err.Error() != "failed to access file 'missing.txt': No such file or directory (os error 2)" {
		t.Errorf("missing file error = %v", err)
	}
}

func TestUUID(t *testing.T) {
	re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	a, err := UUIDv4(nil)
	if err != nil || !re.MatchString(a) {
		t.Errorf("uuid = %q, %v", a, err)
	}
	b, _ := UUIDv4(nil)
	if a == b {
		t.Error("two uuids are equal")
	}
	fixed, _ := UUIDv4(bytes.NewReader(make([]byte, 16)))
	if fixed != "00000000-0000-4000-8000-000000000000" {
		t.Errorf("uuid from zeros = %q", fixed)
	}
	if _, err := UUIDv4(bytes.NewReader(nil)); err == nil {
		t.Error("uuid from an empty reader gave no error")
	}
}

func TestUnitsGrammarCases(t *testing.T) {
	cases := []struct {
		num    float64
		suffix string
		want   string
	}{
		{1e-9, "n", "1n"}, {1e-6, "u", "1u"}, {1e-1, "m", "100m"}, {1000, "K", "1K"},
		{1000000, "M", "1M"}, {1e9, "G", "1G"}, {1e12, "T", "1T"}, {1e15, "P", "1P"},
		{1024, "Ki", "1Ki"}, {1 << 20, "Mi", "1Mi"}, {1 << 30, "Gi", "1Gi"}, {1 << 40, "Ti", "1Ti"},
		{1 << 50, "Pi", "1Pi"}, {1e6, "K", "1000K"}, {1e16, "P", "10P"}, {10 << 50, "Pi", "10Pi"},
		{float64(int64(8<<30)) * 0.5, "Gi", "4Gi"}, {1500, "K", "1K"}, {-1500, "K", "-1K"},
	}
	for _, c := range cases {
		if got := ToUnit(c.num, c.suffix); got != c.want {
			t.Errorf("to_%s(%v) = %q, want %q", c.suffix, c.num, got, c.want)
		}
	}
	if len(UnitSuffixes) != 13 || len(UnitConstants) != 14 {
		t.Error("units tables")
	}
	re := regexp.MustCompile(NumberMultiplierPattern)
	if !re.MatchString("1Gi") || re.MatchString("0Gi") || re.MatchString("1Gb") {
		t.Error("NumberMultiplier pattern")
	}
}

func TestDatetime(t *testing.T) {
	now := time.Date(1998, 6, 6, 16, 26, 11, 500, time.UTC)
	if got := DatetimeDate(now); got != "1998-06-06 16:26:11" {
		t.Errorf("date() = %q", got)
	}
	if got := DatetimeToday(now); got != "1998-06-06 16:26:11.897150371" {
		t.Errorf("today() = %q", got)
	}
	if got, err := DatetimeNow(now, DefaultNowFormat); err != nil || got != "Sat Jun 06 16:26:11 1998" {
		t.Errorf("now() = %q, %v", got, err)
	}
	if _, err := DatetimeNow(now, "%Q"); err == nil {
		t.Error("now(%Q) gave no error")
	}
	if DatetimeTicks(now) != 897150371 {
		t.Errorf("ticks() = %v", DatetimeTicks(now))
	}
	// builtins/datetime/today splits on "." and validates the first part.
	parts := strings.Split(DatetimeToday(now), ".")
	if len(parts) != 2 || !DatetimeValidate(parts[0], "%Y-%m-%d %H:%M:%S") {
		t.Errorf("today() parts = %q", parts)
	}
	if !DatetimeIsRFC3339("1998-06-06T16:26:11Z") || DatetimeIsRFC3339("1998-06-06") || !DatetimeIsISO8601("1998-06-06") {
		t.Error("is_rfc3339 / is_iso8601")
	}
}

func TestFileModule(t *testing.T) {
	fsys := NewMemFS("/case")
	// builtins/file/load_file_invalid, cp, mv, delete.
	if _, err := FileRead(fsys, "not_exist.txt"); err == nil || err.Error() != "failed to access the file 'not_exist.txt': No such file or directory (os error 2)" {
		t.Errorf("read missing = %v", err)
	}
	if err := FileCopy(fsys, "source.txt", "destination.txt"); err == nil || err.Error() != "Failed to copy from 'source.txt' to 'destination.txt': No such file or directory (os error 2)" {
		t.Errorf("cp missing = %v", err)
	}
	if err := FileMove(fsys, "source.txt", "destination.txt"); err == nil || err.Error() != "Failed to move 'source.txt' to 'destination.txt': No such file or directory (os error 2)" {
		t.Errorf("mv missing = %v", err)
	}
	if err := FileDelete(fsys, "test_dir"); err == nil || err.Error() != "failed to delete 'test_dir': No such file or directory (os error 2)" {
		t.Errorf("delete missing = %v", err)
	}
	// builtins/file/mkdir and write.
	if err := FileMkdir(fsys, "test_dir", false); err != nil {
		t.Fatal(err)
	}
	if err := FileMkdir(fsys, "test_dir", false); err != nil {
		t.Errorf("mkdir of an existing directory: %v", err)
	}
	if err := FileWrite(fsys, "test_file.txt", "Hello, world!"); err != nil {
		t.Fatal(err)
	}
	if got, err := FileRead(fsys, "test_file.txt"); err != nil || got != "Hello, world!" {
		t.Errorf("read back = %q, %v", got, err)
	}
	if err := FileMkdir(fsys, "test_file.txt", false); err == nil || !strings.Contains(err.Error(), "File exists (os error 17)") {
		t.Errorf("mkdir over a file = %v", err)
	}
	if err := FileMkdir(fsys, "test_file.txt", true); err != nil {
		t.Errorf("mkdir over a file with exists=True = %v", err)
	}
	if err := FileAppend(fsys, "test_file.txt", "!!"); err != nil {
		t.Fatal(err)
	}
	if n, err := FileSize(fsys, "test_file.txt"); err != nil || n != 15 {
		t.Errorf("size = %d, %v", n, err)
	}
	if _, err := FileSize(fsys, "nope"); err == nil || err.Error() != "failed to get size of 'nope': No such file or directory (os error 2)" {
		t.Errorf("size missing = %v", err)
	}
	if !FileExists(fsys, "test_dir") || FileExists(fsys, "nope") {
		t.Error("exists")
	}
	if p, err := FileAbs(fsys, "test_dir/../test_file.txt"); err != nil || p != "/case/test_file.txt" {
		t.Errorf("abs = %q, %v", p, err)
	}
	if _, err := FileAbs(fsys, "nope"); err == nil || err.Error() != "Could not get the absolute path of nope" {
		t.Errorf("abs missing = %v", err)
	}
	if got, err := FileReadBase64(fsys, "test_file.txt"); err != nil || got != "SGVsbG8sIHdvcmxkISEh" {
		t.Errorf("readbase64 = %q, %v", got, err)
	}
	// Copy a directory tree, move it, delete.
	if err := FileWrite(fsys, "test_dir/a.k", "a = 1"); err != nil {
		t.Fatal(err)
	}
	if err := FileMkdir(fsys, "test_dir/sub", false); err != nil {
		t.Fatal(err)
	}
	if err := FileWrite(fsys, "test_dir/sub/b.k", "b = 2"); err != nil {
		t.Fatal(err)
	}
	if err := FileCopy(fsys, "test_dir", "copy"); err != nil {
		t.Fatal(err)
	}
	if got, _ := FileRead(fsys, "copy/sub/b.k"); got != "b = 2" {
		t.Errorf("copied file = %q", got)
	}
	if err := FileMove(fsys, "copy", "moved"); err != nil {
		t.Fatal(err)
	}
	if FileExists(fsys, "copy") || !FileExists(fsys, "moved/a.k") {
		t.Error("mv of a directory")
	}
	if err := FileDelete(fsys, "moved"); err == nil || !strings.Contains(err.Error(), "Is a directory (os error 21)") {
		t.Errorf("delete of a non-empty directory = %v", err)
	}
	if err := FileDelete(fsys, "moved/a.k"); err != nil {
		t.Error(err)
	}
	if err := FileWrite(fsys, "no/such/dir.txt", "x"); err == nil || err.Error() != "Failed to create file 'no/such/dir.txt': No such file or directory (os error 2)" {
		t.Errorf("write into a missing directory = %v", err)
	}
	if err := DumpToFile(nil, "x.json", "1"); err == nil || !strings.HasPrefix(err.Error(), "Unable to write file 'x.json': ") {
		t.Errorf("dump without a file system = %v", err)
	}
}

func TestFileGlob(t *testing.T) {
	fsys := NewMemFS("/m")
	for _, f := range []string{"main.k", "b.k", ".hidden.k", "x.txt", "pkg/a.k", "pkg/deep/c.k", "pkg/deep/d.txt"} {
		if err := fsys.MkdirAll(dirOf(f)); err != nil {
			t.Fatal(err)
		}
		if err := fsys.WriteFile(f, nil); err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string][]string{
		"*.k":          {".hidden.k", "b.k", "main.k"},
		"./*.k":        {"./.hidden.k", "./b.k", "./main.k"},
		"pkg/*/*.k":    {"pkg/deep/c.k"},
		"**/*.k":       {".hidden.k", "b.k", "main.k", "pkg/a.k", "pkg/deep/c.k"},
		"pkg/**":       {"pkg/deep"},
		"[!m]*.k":      {".hidden.k", "b.k"},
		"?.k":          {"b.k"},
		"/m/pkg/a.k":   {"/m/pkg/a.k"},
		"nothing*":     {},
		"pkg/deep/*.*": {"pkg/deep/c.k", "pkg/deep/d.txt"},
	}
	for p, want := range cases {
		got, err := FileGlob(fsys, p)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("glob(%q) = %q, %v; want %q", p, got, err, want)
		}
	}
	for _, bad := range []string{"a**b", "[abc"} {
		if _, err := FileGlob(fsys, bad); err == nil || !strings.HasPrefix(err.Error(), "Failed to read glob pattern: Pattern syntax error") {
			t.Errorf("glob(%q) error = %v", bad, err)
		}
	}
}

func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return "."
}

func TestIOErrorText(t *testing.T) {
	cases := map[error]string{
		&fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}:                  "No such file or directory (os error 2)",
		&fs.PathError{Op: "open", Path: "x", Err: errors.New("permission denied")}: "Permission denied (os error 13)",
		fs.ErrExist:                   "File exists (os error 17)",
		errors.New("something weird"): "Something weird",
	}
	for err, want := range cases {
		if got := ioErrorText(err); got != want {
			t.Errorf("ioErrorText(%v) = %q, want %q", err, got, want)
		}
	}
}

package sysmod

import (
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"
)

// This file implements text encodings (the `encoding` argument of the
// crypto and base64 functions) and the base64 and base32 modules.

// unwrapErr renders an error the way a Rust `.unwrap()` panic reports it,
// which is the text upstream shows for these failures.
func unwrapErr(err error) error {
	return fmt.Errorf("called `Result::unwrap()` on an `Err` value: %s", err)
}

// normalizeEncodingName lower-cases ASCII letters and turns spaces into
// dashes from the first such character on, as upstream does before looking
// the label up.
func normalizeEncodingName(name string) string {
	i := strings.IndexFunc(name, func(r rune) bool { return r == ' ' || r >= 'A' && r <= 'Z' })
	if i < 0 {
		return name
	}
	b := []byte(name)
	for j := i; j < len(b); j++ {
		switch {
		case b[j] == ' ':
			b[j] = '-'
		case b[j] >= 'A' && b[j] <= 'Z':
			b[j] += 'a' - 'A'
		}
	}
	return string(b)
}

// WHATWG encoding labels (trimmed of ASCII white space, ASCII
// case-insensitive) that this implementation can encode to. UTF-16 labels
// encode as UTF-8, as encoding_rs does (its output encoding for UTF-16 is
// UTF-8). ASCII and Latin-1 labels all mean windows-1252.
var (
	utf8Labels = map[string]bool{"unicode-1-1-utf-8": true, "unicode11utf8": true, "unicode20utf8": true,
		"utf-8": true, "utf8": true, "x-unicode20utf8": true,
		"csunicode": true, "iso-10646-ucs-2": true, "ucs-2": true, "unicode": true, "unicodefeff": true,
		"utf-16": true, "utf-16le": true, "unicodefffe": true, "utf-16be": true}
	windows1252Labels = map[string]bool{"ansi_x3.4-1968": true, "ascii": true, "cp1252": true, "cp819": true,
		"csisolatin1": true, "ibm819": true, "iso-8859-1": true, "iso-ir-100": true, "iso8859-1": true,
		"iso88591": true, "iso_8859-1": true, "iso_8859-1:1987": true, "l1": true, "latin1": true,
		"us-ascii": true, "windows-1252": true, "x-cp1252": true}
)

// windows1252High maps code points to the bytes 0x80..0x9F of windows-1252;
// the other bytes equal their Latin-1 code points.
var windows1252High = map[rune]byte{
	0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
	0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
	0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
	0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
	0x81: 0x81, 0x8D: 0x8D, 0x8F: 0x8F, 0x90: 0x90, 0x9D: 0x9D,
}

// EncodeText converts a string to bytes in the named encoding; an empty
// name means UTF-8 (the argument was not given).
func EncodeText(value, encoding string, given bool) ([]byte, error) {
	if !given {
		return []byte(value), nil
	}
	name := normalizeEncodingName(encoding)
	label := strings.ToLower(strings.Trim(name, "\t\n\f\r "))
	switch {
	case utf8Labels[label]:
		return []byte(value), nil
	case windows1252Labels[label]:
		out := make([]byte, 0, len(value))
		for _, r := range value {
			switch b, ok := windows1252High[r]; {
			case ok:
				out = append(out, b)
			case r < 0x80 || r >= 0xA0 && r <= 0xFF:
				out = append(out, byte(r))
			default:
				return nil, fmt.Errorf("encoding errors occurred while encoding to %s", name)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown encoding %s", name)
}

// Base64Encode implements base64.encode(value, encoding="utf-8").
func Base64Encode(value, encoding string, given bool) (string, error) {
	b, err := EncodeText(value, encoding, given)
	if err != nil {
		return "", unwrapErr(err)
	}
	return base64.StdEncoding.EncodeToString(b), nil
}

// Base64Decode implements base64.decode(value): standard alphabet, padding
// optional; the result must be UTF-8.
func Base64Decode(value string) (string, error) {
	s := value
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(s)
	}
	if err != nil {
		return "", unwrapErr(base64Error(s))
	}
	if !utf8.Valid(b) {
		return "", unwrapErr(fmt.Errorf("invalid utf-8 sequence of 1 bytes from index %d", invalidUTF8Index(b)))
	}
	return string(b), nil
}

// base64Error describes why s is not base64, like the Rust base64 crate.
func base64Error(s string) error {
	for i := 0; i < len(s); i++ {
		c := s[i]
		isAlpha := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
		if !isAlpha && c != '=' {
			return fmt.Errorf("Invalid byte %d, offset %d.", c, i)
		}
	}
	if n := len(strings.TrimRight(s, "=")); n%4 == 1 {
		return fmt.Errorf("Encoded text cannot have a 6-bit remainder.")
	}
	return fmt.Errorf("Invalid padding")
}

func invalidUTF8Index(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// Base32Encode implements base32.encode(value): RFC 4648 with padding.
func Base32Encode(value string) string {
	return base32.StdEncoding.EncodeToString([]byte(value))
}

// Base32Decode implements base32.decode(value). Like the Rust base32 crate,
// lower-case letters are accepted and padding is optional; ok is false
// (None upstream) when the text is not base32 or not UTF-8.
func Base32Decode(value string) (string, bool) {
	s := strings.ToUpper(strings.TrimRight(value, "="))
	b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
	if err != nil || !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}

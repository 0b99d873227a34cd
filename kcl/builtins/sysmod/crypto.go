package sysmod

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"io"

	"lukechampine.com/blake3"
)

// This file implements the `crypto` system module: hex digests of text and
// of files, and random UUIDs.

// hashAlgorithms maps the module's function names to digest constructors.
var hashAlgorithms = map[string]func() hash.Hash{
	"md5":    md5.New,
	"sha1":   sha1.New,
	"sha224": sha256.New224,
	"sha256": sha256.New,
	"sha384": sha512.New384,
	"sha512": sha512.New,
	"blake3": func() hash.Hash { return blake3.New(32, nil) },
}

// HexDigest returns the lower-case hex digest of data with the named
// algorithm (md5, sha1, sha224, sha256, sha384, sha512, blake3).
func HexDigest(algorithm string, data []byte) (string, error) {
	newHash, ok := hashAlgorithms[algorithm]
	if !ok {
		return "", fmt.Errorf("unknown hash algorithm %s", algorithm)
	}
	h := newHash()
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// HashText implements crypto.<algorithm>(value, encoding="utf-8").
func HashText(algorithm, value, encoding string, encodingGiven bool) (string, error) {
	b, err := EncodeText(value, encoding, encodingGiven)
	if err != nil {
		return "", unwrapErr(err)
	}
	return HexDigest(algorithm, b)
}

// HashFile implements crypto.filesha256, filesha512 and fileblake3: the
// digest of a file's bytes read through fsys.
func HashFile(fsys FileSystem, algorithm, path string) (string, error) {
	if fsys == nil {
		return "", fmt.Errorf("failed to access file '%s': %s", path, errNoFileSystem)
	}
	data, err := fsys.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("failed to access file '%s': %s", path, ioErrorText(err))
	}
	return HexDigest(algorithm, data)
}

// UUIDv4 returns a random (version 4, RFC 4122 variant) UUID in the
// canonical 8-4-4-4-12 lower-case form.
func UUIDv4(random io.Reader) (string, error) {
	if random == nil {
		random = rand.Reader
	}
	var u [16]byte
	if _, err := io.ReadFull(random, u[:]); err != nil {
		return "", fmt.Errorf("uuid(): %s", err)
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], nil
}

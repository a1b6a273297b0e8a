package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"
)

// Store is a flat namespace of keys to bytes: what an object store gives
// (S3, GCS, Azure Blob, MinIO) and what a directory can give too. A key
// such as "blobs/ab12…" has no folders; "/" is a character that List's
// prefix happens to match. The catalogue (catalog.go) keeps names,
// versions and metadata; the Store only keeps bytes.
type Store interface {
	// Put stores exactly size bytes from r under key, replacing any old
	// value; readers see the old bytes or the new ones, never a mix.
	Put(ctx context.Context, key string, r io.Reader, size int64) error
	// Open returns the bytes under key, seekable so that Range requests
	// need not read what they skip; ErrNotExist when there are none.
	Open(ctx context.Context, key string) (io.ReadSeekCloser, Info, error)
	Stat(ctx context.Context, key string) (Info, error)
	// Delete removes key; deleting a missing key is not an error (S3's rule).
	Delete(ctx context.Context, key string) error
	// List returns the keys that start with prefix, in key order.
	List(ctx context.Context, prefix string) ([]Info, error)
	// PresignGet and PresignPut return a URL that lets anyone holding it
	// GET or PUT key, without other credentials, until expires has passed.
	PresignGet(ctx context.Context, key string, expires time.Duration) (string, error)
	PresignPut(ctx context.Context, key string, expires time.Duration) (string, error)
}

// Info describes the bytes under one key.
type Info struct {
	Key      string
	Size     int64
	Modified time.Time
}

// ErrNotExist is what every backend returns for a key it does not hold.
var ErrNotExist = errors.New("no such key")

// errBadKey rejects keys a backend must never see.
var errBadKey = errors.New("invalid key")

// validKey accepts 1–1024 bytes of slash-separated segments, none empty,
// "." or "..", with no control characters or backslashes: the same keys
// mean the same thing on S3 and on a file system.
func validKey(key string) bool {
	if key == "" || len(key) > 1024 {
		return false
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	for _, c := range key {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

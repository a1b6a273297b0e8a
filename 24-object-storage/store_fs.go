package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// fsStore keeps each key as a file under root. It is real software — the
// operating system's file system — behind the same Store contract as S3
// (store_contract_test.go runs one suite against both).
type fsStore struct {
	root   string
	signer *urlSigner // the server's own pre-signed URLs (presign.go)
	base   string     // public base URL the signed URLs point at, e.g. http://127.0.0.1:8024
}

func newFSStore(root string, signer *urlSigner, base string) (*fsStore, error) {
	if err := os.MkdirAll(filepath.Join(root, ".tmp"), 0o750); err != nil {
		return nil, err
	}
	return &fsStore{root: root, signer: signer, base: strings.TrimRight(base, "/")}, nil
}

func (s *fsStore) path(key string) (string, error) {
	if !validKey(key) || strings.HasPrefix(key, ".tmp") {
		return "", errBadKey
	}
	return filepath.Join(s.root, filepath.FromSlash(key)), nil
}

// Put writes to a temporary file and renames it into place: rename is
// atomic on one file system, so a reader never sees half an object.
func (s *fsStore) Put(ctx context.Context, key string, r io.Reader, size int64) error {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Join(s.root, ".tmp"), "put-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	n, err := io.Copy(tmp, io.LimitReader(r, size+1))
	if err == nil && n < size {
		err = fmt.Errorf("put %s: got %d of %d bytes: %w", key, n, size, io.ErrUnexpectedEOF)
	}
	if err == nil && n > size {
		err = fmt.Errorf("put %s: more than %d bytes", key, size)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.MkdirAll(filepath.Dir(p), 0o750)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	return err
}

func (s *fsStore) Open(ctx context.Context, key string) (io.ReadSeekCloser, Info, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, Info{}, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, Info{}, ErrNotExist
	}
	if err != nil {
		return nil, Info{}, err
	}
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		f.Close()
		return nil, Info{}, ErrNotExist
	}
	return f, Info{Key: key, Size: st.Size(), Modified: st.ModTime()}, nil
}

func (s *fsStore) Stat(ctx context.Context, key string) (Info, error) {
	p, err := s.path(key)
	if err != nil {
		return Info{}, err
	}
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) || err == nil && st.IsDir() {
		return Info{}, ErrNotExist
	}
	if err != nil {
		return Info{}, err
	}
	return Info{Key: key, Size: st.Size(), Modified: st.ModTime()}, nil
}

func (s *fsStore) Delete(ctx context.Context, key string) error {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// List walks the tree: directories are an artefact of storing keys as
// paths, so only files are keys.
func (s *fsStore) List(ctx context.Context, prefix string) ([]Info, error) {
	var out []Info
	err := filepath.WalkDir(s.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.root, p)
		key := filepath.ToSlash(rel)
		if d.IsDir() {
			if key == ".tmp" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasPrefix(key, prefix) {
			return nil
		}
		st, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, Info{Key: key, Size: st.Size(), Modified: st.ModTime()})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, err
}

func (s *fsStore) PresignGet(ctx context.Context, key string, expires time.Duration) (string, error) {
	return s.presign("GET", key, expires)
}

func (s *fsStore) PresignPut(ctx context.Context, key string, expires time.Duration) (string, error) {
	return s.presign("PUT", key, expires)
}

func (s *fsStore) presign(method, key string, expires time.Duration) (string, error) {
	if !validKey(key) {
		return "", errBadKey
	}
	q := s.signer.sign(method, key, expires)
	return s.base + "/signed/" + (&url.URL{Path: key}).EscapedPath() + "?" + q.Encode(), nil
}

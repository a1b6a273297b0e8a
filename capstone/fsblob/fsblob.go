// Package fsblob is the default service.BlobStore: each key is a file under
// one directory (UPLOAD_DIR). It needs nothing installed, and it passes the
// same contract suite (blobtest) as the S3 adapter.
package fsblob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"workbook/capstone/service"
)

// tmpDir holds files being written; ValidBlobKey refuses keys starting
// with a dot, so no key can name it.
const tmpDir = ".tmp"

// ErrClosed is returned by every method after Close.
var ErrClosed = errors.New("fsblob: store is closed")

// Store keeps blobs as files under a root directory.
type Store struct {
	root string

	mu     sync.RWMutex // held for reading by every operation, for writing by Close
	closed bool
}

var _ service.BlobStore = (*Store)(nil)

// New returns a store under root, creating the directory if it is missing.
func New(root string) (*Store, error) {
	if root == "" {
		return nil, errors.New("fsblob: no directory")
	}
	if err := os.MkdirAll(filepath.Join(root, tmpDir), 0o750); err != nil {
		return nil, fmt.Errorf("fsblob: %w", err)
	}
	return &Store{root: root}, nil
}

// Root is the directory the store keeps its files in.
func (s *Store) Root() string { return s.root }

// Close waits for the operations in progress and makes every later one fail
// with ErrClosed. Readers already handed out stay readable.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

// enter begins an operation on key: it checks the key and the store's
// state and returns the file's path; the caller calls s.mu.RUnlock after.
func (s *Store) enter(key string) (string, error) {
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return "", ErrClosed
	}
	if !service.ValidBlobKey(key) {
		s.mu.RUnlock()
		return "", service.ErrBadBlobKey
	}
	return filepath.Join(s.root, filepath.FromSlash(key)), nil
}

// Put writes to a temporary file, syncs it and renames it into place:
// rename is atomic within one file system, so a reader never sees half a
// file, and a failed Put leaves nothing behind.
func (s *Store) Put(ctx context.Context, key string, r io.Reader, size int64, _ string) error {
	p, err := s.enter(key)
	if err != nil {
		return err
	}
	defer s.mu.RUnlock()
	tmp, err := os.CreateTemp(filepath.Join(s.root, tmpDir), "put-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	// One byte more than size tells a long body from an exact one.
	n, err := io.Copy(tmp, io.LimitReader(r, size+1))
	if err == nil && n < size {
		err = fmt.Errorf("fsblob: put %s: got %d of %d bytes: %w", key, n, size, io.ErrUnexpectedEOF)
	}
	if err == nil && n > size {
		err = fmt.Errorf("fsblob: put %s: more than %d bytes", key, size)
	}
	if err == nil {
		err = ctx.Err()
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

// Open returns the file itself: *os.File seeks, so Range requests read
// only what they serve.
func (s *Store) Open(_ context.Context, key string) (io.ReadSeekCloser, service.BlobInfo, error) {
	p, err := s.enter(key)
	if err != nil {
		return nil, service.BlobInfo{}, err
	}
	defer s.mu.RUnlock()
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, service.BlobInfo{}, service.ErrBlobNotFound
	} else if err != nil {
		return nil, service.BlobInfo{}, err
	}
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		f.Close()
		return nil, service.BlobInfo{}, errors.Join(service.ErrBlobNotFound, err)
	}
	return f, service.BlobInfo{Key: key, Size: st.Size(), Modified: st.ModTime()}, nil
}

// Stat describes the file under key.
func (s *Store) Stat(_ context.Context, key string) (service.BlobInfo, error) {
	p, err := s.enter(key)
	if err != nil {
		return service.BlobInfo{}, err
	}
	defer s.mu.RUnlock()
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) || err == nil && st.IsDir() {
		return service.BlobInfo{}, service.ErrBlobNotFound
	} else if err != nil {
		return service.BlobInfo{}, err
	}
	return service.BlobInfo{Key: key, Size: st.Size(), Modified: st.ModTime()}, nil
}

// Delete removes the file under key; a missing one is not an error.
func (s *Store) Delete(_ context.Context, key string) error {
	p, err := s.enter(key)
	if err != nil {
		return err
	}
	defer s.mu.RUnlock()
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// PresignGet returns "": a directory has no URLs of its own, so the API
// serves the bytes itself (GET /api/uploads/{key}, with Range and ETag).
func (s *Store) PresignGet(_ context.Context, key string, _ time.Duration) (string, error) {
	_, err := s.enter(key)
	if err != nil {
		return "", err
	}
	s.mu.RUnlock()
	return "", nil
}

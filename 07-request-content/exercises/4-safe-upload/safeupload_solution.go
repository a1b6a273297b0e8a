//go:build solution

package safeupload

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
)

// Save streams r into a new, server-named file in s.Dir.
func (s Store) Save(r io.Reader) (Saved, error) {
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return Saved{}, err
	}
	head = head[:n]
	if n == 0 {
		return Saved{}, ErrEmpty
	}
	sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(head))
	ext, ok := s.Allowed[sniffed]
	if !ok {
		return Saved{}, fmt.Errorf("%w: %s", ErrTypeNotAllowed, sniffed)
	}
	if int64(n) > s.MaxBytes {
		return Saved{}, ErrTooLarge
	}

	var random [16]byte
	rand.Read(random[:]) // never fails (crypto/rand, Go 1.24+)
	name := hex.EncodeToString(random[:]) + ext
	// Write under a temporary name and rename when complete, so that nobody
	// listing the directory ever sees half a file.
	partial := filepath.Join(s.Dir, "."+name+".part")
	f, err := os.OpenFile(partial, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return Saved{}, err
	}
	cleanup := func(err error) (Saved, error) {
		f.Close()
		os.Remove(partial)
		return Saved{}, err
	}

	h := sha256.New()
	size, err := io.Copy(io.MultiWriter(f, h),
		io.MultiReader(bytes.NewReader(head), io.LimitReader(r, s.MaxBytes-int64(n)+1)))
	if err != nil {
		return cleanup(err)
	}
	if size > s.MaxBytes {
		return cleanup(ErrTooLarge)
	}
	if closeErr := f.Close(); closeErr != nil {
		os.Remove(partial)
		return Saved{}, closeErr
	}
	if renameErr := os.Rename(partial, filepath.Join(s.Dir, name)); renameErr != nil {
		os.Remove(partial)
		return Saved{}, renameErr
	}
	return Saved{Name: name, Size: size, SHA256: hex.EncodeToString(h.Sum(nil)), ContentType: sniffed}, nil
}

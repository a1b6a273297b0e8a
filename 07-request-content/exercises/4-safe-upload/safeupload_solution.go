//go:build solution

package safeupload

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"
)

// Save streams r into s.Dir under the name of its content.
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

	// The name is not known until the last byte is hashed, so the bytes go to
	// a temporary file in the same directory (a link or rename never crosses
	// a file system), created O_EXCL with mode 0600 by os.CreateTemp.
	tmp, err := os.CreateTemp(s.Dir, ".incoming-*")
	if err != nil {
		return Saved{}, err
	}
	// Whatever happens, the temporary name goes: a stored object has its own.
	defer os.Remove(tmp.Name())

	h := sha256.New()
	size, err := io.Copy(io.MultiWriter(tmp, h),
		io.MultiReader(bytes.NewReader(head), io.LimitReader(r, s.MaxBytes-int64(n)+1)))
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return Saved{}, err
	}
	if size > s.MaxBytes {
		return Saved{}, ErrTooLarge
	}

	sum := hex.EncodeToString(h.Sum(nil))
	saved := Saved{Name: sum + ext, Size: size, SHA256: sum, ContentType: sniffed}
	// os.Link, unlike os.Rename, refuses to replace an existing name, so of
	// any number of concurrent saves of one content exactly one creates the
	// object and the others learn it exists; the existing file is never
	// touched.
	err = os.Link(tmp.Name(), filepath.Join(s.Dir, saved.Name))
	switch {
	case errors.Is(err, fs.ErrExist):
		saved.Deduplicated = true
	case err != nil:
		return Saved{}, err
	}
	return saved, nil
}

package main

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"maps"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// allowedUploads maps each media type we accept, as SNIFFED from the bytes,
// to the extension we store it under. The client's Content-Type and file
// name are claims; the first bytes are evidence.
var allowedUploads = map[string]string{
	"application/pdf": ".pdf",
	"image/gif":       ".gif",
	"image/jpeg":      ".jpg",
	"image/png":       ".png",
	"image/webp":      ".webp",
	"text/plain":      ".txt",
}

// fileStore writes uploads into dir under names it makes up.
type fileStore struct {
	dir      string
	maxBytes int64             // per file
	allowed  map[string]string // sniffed media type → extension
}

// storedFile describes one saved upload.
type storedFile struct {
	Field          string `xml:"field" json:"field"`
	Name           string `xml:"name" json:"name"`
	Size           int64  `xml:"size" json:"size"`
	SHA256         string `xml:"sha256" json:"sha256"`
	ContentType    string `xml:"content_type" json:"content_type"`
	ClientFilename string `xml:"client_filename,omitempty" json:"client_filename,omitempty"`
}

// errStorage marks a failure to WRITE an upload (our side: disk full,
// permissions), as opposed to a failure reading it (the client's side).
type errStorage struct{ err error }

func (e *errStorage) Error() string { return "storage: " + e.err.Error() }
func (e *errStorage) Unwrap() error { return e.err }

// sourceReader remembers the first read error of r other than io.EOF.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	return n, err
}

// save streams src to disk and returns what it stored. Memory use is one
// 512-byte sniff buffer plus io.Copy's 32 KB, whatever the file size:
//
//  1. read the first 512 bytes and sniff the type (http.DetectContentType);
//  2. refuse types not in the allowlist, before anything touches the disk;
//  3. create ".<random>.part" with O_EXCL (never overwrite) and mode 0600;
//  4. copy head + rest through SHA-256, failing past maxBytes;
//  5. rename to "<random><ext>" only when complete, so no reader ever sees
//     half a file; on any failure the partial file is removed.
func (s *fileStore) save(r io.Reader) (storedFile, error) {
	src := &sourceReader{r: r}
	head := make([]byte, 512)
	n, err := io.ReadFull(src, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return storedFile{}, err
	}
	head = head[:n]
	if n == 0 {
		return storedFile{}, clientError(http.StatusBadRequest, "empty_file", "the uploaded file is empty")
	}
	sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(head))
	ext, ok := s.allowed[sniffed]
	if !ok {
		return storedFile{}, clientError(http.StatusUnsupportedMediaType, "file_type",
			"files of type %s are not accepted; allowed: %s", sniffed,
			strings.Join(slices.Sorted(maps.Keys(s.allowed)), ", "))
	}
	if int64(n) > s.maxBytes {
		return storedFile{}, &errTooLarge{what: "file", limit: s.maxBytes}
	}

	name := rand.Text() + ext // 26 base32 characters: 130 random bits
	name = strings.ToLower(name)
	partial := filepath.Join(s.dir, "."+name+".part")
	f, err := os.OpenFile(partial, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return storedFile{}, &errStorage{err}
	}
	fail := func(err error) (storedFile, error) {
		f.Close()
		os.Remove(partial)
		return storedFile{}, err
	}

	h := sha256.New()
	size, err := io.Copy(io.MultiWriter(f, h),
		io.MultiReader(bytes.NewReader(head), io.LimitReader(src, s.maxBytes-int64(n)+1)))
	switch {
	case src.err != nil:
		return fail(src.err)
	case err != nil:
		return fail(&errStorage{err})
	case size > s.maxBytes:
		return fail(&errTooLarge{what: "file", limit: s.maxBytes})
	}
	if err := f.Close(); err != nil {
		os.Remove(partial)
		return storedFile{}, &errStorage{err}
	}
	if err := os.Rename(partial, filepath.Join(s.dir, name)); err != nil {
		os.Remove(partial)
		return storedFile{}, &errStorage{err}
	}
	return storedFile{Name: name, Size: size, SHA256: hex.EncodeToString(h.Sum(nil)), ContentType: sniffed}, nil
}

// remove deletes a stored file; used to roll back a request that failed
// after some of its files were saved.
func (s *fileStore) remove(name string) error {
	return os.Remove(filepath.Join(s.dir, filepath.Base(name)))
}

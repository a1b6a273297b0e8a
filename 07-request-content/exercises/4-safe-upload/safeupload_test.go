package safeupload

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

var allowed = map[string]string{
	"image/png":       ".png",
	"image/jpeg":      ".jpg",
	"image/gif":       ".gif",
	"application/pdf": ".pdf",
	"text/plain":      ".txt",
}

func newStore(t *testing.T, maxBytes int64) Store {
	t.Helper()
	return Store{Dir: t.TempDir(), MaxBytes: maxBytes, Allowed: allowed}
}

// files lists everything in dir, hidden partial files included.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func withPadding(prefix string, n int) []byte {
	return append([]byte(prefix), bytes.Repeat([]byte{0x20}, n)...)
}

func TestSaveStoresAllowedTypes(t *testing.T) {
	tests := []struct {
		name, wantType, wantExt string
		data                    []byte
	}{
		{"png", "image/png", ".png", withPadding("\x89PNG\r\n\x1a\n", 3000)},
		{"jpeg", "image/jpeg", ".jpg", withPadding("\xff\xd8\xff\xe0", 100)},
		{"gif", "image/gif", ".gif", withPadding("GIF89a", 10)},
		{"pdf", "application/pdf", ".pdf", withPadding("%PDF-1.7\n", 700)},
		{"text", "text/plain", ".txt", []byte("just some words\n")},
		{"tiny text", "text/plain", ".txt", []byte("a")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t, 1<<20)
			got, err := s.Save(bytes.NewReader(tc.data))
			if err != nil {
				t.Fatalf("Save(%s) = %v, want nil", tc.name, err)
			}
			name := regexp.MustCompile(`^[0-9a-z]{26,}` + regexp.QuoteMeta(tc.wantExt) + `$`)
			sum := sha256.Sum256(tc.data)
			if !name.MatchString(got.Name) || got.Size != int64(len(tc.data)) ||
				got.SHA256 != hex.EncodeToString(sum[:]) || got.ContentType != tc.wantType {
				t.Errorf("Save(%s) = %+v, want a random %s name, size %d, SHA-256 %x, type %s",
					tc.name, got, tc.wantExt, len(tc.data), sum, tc.wantType)
			}
			if names := files(t, s.Dir); len(names) != 1 || names[0] != got.Name {
				t.Fatalf("dir holds %v after Save, want just [%s]", names, got.Name)
			}
			path := filepath.Join(s.Dir, got.Name)
			onDisk, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(onDisk, tc.data) {
				t.Errorf("stored bytes differ from the upload (err %v)", err)
			}
			if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
				t.Errorf("stored file mode = %v, want -rw-------", info.Mode().Perm())
			}
		})
	}
}

func TestSaveRejects(t *testing.T) {
	const max = 4096
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"html", []byte("<!DOCTYPE html><html><script>alert(1)</script>"), ErrTypeNotAllowed},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), ErrTypeNotAllowed},
		{"windows executable", withPadding("MZ\x90\x00", 600), ErrTypeNotAllowed},
		{"zip", withPadding("PK\x03\x04", 100), ErrTypeNotAllowed},
		{"binary junk", bytes.Repeat([]byte{0x00, 0x01, 0xfe}, 100), ErrTypeNotAllowed},
		{"empty", nil, ErrEmpty},
		{"one byte too large", withPadding("\x89PNG\r\n\x1a\n", max-8+1), ErrTooLarge},
		{"much too large", withPadding("\x89PNG\r\n\x1a\n", 10*max), ErrTooLarge},
		// The sniffer sees all of the first 512 bytes: a NUL as byte 512
		// makes this binary, not text.
		{"nul as byte 512", append(bytes.Repeat([]byte("a"), 511), 0), ErrTypeNotAllowed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t, max)
			got, err := s.Save(bytes.NewReader(tc.data))
			if !errors.Is(err, tc.want) {
				t.Errorf("Save(%s) = %+v, %v, want an error wrapping %v", tc.name, got, err, tc.want)
			}
			if names := files(t, s.Dir); len(names) != 0 {
				t.Errorf("Save(%s) failed but left %v in the directory", tc.name, names)
			}
		})
	}

}

func TestSaveSizeLimit(t *testing.T) {
	png := func(n int) []byte { return withPadding("\x89PNG\r\n\x1a\n", n-8) }
	tests := []struct {
		name     string
		maxBytes int64
		data     []byte
		want     error
	}{
		{"exactly MaxBytes", 4096, png(4096), nil},
		{"one byte over MaxBytes", 4096, png(4097), ErrTooLarge},
		// MaxBytes smaller than the 512 bytes read for sniffing:
		{"exactly a small MaxBytes", 100, png(100), nil},
		{"one byte over a small MaxBytes", 100, png(101), ErrTooLarge},
		{"far over a small MaxBytes", 100, png(208), ErrTooLarge},
		{"exactly MaxBytes of 512", 512, png(512), nil},
		{"one byte over MaxBytes of 512", 512, png(513), ErrTooLarge},
		{"exactly MaxBytes of 513", 513, png(513), nil},
		{"one byte over MaxBytes of 511", 511, png(512), ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t, tc.maxBytes)
			got, err := s.Save(bytes.NewReader(tc.data))
			if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Fatalf("Save(%d bytes) with MaxBytes %d = %+v, %v, want error %v", len(tc.data), tc.maxBytes, got, err, tc.want)
			}
			names := files(t, s.Dir)
			if tc.want != nil {
				if len(names) != 0 {
					t.Errorf("Save(%d bytes) with MaxBytes %d failed but left %v", len(tc.data), tc.maxBytes, names)
				}
				return
			}
			if got.Size != int64(len(tc.data)) || len(names) != 1 {
				t.Errorf("Save(%d bytes) with MaxBytes %d = size %d, files %v, want size %d and one file", len(tc.data), tc.maxBytes, got.Size, names, len(tc.data))
			}
		})
	}
}

// TestSaveSniffsOnlyTheHead: what follows the first 512 bytes does not
// change the sniffed type.
func TestSaveSniffsOnlyTheHead(t *testing.T) {
	data := append(bytes.Repeat([]byte("a"), 512), 0, 1, 2)
	s := newStore(t, 1<<20)
	got, err := s.Save(bytes.NewReader(data))
	if err != nil || got.ContentType != "text/plain" || got.Size != int64(len(data)) {
		t.Errorf("Save(512 bytes of text, then binary) = %+v, %v, want text/plain of %d bytes", got, err, len(data))
	}
}

func TestSaveMissingDir(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "does-not-exist"), MaxBytes: 1 << 20, Allowed: allowed}
	got, err := s.Save(strings.NewReader("some text"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Save into a missing directory = %+v, %v, want an error wrapping fs.ErrNotExist", got, err)
	}
}

// endless is a PNG that never ends, counting what was read.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 0
	}
	if e.n == 0 {
		copy(p, "\x89PNG\r\n\x1a\n")
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestSaveStreamsAndStopsAtTheLimit(t *testing.T) {
	s := newStore(t, 1<<20)
	src := &endless{}
	if _, err := s.Save(src); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Save(endless stream) = %v, want ErrTooLarge", err)
	}
	if src.n > 1<<20+64<<10 {
		t.Errorf("Save read %d bytes of an endless stream with a 1 MB limit, want to stop near the limit", src.n)
	}
	if names := files(t, s.Dir); len(names) != 0 {
		t.Errorf("Save(endless stream) left %v in the directory", names)
	}
}

var errBoom = errors.New("connection reset")

type failingReader struct {
	r io.Reader
}

func (f failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errBoom
	}
	return n, err
}

func TestSaveReaderErrorLeavesNothing(t *testing.T) {
	for _, size := range []int{100, 5000} { // failing during sniffing and during copying
		s := newStore(t, 1<<20)
		_, err := s.Save(failingReader{bytes.NewReader([]byte(strings.Repeat("text ", size/5)))})
		if !errors.Is(err, errBoom) {
			t.Errorf("Save(reader failing after %d bytes) = %v, want an error wrapping %v", size, err, errBoom)
		}
		if names := files(t, s.Dir); len(names) != 0 {
			t.Errorf("Save(reader failing after %d bytes) left %v in the directory", size, names)
		}
	}
}

func TestSaveNamesAreUnique(t *testing.T) {
	s := newStore(t, 1<<20)
	var (
		mu    sync.Mutex
		names = map[string]bool{}
		wg    sync.WaitGroup
	)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := s.Save(strings.NewReader("same content every time"))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Errorf("Save = %v, want nil", err)
				return
			}
			names[got.Name] = true
		}()
	}
	wg.Wait()
	if len(names) != 20 || len(files(t, s.Dir)) != 20 {
		t.Errorf("20 saves of the same content gave %d names and %d files, want 20 of each", len(names), len(files(t, s.Dir)))
	}
}

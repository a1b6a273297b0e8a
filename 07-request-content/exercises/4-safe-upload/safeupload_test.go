package safeupload

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
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

// files lists everything in dir, hidden temporary files included.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func withPadding(prefix string, n int) []byte {
	return append([]byte(prefix), bytes.Repeat([]byte{0x20}, n)...)
}

func png(n int) []byte { return withPadding("\x89PNG\r\n\x1a\n", n-8) }

// want is what saving data as a new object of type typ with extension ext returns.
func want(data []byte, typ, ext string) Saved {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])
	return Saved{Name: h + ext, Size: int64(len(data)), SHA256: h, ContentType: typ}
}

func TestSaveNamesByContent(t *testing.T) {
	tests := []struct {
		name, wantType, wantExt string
		data                    []byte
	}{
		{"png", "image/png", ".png", png(3000)},
		{"jpeg", "image/jpeg", ".jpg", withPadding("\xff\xd8\xff\xe0", 100)},
		{"gif", "image/gif", ".gif", withPadding("GIF89a", 10)},
		{"pdf", "application/pdf", ".pdf", withPadding("%PDF-1.7\n", 700)},
		{"text", "text/plain", ".txt", []byte("just some words\n")},
		{"tiny text", "text/plain", ".txt", []byte("a")},
		{"large png", "image/png", ".png", append(png(512), bytes.Repeat([]byte("0123456789abcdef"), 20000)...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t, 1<<20)
			got, err := s.Save(bytes.NewReader(tc.data))
			if w := want(tc.data, tc.wantType, tc.wantExt); err != nil || got != w {
				t.Fatalf("Save(%s) = %+v, %v; want %+v", tc.name, got, err, w)
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
				t.Errorf("stored file mode = %v (err %v), want -rw-------", info.Mode().Perm(), err)
			}
		})
	}
}

// TestSaveDeduplicates: the same content is stored once; the existing file
// is kept, not replaced by the new copy.
func TestSaveDeduplicates(t *testing.T) {
	s := newStore(t, 1<<20)
	cat := png(2000)
	first, err := s.Save(bytes.NewReader(cat))
	if err != nil || first.Deduplicated {
		t.Fatalf("first Save = %+v, %v; want a new object", first, err)
	}
	path := filepath.Join(s.Dir, first.Name)
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}

	for i := range 2 {
		again, err := s.Save(bytes.NewReader(cat))
		w := first
		w.Deduplicated = true
		if err != nil || again != w {
			t.Fatalf("Save of the same content (#%d) = %+v, %v; want %+v", i+2, again, err, w)
		}
		if names := files(t, s.Dir); !slices.Equal(names, []string{first.Name}) {
			t.Fatalf("dir holds %v after saving the same content again, want just [%s]", names, first.Name)
		}
		after, err := os.Stat(path)
		if err != nil || !os.SameFile(before, after) {
			t.Fatalf("the existing object was replaced (or removed: %v), want it kept", err)
		}
	}

	// The same first 512 bytes, a different tail: a different object.
	dog := append(png(2000)[:1999], '!')
	other, err := s.Save(bytes.NewReader(dog))
	if w := want(dog, "image/png", ".png"); err != nil || other != w {
		t.Fatalf("Save(content differing in its last byte) = %+v, %v; want %+v", other, err, w)
	}
	names := files(t, s.Dir)
	if w := []string{first.Name, other.Name}; !slices.Equal(names, slices.Sorted(slices.Values(w))) {
		t.Errorf("dir holds %v, want %v", names, w)
	}
	if onDisk, err := os.ReadFile(path); err != nil || !bytes.Equal(onDisk, cat) {
		t.Errorf("the first object's bytes changed (err %v)", err)
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
		{"one byte too large", png(max + 1), ErrTooLarge},
		{"much too large", png(10 * max), ErrTooLarge},
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
			if w := want(tc.data, "image/png", ".png"); got != w || len(names) != 1 {
				t.Errorf("Save(%d bytes) with MaxBytes %d = %+v, files %v, want %+v and one file", len(tc.data), tc.maxBytes, got, names, w)
			}
		})
	}
}

// TestSaveFailureKeepsExisting: a too-large upload that starts like a stored
// object, or one whose reader fails after sending all of it, is an error;
// the stored object stays and nothing is added.
func TestSaveFailureKeepsExisting(t *testing.T) {
	s := newStore(t, 4096)
	data := png(4096)
	stored, err := s.Save(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Save(bytes.NewReader(append(data, 'x'))); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Save(a stored object plus one byte over MaxBytes) = %+v, %v; want ErrTooLarge", got, err)
	}
	if got, err := s.Save(failingReader{bytes.NewReader(data)}); !errors.Is(err, errBoom) {
		t.Errorf("Save(a stored object's bytes, then a reset) = %+v, %v; want an error wrapping %v", got, err, errBoom)
	}
	if names := files(t, s.Dir); !slices.Equal(names, []string{stored.Name}) {
		t.Errorf("dir holds %v after failed saves, want just [%s]", names, stored.Name)
	}
	if onDisk, err := os.ReadFile(filepath.Join(s.Dir, stored.Name)); err != nil || !bytes.Equal(onDisk, data) {
		t.Errorf("the stored object changed (err %v)", err)
	}
}

// TestSaveSniffsOnlyTheHead: what follows the first 512 bytes does not
// change the sniffed type.
func TestSaveSniffsOnlyTheHead(t *testing.T) {
	data := append(bytes.Repeat([]byte("a"), 512), 0, 1, 2)
	s := newStore(t, 1<<20)
	got, err := s.Save(bytes.NewReader(data))
	if w := want(data, "text/plain", ".txt"); err != nil || got != w {
		t.Errorf("Save(512 bytes of text, then binary) = %+v, %v, want %+v", got, err, w)
	}
}

func TestSaveMissingDir(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "does-not-exist"), MaxBytes: 1 << 20, Allowed: allowed}
	got, err := s.Save(strings.NewReader("some text"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Save into a missing directory = %+v, %v, want an error wrapping fs.ErrNotExist", got, err)
	}
}

// TestSaveMoveFails: when the object cannot be put in place (here, an
// extension too long for any file name), Save says so and leaves nothing;
// a save of another type into the same directory still works.
func TestSaveMoveFails(t *testing.T) {
	s := newStore(t, 1<<20)
	s.Allowed = map[string]string{"text/plain": "." + strings.Repeat("x", 300), "image/png": ".png"}
	stored, err := s.Save(bytes.NewReader(png(100)))
	if w := want(png(100), "image/png", ".png"); err != nil || stored != w {
		t.Fatalf("Save(a PNG) = %+v, %v, want %+v", stored, err, w)
	}
	got, err := s.Save(strings.NewReader("some text"))
	if err == nil {
		t.Errorf("Save under a 364-byte name = %+v, nil; want the file system's error", got)
	}
	if names := files(t, s.Dir); !slices.Equal(names, []string{stored.Name}) {
		t.Errorf("Save under an impossible name left %v in the directory, want just [%s]", names, stored.Name)
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

// failingReader returns errBoom where r ends.
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

// gate holds every reader's second Read until all of them have made their
// first, so that concurrent saves reach the end of their streams together
// (after two seconds it opens anyway: it only shapes the interleaving).
type gate struct {
	wg   sync.WaitGroup
	open chan struct{}
}

func newGate(n int) *gate {
	g := &gate{open: make(chan struct{})}
	g.wg.Add(n)
	go func() { g.wg.Wait(); close(g.open) }()
	return g
}

type gatedReader struct {
	g     *gate
	data  []byte
	first bool
}

func (r *gatedReader) Read(p []byte) (int, error) {
	if !r.first {
		r.first = true
		n := copy(p[:min(len(p), 100)], r.data)
		r.data = r.data[n:]
		r.g.wg.Done()
		return n, nil
	}
	select {
	case <-r.g.open:
	case <-time.After(2 * time.Second):
	}
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// saveAll saves each of contents at once and returns the results in order.
func saveAll(t *testing.T, s Store, contents [][]byte) []Saved {
	t.Helper()
	g := newGate(len(contents))
	out := make([]Saved, len(contents))
	errs := make([]error, len(contents))
	var wg sync.WaitGroup
	for i, c := range contents {
		wg.Go(func() { out[i], errs[i] = s.Save(&gatedReader{g: g, data: c}) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("concurrent Save #%d = %v, want nil", i, err)
		}
	}
	return out
}

// TestSaveConcurrentIdentical: twenty saves of one content at once store it
// once, and exactly one of them says it created the object. (A save that
// checks for the name and then moves its file into place can pass a round
// by luck; several rounds make that luck unlikely.)
func TestSaveConcurrentIdentical(t *testing.T) {
	data := png(3000)
	w := want(data, "image/png", ".png")
	for round := range 8 {
		s := newStore(t, 1<<20)
		results := saveAll(t, s, slices.Repeat([][]byte{data}, 20))
		created := 0
		for _, got := range results {
			if !got.Deduplicated {
				created++
			}
			got.Deduplicated = false
			if got != w {
				t.Fatalf("round %d: concurrent Save of identical content = %+v, want %+v", round, got, w)
			}
		}
		if created != 1 {
			t.Fatalf("round %d: %d of 20 concurrent saves of identical content say they created the object, want exactly 1", round, created)
		}
		if names := files(t, s.Dir); !slices.Equal(names, []string{w.Name}) {
			t.Fatalf("round %d: 20 concurrent saves of identical content left %v, want just [%s]", round, names, w.Name)
		}
	}
}

func TestSaveConcurrentDifferent(t *testing.T) {
	s := newStore(t, 1<<20)
	var contents [][]byte
	for i := range 20 {
		contents = append(contents, fmt.Appendf(png(3000), "upload %d", i))
	}
	results := saveAll(t, s, contents)
	var names []string
	for i, got := range results {
		if w := want(contents[i], "image/png", ".png"); got != w {
			t.Errorf("concurrent Save #%d = %+v, want %+v", i, got, w)
		}
		names = append(names, got.Name)
	}
	slices.Sort(names)
	if onDisk := files(t, s.Dir); !slices.Equal(onDisk, names) {
		t.Errorf("20 concurrent saves of different content left %d files %v, want the 20 objects %v", len(onDisk), onDisk, names)
	}
}

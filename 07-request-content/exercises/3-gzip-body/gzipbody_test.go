package gzipbody

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"testing"
)

func compress(t *testing.T, members ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, m := range members {
		zw := gzip.NewWriter(&buf)
		if _, err := zw.Write(m); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readAll opens and reads the body, reporting what came out.
func readAll(t *testing.T, body []byte, encoding string, limit int64) ([]byte, error) {
	t.Helper()
	rc, err := Open(bytes.NewReader(body), encoding, limit)
	if err != nil {
		return nil, err
	}
	if rc == nil {
		t.Fatalf("Open(%q) returned a nil reader and no error", encoding)
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func TestOpenDecodes(t *testing.T) {
	hello := []byte("hello, world")
	tests := []struct {
		name     string
		body     []byte
		encoding string
		want     []byte
	}{
		{"gzip", compress(t, hello), "gzip", hello},
		{"x-gzip", compress(t, hello), "x-gzip", hello},
		{"case and space", compress(t, hello), " GZip ", hello},
		{"identity", hello, "identity", hello},
		{"no encoding", hello, "", hello},
		{"multi-member", compress(t, []byte("hello, "), []byte("world")), "gzip", hello},
		{"empty gzip", compress(t, nil), "gzip", []byte{}},
	}
	for _, tc := range tests {
		got, err := readAll(t, tc.body, tc.encoding, 1<<20)
		if err != nil || !bytes.Equal(got, tc.want) {
			t.Errorf("%s: Open+ReadAll = %q, %v, want %q", tc.name, got, err, tc.want)
		}
	}
}

func TestOpenCapsDecodedSize(t *testing.T) {
	const limit = 1000
	tests := []struct {
		name     string
		size     int
		encoding string
		wantErr  bool
	}{
		{"gzip under the limit", limit - 1, "gzip", false},
		{"gzip exactly at the limit", limit, "gzip", false},
		{"gzip one byte over", limit + 1, "gzip", true},
		{"identity exactly at the limit", limit, "", false},
		{"identity one byte over", limit + 1, "", true},
	}
	for _, tc := range tests {
		data := bytes.Repeat([]byte("x"), tc.size)
		body := data
		if tc.encoding == "gzip" {
			body = compress(t, data)
		}
		got, err := readAll(t, body, tc.encoding, limit)
		var tooLarge *TooLargeError
		if tc.wantErr {
			if !errors.As(err, &tooLarge) || tooLarge.Limit != limit {
				t.Errorf("%s: error = %v, want *TooLargeError{Limit: %d}", tc.name, err, limit)
			}
			if len(got) > limit {
				t.Errorf("%s: read %d bytes, want at most %d", tc.name, len(got), limit)
			}
			continue
		}
		if err != nil || len(got) != tc.size {
			t.Errorf("%s: read %d bytes, %v, want %d and no error", tc.name, len(got), err, tc.size)
		}
	}
}

func TestOpenStopsDecompressionBombs(t *testing.T) {
	// 64 members of 1 MB of zeros each: 64 MB decoded from about 64 KB.
	bomb := bytes.Repeat(compress(t, make([]byte, 1<<20)), 64)
	src := &countingReader{r: bytes.NewReader(bomb)}
	const limit = 256 << 10
	rc, err := Open(src, "gzip", limit)
	if err != nil {
		t.Fatalf("Open(bomb) = %v, want a reader", err)
	}
	if rc == nil {
		t.Fatal("Open(bomb) returned a nil reader and no error")
	}
	defer rc.Close()
	n, err := io.Copy(io.Discard, rc)
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) {
		t.Fatalf("reading a 64 MB bomb with a 256 KB limit = %d bytes, %v; want *TooLargeError", n, err)
	}
	if n > limit {
		t.Errorf("read %d decoded bytes, want at most the %d-byte limit", n, limit)
	}
	// 256 KB of zeros is about 256 bytes of gzip; allow generous buffering.
	if src.n > 16<<10 {
		t.Errorf("consumed %d compressed bytes of %d, want decompression to stop near the limit", src.n, len(bomb))
	}
}

func TestOpenRejects(t *testing.T) {
	if _, err := Open(strings.NewReader("x"), "br", 10); !errors.Is(err, ErrUnsupportedEncoding) {
		t.Errorf("Open(br) = %v, want ErrUnsupportedEncoding", err)
	}
	if _, err := Open(strings.NewReader("x"), "gzip, deflate", 10); !errors.Is(err, ErrUnsupportedEncoding) {
		t.Errorf("Open(gzip, deflate) = %v, want ErrUnsupportedEncoding", err)
	}
	if _, err := Open(strings.NewReader("definitely not gzip"), "gzip", 10); !errors.Is(err, gzip.ErrHeader) {
		t.Errorf("Open(not gzip) = %v, want gzip.ErrHeader", err)
	}

	// A valid header followed by garbage fails while reading, not with success.
	corrupt := compress(t, bytes.Repeat([]byte("abc"), 1000))
	corrupt = append(corrupt[:20:20], bytes.Repeat([]byte{0xff}, 40)...)
	if _, err := readAll(t, corrupt, "gzip", 1<<20); err == nil {
		t.Error("reading corrupt gzip data succeeded, want an error")
	}
	// Truncated: the stream ends before the gzip trailer.
	full := compress(t, bytes.Repeat([]byte("abc"), 1000))
	if _, err := readAll(t, full[:len(full)-4], "gzip", 1<<20); err == nil {
		t.Error("reading truncated gzip succeeded, want an error")
	}
}

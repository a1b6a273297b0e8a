package gzipbody

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
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
		t.Run(tc.name, func(t *testing.T) {
			got, err := readAll(t, tc.body, tc.encoding, 1<<20)
			if err != nil || !bytes.Equal(got, tc.want) {
				t.Errorf("Open(%q)+ReadAll = %q, %v, want %q", tc.encoding, got, err, tc.want)
			}
		})
	}
}

func TestOpenCapsDecodedSize(t *testing.T) {
	tests := []struct {
		name     string
		size     int
		encoding string
		limit    int64
		wantErr  bool
	}{
		{"gzip under the limit", 999, "gzip", 1000, false},
		{"gzip exactly at the limit", 1000, "gzip", 1000, false},
		{"gzip one byte over", 1001, "gzip", 1000, true},
		{"gzip far over", 100000, "gzip", 1000, true},
		{"identity exactly at the limit", 1000, "", 1000, false},
		{"identity one byte over", 1001, "", 1000, true},
		{"identity far over", 100000, "identity", 1000, true},
		{"limit 1, one byte", 1, "gzip", 1, false},
		{"limit 1, two bytes", 2, "gzip", 1, true},
		{"limit 0, nothing", 0, "gzip", 0, false},
		{"limit 0, one byte", 1, "", 0, true},
	}
	// The caller's read sizes must not matter: whole buffers (io.ReadAll),
	// or one byte at a time, which walks the remaining allowance down to 1.
	readers := []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"ReadAll", func(r io.Reader) io.Reader { return r }},
		{"one byte at a time", iotest.OneByteReader},
		{"from a one-byte-at-a-time body", nil},
	}
	for _, tc := range tests {
		for _, rd := range readers {
			t.Run(tc.name+", "+rd.name, func(t *testing.T) {
				data := bytes.Repeat([]byte("x"), tc.size)
				body := data
				if tc.encoding == "gzip" {
					body = compress(t, data)
				}
				var src io.Reader = bytes.NewReader(body)
				if rd.wrap == nil {
					src = iotest.OneByteReader(src)
				}
				rc, err := Open(src, tc.encoding, tc.limit)
				if err != nil || rc == nil {
					t.Fatalf("Open(%d bytes, %q, limit %d) = %v, %v, want a reader", tc.size, tc.encoding, tc.limit, rc, err)
				}
				defer rc.Close()
				var out io.Reader = rc
				if rd.wrap != nil {
					out = rd.wrap(rc)
				}
				got, err := io.ReadAll(out)
				var tooLarge *TooLargeError
				if tc.wantErr {
					if !errors.As(err, &tooLarge) || tooLarge.Limit != tc.limit {
						t.Errorf("reading %d bytes (%q) with limit %d: error = %v, want *TooLargeError{Limit: %d}", tc.size, tc.encoding, tc.limit, err, tc.limit)
					}
					if int64(len(got)) > tc.limit {
						t.Errorf("reading %d bytes (%q) with limit %d: read %d bytes, want at most %d", tc.size, tc.encoding, tc.limit, len(got), tc.limit)
					}
					return
				}
				if err != nil || !bytes.Equal(got, data) {
					t.Errorf("reading %d bytes (%q) with limit %d: read %d bytes, %v, want all %d and no error", tc.size, tc.encoding, tc.limit, len(got), err, tc.size)
				}
			})
		}
	}
}

// closeRecorder is a request body that notices being closed.
type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

// TestOpenClose: Close is the decompressor's (it reports a corrupt stream,
// as gzip.Reader.Close does) and never closes the body, which belongs to
// the caller (for a request, to the http.Server).
func TestOpenClose(t *testing.T) {
	full := compress(t, bytes.Repeat([]byte("abc"), 1000))
	corrupt := append(full[:20:20], bytes.Repeat([]byte{0xff}, 40)...)
	tests := []struct {
		name, encoding string
		body           []byte
		wantCloseErr   bool
	}{
		{"gzip", "gzip", full, false},
		{"corrupt gzip", "gzip", corrupt, true},
		{"identity", "identity", []byte("plain"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := &closeRecorder{Reader: bytes.NewReader(tc.body)}
			rc, err := Open(body, tc.encoding, 1<<20)
			if err != nil || rc == nil {
				t.Fatalf("Open(%s) = %v, %v, want a reader", tc.name, rc, err)
			}
			_, readErr := io.ReadAll(rc)
			if (readErr != nil) != tc.wantCloseErr {
				t.Fatalf("reading %s: error %v, want error: %v", tc.name, readErr, tc.wantCloseErr)
			}
			if err := rc.Close(); (err != nil) != tc.wantCloseErr {
				t.Errorf("Close after reading %s = %v, want an error: %v (Close reports what gzip.Reader.Close reports)", tc.name, err, tc.wantCloseErr)
			}
			if body.closed {
				t.Errorf("Close after reading %s closed the body; the body is the caller's to close", tc.name)
			}
		})
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

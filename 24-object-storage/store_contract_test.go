package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"workbook/testinfra"
)

// One contract, two backends: whatever the server relies on from a Store
// is checked here against the file system and against S3.

func TestStoreContractFS(t *testing.T) {
	storeContract(t, newTestFSStore(t))
}

func TestStoreContractS3(t *testing.T) {
	env := testinfra.S3(t) // skips with one line unless WORKBOOK_S3_URL is set or Docker answers
	s, err := newS3Store(env.Endpoint, env.AccessKey, env.SecretKey, env.Bucket, env.UseSSL)
	if err != nil {
		t.Fatal(err)
	}
	storeContract(t, s)
}

// newTestFSStore is a filesystem store whose pre-signed URLs point at a
// test server running the chapter's /signed/ handler.
func newTestFSStore(t *testing.T) *fsStore {
	t.Helper()
	signer := &urlSigner{secret: []byte("contract-test-key"), now: time.Now}
	var h http.Handler
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(ts.Close)
	s, err := newFSStore(t.TempDir(), signer, ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	srv := &server{store: s, signer: signer, log: discardLogger(), maxBytes: 1 << 20, cat: &catalog{allowed: allowedTypes}}
	h = routes(srv)
	return s
}

// storeContract runs every case on one store; the cases use disjoint keys.
func storeContract(t *testing.T, s Store) {
	ctx := context.Background()
	read := func(t *testing.T, s Store, key string) string {
		t.Helper()
		rc, info, err := s.Open(ctx, key)
		if err != nil {
			t.Fatalf("Open(%q): %v", key, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		if info.Size != int64(len(b)) {
			t.Errorf("Open(%q) Info.Size = %d, read %d bytes", key, info.Size, len(b))
		}
		return string(b)
	}
	put := func(t *testing.T, s Store, key, body string) {
		t.Helper()
		if err := s.Put(ctx, key, strings.NewReader(body), int64(len(body))); err != nil {
			t.Fatalf("Put(%q): %v", key, err)
		}
	}

	t.Run("put, open, stat, overwrite", func(t *testing.T) {
		put(t, s, "a/b/c.txt", "hello")
		if got := read(t, s, "a/b/c.txt"); got != "hello" {
			t.Errorf("read %q, want hello", got)
		}
		put(t, s, "a/b/c.txt", "bye")
		if got := read(t, s, "a/b/c.txt"); got != "bye" {
			t.Errorf("after overwrite read %q, want bye", got)
		}
		info, err := s.Stat(ctx, "a/b/c.txt")
		if err != nil || info.Size != 3 || info.Modified.IsZero() {
			t.Errorf("Stat = %+v, %v; want size 3 and a modification time", info, err)
		}
	})
	t.Run("seek serves a range without reading the rest", func(t *testing.T) {
		put(t, s, "digits", "0123456789")
		rc, _, err := s.Open(ctx, "digits")
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		if _, err := rc.Seek(7, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		if string(b) != "789" {
			t.Errorf("after Seek(7) read %q, want 789", b)
		}
	})
	t.Run("missing keys", func(t *testing.T) {
		if _, _, err := s.Open(ctx, "nope"); !errors.Is(err, ErrNotExist) {
			t.Errorf("Open(missing) err = %v, want ErrNotExist", err)
		}
		if _, err := s.Stat(ctx, "nope"); !errors.Is(err, ErrNotExist) {
			t.Errorf("Stat(missing) err = %v, want ErrNotExist", err)
		}
		if err := s.Delete(ctx, "nope"); err != nil {
			t.Errorf("Delete(missing) = %v, want nil", err)
		}
		put(t, s, "x", "1")
		if err := s.Delete(ctx, "x"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Stat(ctx, "x"); !errors.Is(err, ErrNotExist) {
			t.Errorf("Stat after Delete err = %v, want ErrNotExist", err)
		}
	})
	t.Run("a short body is refused and stores nothing", func(t *testing.T) {
		if err := s.Put(ctx, "short", strings.NewReader("abc"), 10); err == nil {
			t.Error("Put of 3 bytes declared as 10 succeeded")
		}
		if _, err := s.Stat(ctx, "short"); !errors.Is(err, ErrNotExist) {
			t.Errorf("after a failed Put, Stat err = %v, want ErrNotExist", err)
		}
	})
	t.Run("bad keys", func(t *testing.T) {
		for _, k := range []string{"", "../up", "a//b", "a/./b", "/abs", "back\\slash", "nl\n"} {
			if err := s.Put(ctx, k, strings.NewReader("x"), 1); !errors.Is(err, errBadKey) {
				t.Errorf("Put(%q) err = %v, want errBadKey", k, err)
			}
		}
	})
	t.Run("list is a flat namespace filtered by prefix", func(t *testing.T) {
		for _, k := range []string{"photos/2026/b.png", "photos/2026/a.png", "photos-old", "docs/x"} {
			put(t, s, k, k)
		}
		got, err := s.List(ctx, "photos")
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, i := range got {
			keys = append(keys, i.Key)
		}
		want := "photos-old photos/2026/a.png photos/2026/b.png"
		if strings.Join(keys, " ") != want {
			t.Errorf("List(photos) = %v, want %s", keys, want)
		}
	})
	t.Run("pre-signed GET and PUT work without credentials, tampering does not", func(t *testing.T) {
		put(t, s, "blobs/secret", "the bytes")
		u, err := s.PresignGet(ctx, "blobs/secret", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		code, body := httpDo(t, "GET", u, "")
		if code != 200 || body != "the bytes" {
			t.Errorf("GET pre-signed = %d %q, want 200 %q", code, body, "the bytes")
		}
		// Point the same signature at another key: refused.
		pu, _ := url.Parse(u)
		pu.Path = strings.Replace(pu.Path, "secret", "secreT", 1)
		put(t, s, "blobs/secreT", "other")
		if code, _ := httpDo(t, "GET", pu.String(), ""); code != http.StatusForbidden {
			t.Errorf("GET with the path changed = %d, want 403", code)
		}
		up, err := s.PresignPut(ctx, "incoming/one", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if code, body := httpDo(t, "PUT", up, "uploaded"); code != 200 {
			t.Fatalf("PUT pre-signed = %d %s, want 200", code, body)
		}
		if got := read(t, s, "incoming/one"); got != "uploaded" {
			t.Errorf("after pre-signed PUT read %q, want uploaded", got)
		}
		// A PUT URL is not a GET URL.
		if code, _ := httpDo(t, "GET", up, ""); code != http.StatusForbidden {
			t.Errorf("GET with a PUT signature = %d, want 403", code)
		}
	})
}

func httpDo(t *testing.T, method, u, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

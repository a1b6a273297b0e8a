// Package blobtest is the contract suite of service.BlobStore: whatever
// the uploads rely on from a store is checked here, against the file
// system (fsblob) and against S3 (s3, when testinfra.S3 finds one).
package blobtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"workbook/capstone/service"
)

// Run runs every case on s; the cases use disjoint keys, so one store serves all.
func Run(t *testing.T, s service.BlobStore) {
	ctx := context.Background()
	put := func(t *testing.T, key, body string) {
		t.Helper()
		if err := s.Put(ctx, key, strings.NewReader(body), int64(len(body)), "text/plain"); err != nil {
			t.Fatalf("Put(%q): %v", key, err)
		}
	}
	read := func(t *testing.T, key string) string {
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
		if info.Size != int64(len(b)) || info.Key != key {
			t.Errorf("Open(%q) info = %+v, read %d bytes", key, info, len(b))
		}
		return string(b)
	}

	t.Run("put, open, stat, overwrite", func(t *testing.T) {
		put(t, "a/b/c.txt", "hello")
		if got := read(t, "a/b/c.txt"); got != "hello" {
			t.Errorf("read %q, want hello", got)
		}
		put(t, "a/b/c.txt", "bye")
		if got := read(t, "a/b/c.txt"); got != "bye" {
			t.Errorf("after overwrite read %q, want bye", got)
		}
		info, err := s.Stat(ctx, "a/b/c.txt")
		if err != nil || info.Size != 3 || info.Modified.IsZero() || info.Key != "a/b/c.txt" {
			t.Errorf("Stat = %+v, %v; want size 3, the key and a modification time", info, err)
		}
	})
	t.Run("seek reads from the offset", func(t *testing.T) {
		put(t, "digits", "0123456789")
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
		if _, err := rc.Seek(2, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		two := make([]byte, 2)
		if _, err := io.ReadFull(rc, two); err != nil || string(two) != "23" {
			t.Errorf("after Seek(2) read %q, %v; want 23", two, err)
		}
	})
	t.Run("missing keys", func(t *testing.T) {
		if _, _, err := s.Open(ctx, "nope"); !errors.Is(err, service.ErrBlobNotFound) {
			t.Errorf("Open(missing) err = %v, want ErrBlobNotFound", err)
		}
		if _, err := s.Stat(ctx, "nope"); !errors.Is(err, service.ErrBlobNotFound) {
			t.Errorf("Stat(missing) err = %v, want ErrBlobNotFound", err)
		}
		if err := s.Delete(ctx, "nope"); err != nil {
			t.Errorf("Delete(missing) = %v, want nil", err)
		}
		put(t, "x", "1")
		if err := s.Delete(ctx, "x"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Stat(ctx, "x"); !errors.Is(err, service.ErrBlobNotFound) {
			t.Errorf("Stat after Delete err = %v, want ErrBlobNotFound", err)
		}
	})
	t.Run("a prefix of a key is no key", func(t *testing.T) {
		put(t, "dir/file", "f")
		if _, err := s.Stat(ctx, "dir"); !errors.Is(err, service.ErrBlobNotFound) {
			t.Errorf("Stat(dir) err = %v, want ErrBlobNotFound (a directory on disk is not an object)", err)
		}
		if _, _, err := s.Open(ctx, "dir"); !errors.Is(err, service.ErrBlobNotFound) {
			t.Errorf("Open(dir) err = %v, want ErrBlobNotFound", err)
		}
	})
	t.Run("a short body is refused and stores nothing", func(t *testing.T) {
		if err := s.Put(ctx, "short", strings.NewReader("abc"), 10, "text/plain"); err == nil {
			t.Error("Put of 3 bytes declared as 10 succeeded")
		}
		if _, err := s.Stat(ctx, "short"); !errors.Is(err, service.ErrBlobNotFound) {
			t.Errorf("after a failed Put, Stat err = %v, want ErrBlobNotFound", err)
		}
	})
	t.Run("bad keys are refused by every method", func(t *testing.T) {
		for _, k := range []string{"", "../up", "a/../../up", "a//b", "a/./b", "/abs", ".tmp/x", "back\\slash", "nl\n", "nul\x00", strings.Repeat("k", 1025)} {
			if err := s.Put(ctx, k, strings.NewReader("x"), 1, "text/plain"); !errors.Is(err, service.ErrBadBlobKey) {
				t.Errorf("Put(%q) err = %v, want ErrBadBlobKey", k, err)
			}
			if _, _, err := s.Open(ctx, k); !errors.Is(err, service.ErrBadBlobKey) {
				t.Errorf("Open(%q) err = %v, want ErrBadBlobKey", k, err)
			}
			if _, err := s.Stat(ctx, k); !errors.Is(err, service.ErrBadBlobKey) {
				t.Errorf("Stat(%q) err = %v, want ErrBadBlobKey", k, err)
			}
			if err := s.Delete(ctx, k); !errors.Is(err, service.ErrBadBlobKey) {
				t.Errorf("Delete(%q) err = %v, want ErrBadBlobKey", k, err)
			}
			if _, err := s.PresignGet(ctx, k, time.Minute); !errors.Is(err, service.ErrBadBlobKey) {
				t.Errorf("PresignGet(%q) err = %v, want ErrBadBlobKey", k, err)
			}
		}
	})
	t.Run("concurrent puts of one key leave one whole value", func(t *testing.T) {
		// Content-addressed keys make this the normal case: two users
		// upload the same picture at once.
		bodies := make([]string, 8)
		for i := range bodies {
			bodies[i] = strings.Repeat(fmt.Sprint(i), 64<<10)
		}
		var wg sync.WaitGroup
		errs := make(chan error, len(bodies))
		for _, b := range bodies {
			wg.Go(func() { errs <- s.Put(ctx, "same", strings.NewReader(b), int64(len(b)), "text/plain") })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		got := read(t, "same")
		found := false
		for _, b := range bodies {
			found = found || got == b
		}
		if !found {
			t.Errorf("after concurrent puts the value is none of them (%d bytes, starts %q): a mix", len(got), got[:8])
		}
	})
	t.Run("a pre-signed GET works without credentials, a tampered one does not", func(t *testing.T) {
		put(t, "signed/secret", "the bytes")
		put(t, "signed/secreT", "other")
		u, err := s.PresignGet(ctx, "signed/secret", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if u == "" {
			t.Log("PresignGet = \"\": this store has no URLs of its own; the API serves its bytes")
			return
		}
		if code, body := get(t, u); code != http.StatusOK || body != "the bytes" {
			t.Errorf("GET pre-signed = %d %q, want 200 %q", code, body, "the bytes")
		}
		pu, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		pu.Path = strings.Replace(pu.Path, "secret", "secreT", 1)
		if code, _ := get(t, pu.String()); code != http.StatusForbidden {
			t.Errorf("GET with the key changed = %d, want 403", code)
		}
	})
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = io.Copy(&b, resp.Body)
	return resp.StatusCode, b.String()
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"workbook/serve/problem/problemtest"
)

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// clock is a settable time for expiry and lifecycle tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type testEnv struct {
	srv   *server
	ts    *httptest.Server
	clock *clock
}

// newTestEnv runs the whole server on the filesystem backend over a real
// listener, with a fake clock and the thumbnail worker running.
func newTestEnv(t *testing.T, maxBytes int64) *testEnv {
	t.Helper()
	clk := &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	signer := &urlSigner{secret: []byte("test-key"), now: clk.now}
	var h http.Handler
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(ts.Close)
	dir := t.TempDir()
	store, err := newFSStore(dir+"/objects", signer, ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := newObjectServer(ctx, store, signer, dir+"/spool", maxBytes, clk.now, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	srv.policy = lifecyclePolicy{expireDays: 90, noncurrentDays: 30, coldDays: 7}
	done := make(chan struct{})
	go func() { srv.thumbs.run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	h = problemtest.WatchErrors(t, routes(srv))
	return &testEnv{srv: srv, ts: ts, clock: clk}
}

type response struct {
	code int
	h    http.Header
	body string
}

func (e *testEnv) do(t *testing.T, method, path string, body io.Reader, headers ...string) response {
	t.Helper()
	u := path
	if strings.HasPrefix(path, "/") {
		u = e.ts.URL + path
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(b)}
}

func decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decode %q: %v", body, err)
	}
	return v
}

type putResult struct {
	Name         string `json:"name"`
	VersionID    string `json:"versionId"`
	SHA256       string `json:"sha256"`
	Size         int64  `json:"size"`
	ContentType  string `json:"contentType"`
	Deduplicated bool   `json:"deduplicated"`
}

func (e *testEnv) put(t *testing.T, name, body string, headers ...string) putResult {
	t.Helper()
	r := e.do(t, "PUT", "/objects/"+name, strings.NewReader(body), headers...)
	if r.code != http.StatusCreated {
		t.Fatalf("PUT /objects/%s = %d %s, want 201", name, r.code, r.body)
	}
	return decode[putResult](t, r.body)
}

const sha256Hello = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" // sha256("hello")

func TestUploadDownloadMetadata(t *testing.T) {
	e := newTestEnv(t, 1<<20)
	p := e.put(t, "docs/greeting.txt", "hello", "X-Meta-Author", "ana", "Content-Type", "image/png")
	if p.SHA256 != sha256Hello || p.Size != 5 || p.ContentType != "text/plain; charset=utf-8" || p.Deduplicated {
		t.Errorf("PUT result = %+v; want sha256(hello), size 5, the sniffed text/plain (not the claimed image/png), not deduplicated", p)
	}
	r := e.do(t, "GET", "/objects/docs/greeting.txt", nil)
	if r.code != 200 || r.body != "hello" {
		t.Fatalf("GET = %d %q, want 200 hello", r.code, r.body)
	}
	for k, want := range map[string]string{
		"ETag": `"` + sha256Hello + `"`, "Cache-Control": "no-cache", "X-Meta-Author": "ana",
		"Content-Type": "text/plain; charset=utf-8", "Last-Modified": "Sun, 01 Mar 2026 12:00:00 GMT",
		"Accept-Ranges": "bytes", "X-Version-Id": p.VersionID,
	} {
		if got := r.h.Get(k); got != want {
			t.Errorf("GET %s = %q, want %q", k, got, want)
		}
	}
	if r := e.do(t, "GET", "/objects/docs/greeting.txt", nil, "If-None-Match", `"`+sha256Hello+`"`); r.code != http.StatusNotModified {
		t.Errorf("GET If-None-Match: ETag = %d, want 304", r.code)
	}
	if r := e.do(t, "HEAD", "/objects/docs/greeting.txt", nil); r.code != 200 || r.h.Get("Content-Length") != "5" || r.body != "" {
		t.Errorf("HEAD = %d, Content-Length %q, body %q; want 200, 5, empty", r.code, r.h.Get("Content-Length"), r.body)
	}
	b := e.do(t, "GET", "/blobs/"+sha256Hello, nil)
	if b.code != 200 || b.body != "hello" || b.h.Get("Cache-Control") != "public, max-age=31536000, immutable" || b.h.Get("ETag") != `"`+sha256Hello+`"` {
		t.Errorf("GET /blobs/<sha> = %d %q Cache-Control %q ETag %q; want the bytes, immutable for a year, ETag the hash", b.code, b.body, b.h.Get("Cache-Control"), b.h.Get("ETag"))
	}
	r = e.do(t, "GET", "/objects/missing", nil)
	problemtest.Want(t, r.code, r.h, r.body, 404, "/objects/missing")
}

func TestDedupStoresIdenticalContentOnce(t *testing.T) {
	e := newTestEnv(t, 1<<20)
	a := e.put(t, "a.txt", "hello")
	b := e.put(t, "copies/b.txt", "hello")
	if !b.Deduplicated || a.Deduplicated || a.SHA256 != b.SHA256 {
		t.Errorf("second identical upload: deduplicated=%v (first %v), hashes %s %s; want only the second deduplicated, same hash", b.Deduplicated, a.Deduplicated, a.SHA256, b.SHA256)
	}
	keys, err := e.srv.store.List(context.Background(), "blobs/")
	if err != nil || len(keys) != 1 {
		t.Errorf("blobs stored = %v, %v; want exactly one", keys, err)
	}
	st := decode[stats](t, e.do(t, "GET", "/stats", nil).body)
	if st.Logical != 10 || st.Stored != 5 || st.Blobs != 1 || st.Objects != 2 {
		t.Errorf("stats = %+v; want 2 objects, 10 logical bytes in 1 blob of 5", st)
	}
}

func TestVersioningAndFlatListing(t *testing.T) {
	e := newTestEnv(t, 1<<20)
	v1 := e.put(t, "photos/2026/a.txt", "one")
	e.clock.add(time.Hour)
	v2 := e.put(t, "photos/2026/a.txt", "two")
	e.put(t, "photos/b.txt", "b")
	e.put(t, "readme.txt", "r")
	if r := e.do(t, "GET", "/objects/photos/2026/a.txt", nil); r.body != "two" {
		t.Errorf("current version = %q, want two", r.body)
	}
	if r := e.do(t, "GET", "/objects/photos/2026/a.txt?versionId="+v1.VersionID, nil); r.body != "one" {
		t.Errorf("?versionId=v1 = %q, want one", r.body)
	}
	list := decode[struct {
		Names    []string `json:"names"`
		Prefixes []string `json:"commonPrefixes"`
	}](t, e.do(t, "GET", "/list?prefix=photos/&delimiter=/", nil).body)
	if strings.Join(list.Names, ",") != "photos/b.txt" || strings.Join(list.Prefixes, ",") != "photos/2026/" {
		t.Errorf("list photos/ with delimiter = %+v; want names [photos/b.txt], prefixes [photos/2026/]", list)
	}
	r := e.do(t, "DELETE", "/objects/photos/2026/a.txt", nil)
	if r.code != 204 || r.h.Get("X-Delete-Marker") != "true" {
		t.Errorf("DELETE = %d marker %q, want 204 true", r.code, r.h.Get("X-Delete-Marker"))
	}
	r = e.do(t, "GET", "/objects/photos/2026/a.txt", nil)
	problemtest.Want(t, r.code, r.h, r.body, 404, "/objects/photos/2026/a.txt")
	if r := e.do(t, "GET", "/objects/photos/2026/a.txt?versionId="+v2.VersionID, nil); r.body != "two" {
		t.Errorf("a version behind a delete marker = %q, want two (versions survive a DELETE)", r.body)
	}
	vs := decode[struct {
		Versions []Version `json:"versions"`
	}](t, e.do(t, "GET", "/versions/photos/2026/a.txt", nil).body)
	if len(vs.Versions) != 3 || !vs.Versions[2].DeleteMarker || vs.Versions[0].Noncurrent.IsZero() {
		t.Errorf("versions = %+v; want v1 (noncurrent), v2, delete marker", vs.Versions)
	}
	r = e.do(t, "DELETE", "/objects/photos/2026/a.txt", nil)
	problemtest.Want(t, r.code, r.h, r.body, 404, "/objects/photos/2026/a.txt")
}

func TestRangeRequests(t *testing.T) {
	e := newTestEnv(t, 1<<20)
	e.put(t, "digits.txt", "0123456789")
	etag := `"` + e.put(t, "digits.txt", "0123456789").SHA256 + `"`
	cases := []struct {
		name, rng, ifRange string
		code               int
		body, cr           string
	}{
		{"first bytes", "bytes=0-3", "", 206, "0123", "bytes 0-3/10"},
		{"open range", "bytes=7-", "", 206, "789", "bytes 7-9/10"},
		{"suffix", "bytes=-2", "", 206, "89", "bytes 8-9/10"},
		{"end past the size is clipped", "bytes=8-100", "", 206, "89", "bytes 8-9/10"},
		{"start past the end", "bytes=10-", "", 416, "", "bytes */10"},
		{"If-Range matches: the range", "bytes=0-0", etag, 206, "0", "bytes 0-0/10"},
		{"If-Range stale: the whole object", "bytes=0-0", `"old"`, 200, "0123456789", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := []string{"Range", c.rng}
			if c.ifRange != "" {
				h = append(h, "If-Range", c.ifRange)
			}
			r := e.do(t, "GET", "/objects/digits.txt", nil, h...)
			if r.code != c.code || r.h.Get("Content-Range") != c.cr || (c.code != 416 && r.body != c.body) {
				t.Errorf("Range %s (If-Range %s) = %d %q Content-Range %q; want %d %q %q", c.rng, c.ifRange, r.code, r.body, r.h.Get("Content-Range"), c.code, c.body, c.cr)
			}
		})
	}
	r := e.do(t, "GET", "/objects/digits.txt", nil, "Range", "bytes=10-")
	problemtest.Want(t, r.code, r.h, r.body, 416, "/objects/digits.txt")
	r = e.do(t, "GET", "/objects/digits.txt", nil, "Range", "bytes=5-2")
	problemtest.Want(t, r.code, r.h, r.body, 416, "/objects/digits.txt")
	if r.h.Get("Content-Range") != "" {
		t.Errorf("a malformed range got Content-Range %q, want none", r.h.Get("Content-Range"))
	}
	r = e.do(t, "GET", "/objects/digits.txt", nil, "If-Match", `"other"`)
	problemtest.Want(t, r.code, r.h, r.body, 412, "/objects/digits.txt")
	// Ranges adding up to more than the object: ServeContent ignores them.
	if r := e.do(t, "GET", "/objects/digits.txt", nil, "Range", "bytes=0-9,0-9"); r.code != 200 || r.body != "0123456789" {
		t.Errorf("ranges summing past the size = %d %q, want 200 and the whole object", r.code, r.body)
	}
	r = e.do(t, "GET", "/objects/digits.txt", nil, "Range", "bytes=0-1,5-6")
	if r.code != 206 || !strings.HasPrefix(r.h.Get("Content-Type"), "multipart/byteranges; boundary=") ||
		!strings.Contains(r.body, "Content-Range: bytes 0-1/10\r\n") || !strings.Contains(r.body, "\r\n\r\n01\r\n") ||
		!strings.Contains(r.body, "Content-Range: bytes 5-6/10\r\n") || !strings.Contains(r.body, "\r\n\r\n56\r\n") {
		t.Errorf("two ranges = %d %s\n%s; want 206 multipart/byteranges with both parts", r.code, r.h.Get("Content-Type"), r.body)
	}
}

func TestPresignedURLs(t *testing.T) {
	e := newTestEnv(t, 1<<20)
	e.put(t, "secret.txt", "hello")
	presign := func(body string) response {
		return e.do(t, "POST", "/presign", strings.NewReader(body), "Content-Type", "application/json")
	}
	r := presign(`{"method":"GET","name":"secret.txt","expires":"10m"}`)
	if r.code != 200 {
		t.Fatalf("presign GET = %d %s", r.code, r.body)
	}
	get := decode[map[string]string](t, r.body)
	if !strings.Contains(get["url"], "/signed/blobs/"+sha256Hello+"?expires=") || get["expiresAt"] != "2026-03-01T12:10:00Z" {
		t.Errorf("presign GET = %v; want a /signed/blobs/<sha> URL expiring at 12:10", get)
	}
	if r := e.do(t, "GET", get["url"], nil); r.code != 200 || r.body != "hello" || r.h.Get("Cache-Control") != "private, no-store" {
		t.Errorf("GET the URL = %d %q %q; want 200 hello, private no-store", r.code, r.body, r.h.Get("Cache-Control"))
	}
	tampered := strings.Replace(get["url"], "expires=", "expires=9", 1)
	r = e.do(t, "GET", tampered, nil)
	problemtest.Want(t, r.code, r.h, r.body, 403, "/signed/blobs/"+sha256Hello)
	if strings.Contains(r.body, "signature") && strings.Contains(r.body, "signature=") {
		t.Errorf("403 body echoes the credential: %s", r.body)
	}
	e.clock.add(10*time.Minute - time.Second)
	if r := e.do(t, "GET", get["url"], nil); r.code != 200 {
		t.Errorf("GET one second before expiry = %d, want 200", r.code)
	}
	e.clock.add(time.Second)
	r = e.do(t, "GET", get["url"], nil)
	problemtest.Want(t, r.code, r.h, r.body, 403, "")

	// Direct upload with a pre-signed PUT, then commit under the name.
	put := decode[map[string]string](t, presign(`{"method":"PUT","name":"up/loaded.txt"}`).body)
	if r := e.do(t, "PUT", put["url"], strings.NewReader("direct bytes")); r.code != 200 {
		t.Fatalf("PUT pre-signed = %d %s", r.code, r.body)
	}
	if r := e.do(t, "POST", put["commit"], nil); r.code != 201 {
		t.Fatalf("commit = %d %s", r.code, r.body)
	}
	if r := e.do(t, "GET", "/objects/up/loaded.txt", nil); r.body != "direct bytes" {
		t.Errorf("after commit GET = %q, want direct bytes", r.body)
	}
	if left, _ := e.srv.store.List(context.Background(), "incoming/"); len(left) != 0 {
		t.Errorf("incoming keys after commit = %v, want none", left)
	}
	r = e.do(t, "POST", put["commit"], nil)
	problemtest.Want(t, r.code, r.h, r.body, 404, "")
	big := decode[map[string]string](t, presign(`{"method":"PUT","name":"big.bin"}`).body)
	r = e.do(t, "PUT", big["url"], strings.NewReader(strings.Repeat("x", 2<<20)))
	problemtest.Want(t, r.code, r.h, r.body, 413, "")
	r = e.do(t, "GET", big["url"], nil) // a PUT signature does not grant GET
	problemtest.Want(t, r.code, r.h, r.body, 403, "")
	r = e.do(t, "POST", big["commit"], nil) // nothing was uploaded: 404, and the commit stays open
	problemtest.Want(t, r.code, r.h, r.body, 404, "")
	if r := e.do(t, "PUT", big["url"], strings.NewReader("small now")); r.code != 200 {
		t.Fatalf("PUT pre-signed after a refusal = %d %s", r.code, r.body)
	}
	if r := e.do(t, "POST", big["commit"], nil); r.code != 201 {
		t.Errorf("commit after a retried PUT = %d %s, want 201", r.code, r.body)
	}

	r = presign(`{"method":"DELETE","name":"","expires":"8d"}`)
	p := problemtest.Want(t, r.code, r.h, r.body, 422, "/presign")
	if len(p.Errors) != 3 {
		t.Errorf("422 errors = %+v, want one each for method, name and expires", p.Errors)
	}
	r = presign(`{"method":`)
	problemtest.Want(t, r.code, r.h, r.body, 400, "/presign")
	r = presign(`{"method":"GET","name":"missing"}`)
	problemtest.Want(t, r.code, r.h, r.body, 404, "/presign")
}

func TestResumableUpload(t *testing.T) {
	e := newTestEnv(t, 1<<20)
	r := e.do(t, "POST", "/uploads?name=big.txt", nil, "Upload-Length", "11", "X-Meta-Source", "phone")
	if r.code != 201 || !strings.HasPrefix(r.h.Get("Location"), "/uploads/") {
		t.Fatalf("create = %d %v, want 201 with Location", r.code, r.h)
	}
	loc := r.h.Get("Location")
	patch := func(offset, body string) response {
		return e.do(t, "PATCH", loc, strings.NewReader(body), "Upload-Offset", offset, "Content-Type", offsetContentType)
	}
	if r := patch("0", "hello "); r.code != 204 || r.h.Get("Upload-Offset") != "6" {
		t.Errorf("PATCH 0 = %d offset %q, want 204 6", r.code, r.h.Get("Upload-Offset"))
	}
	r = patch("0", "hello ") // a retry from an old offset
	problemtest.Want(t, r.code, r.h, r.body, 409, loc)
	if r.h.Get("Upload-Offset") != "6" {
		t.Errorf("409 carries Upload-Offset %q, want 6", r.h.Get("Upload-Offset"))
	}
	r = patch("8", "rld")
	problemtest.Want(t, r.code, r.h, r.body, 409, loc)
	if r := e.do(t, "HEAD", loc, nil); r.code != 200 || r.h.Get("Upload-Offset") != "6" || r.h.Get("Upload-Length") != "11" || r.h.Get("Cache-Control") != "no-store" {
		t.Errorf("HEAD = %d %v; want 200, offset 6, length 11, no-store", r.code, r.h)
	}
	r = patch("6", "world and more") // past the declared length
	problemtest.Want(t, r.code, r.h, r.body, 413, loc)
	r = e.do(t, "PATCH", loc, strings.NewReader("world"), "Upload-Offset", "6", "Content-Type", "text/plain")
	problemtest.Want(t, r.code, r.h, r.body, 415, loc)
	if r := patch("6", "world"); r.code != 204 || r.h.Get("Upload-Offset") != "11" || r.h.Get("Content-Location") != "/objects/big.txt" {
		t.Errorf("last PATCH = %d %v; want 204, offset 11, Content-Location /objects/big.txt", r.code, r.h)
	}
	if r := e.do(t, "GET", "/objects/big.txt", nil); r.body != "hello world" || r.h.Get("X-Meta-Source") != "phone" {
		t.Errorf("GET after resumable upload = %q meta %q, want hello world, phone", r.body, r.h.Get("X-Meta-Source"))
	}
	r = e.do(t, "HEAD", loc, nil)
	if r.code != 404 {
		t.Errorf("HEAD of a finished upload = %d, want 404", r.code)
	}
	r = e.do(t, "POST", "/uploads", nil, "Upload-Length", "-1")
	p := problemtest.Want(t, r.code, r.h, r.body, 400, "/uploads")
	if len(p.Errors) != 2 {
		t.Errorf("create without name or length: errors %+v, want both", p.Errors)
	}
	r = e.do(t, "POST", "/uploads?name=x", nil, "Upload-Length", "2000000")
	problemtest.Want(t, r.code, r.h, r.body, 413, "/uploads?name=x")
}

func TestUploadLimits(t *testing.T) {
	e := newTestEnv(t, 64)
	r := e.do(t, "PUT", "/objects/too-big.txt", strings.NewReader(strings.Repeat("a", 65)))
	p := problemtest.Want(t, r.code, r.h, r.body, 413, "/objects/too-big.txt")
	if !strings.Contains(p.Detail, "64 bytes") {
		t.Errorf("413 detail %q does not name the limit", p.Detail)
	}
	// A chunked body (no Content-Length) is cut off by MaxBytesReader.
	r = e.do(t, "PUT", "/objects/too-big.txt", io.MultiReader(strings.NewReader(strings.Repeat("a", 40)), strings.NewReader(strings.Repeat("a", 40))))
	problemtest.Want(t, r.code, r.h, r.body, 413, "/objects/too-big.txt")
	r = e.do(t, "PUT", "/objects/prog.exe", strings.NewReader("MZ\x90\x00\x03\x00\x00\x00binary"), "Content-Type", "text/plain")
	p = problemtest.Want(t, r.code, r.h, r.body, 415, "/objects/prog.exe")
	if !strings.Contains(p.Detail, "image/png") {
		t.Errorf("415 detail %q does not list the accepted types", p.Detail)
	}
	if st := decode[stats](t, e.do(t, "GET", "/stats", nil).body); st.Blobs != 0 {
		t.Errorf("refused uploads left %d blobs", st.Blobs)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	e := newTestEnv(t, 64)
	for _, c := range []struct{ method, path, allow string }{
		{"POST", "/objects/a", "DELETE, GET, HEAD, PUT"},
		{"DELETE", "/blobs/abc", "GET, HEAD"},
		{"GET", "/uploads/abc", "HEAD, PATCH"},
	} {
		r := e.do(t, c.method, c.path, nil)
		problemtest.Want(t, r.code, r.h, r.body, 405, c.path)
		if r.h.Get("Allow") != c.allow {
			t.Errorf("%s %s Allow = %q, want %q", c.method, c.path, r.h.Get("Allow"), c.allow)
		}
	}
}

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, x*h/w, color.RGBA{R: 200, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestThumbnailsAppearAsynchronously(t *testing.T) {
	e := newTestEnv(t, 1<<20)
	r := e.do(t, "PUT", "/objects/pic.png", bytes.NewReader(pngOf(t, 640, 320)))
	if r.code != 201 {
		t.Fatalf("PUT png = %d %s", r.code, r.body)
	}
	sha := decode[putResult](t, r.body).SHA256
	deadline := time.Now().Add(10 * time.Second)
	for {
		r = e.do(t, "GET", "/thumbs/"+sha, nil)
		if r.code == 200 || time.Now().After(deadline) {
			break
		}
		if r.h.Get("Retry-After") == "" {
			t.Errorf("404 for a thumbnail not ready has no Retry-After")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if r.code != 200 {
		t.Fatalf("no thumbnail within 10 s: %d %s", r.code, r.body)
	}
	cfg, err := png.DecodeConfig(strings.NewReader(r.body))
	if err != nil || cfg.Width != thumbSize || cfg.Height != thumbSize/2 {
		t.Errorf("thumbnail = %dx%d (%v), want %dx%d (aspect kept)", cfg.Width, cfg.Height, err, thumbSize, thumbSize/2)
	}
	if r.h.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("thumbnail Cache-Control = %q", r.h.Get("Cache-Control"))
	}
}

func TestFit(t *testing.T) {
	for _, c := range []struct{ w, h, ww, wh int }{
		{640, 320, 128, 64}, {320, 640, 64, 128}, {100, 50, 100, 50}, {128, 128, 128, 128}, {10000, 1, 128, 1}, {1, 10000, 1, 128},
	} {
		if got := fit(image.Rect(0, 0, c.w, c.h), 128); got.Dx() != c.ww || got.Dy() != c.wh {
			t.Errorf("fit(%dx%d) = %dx%d, want %dx%d", c.w, c.h, got.Dx(), got.Dy(), c.ww, c.wh)
		}
	}
}

func TestLifecycle(t *testing.T) {
	e := newTestEnv(t, 1<<20) // policy: expire 90 d, noncurrent 30 d, cold 7 d
	e.put(t, "log.txt", strings.Repeat("a line of text that compresses well\n", 100))
	old := e.put(t, "doc.txt", "first")
	e.clock.add(24 * time.Hour)
	e.put(t, "doc.txt", "second") // "first" becomes noncurrent now
	run := func() lifecycleReport {
		r := e.do(t, "POST", "/lifecycle/run", nil)
		if r.code != 200 {
			t.Fatalf("lifecycle run = %d %s", r.code, r.body)
		}
		return decode[lifecycleReport](t, r.body)
	}
	if rep := run(); rep != (lifecycleReport{}) {
		t.Errorf("day 1 run = %+v, want nothing to do", rep)
	}
	e.clock.add(6 * 24 * time.Hour) // day 7: log.txt is 7 days old, "second" 6
	if rep := run(); rep != (lifecycleReport{Transition: 2}) {
		t.Errorf("day 7 run = %+v, want the blobs of log.txt and first to go cold", rep)
	}
	r := e.do(t, "GET", "/objects/log.txt", nil, "Range", "bytes=0-3")
	if r.code != 200 || r.h.Get("X-Storage-Tier") != "cold" || r.h.Get("Accept-Ranges") != "none" || r.body != strings.Repeat("a line of text that compresses well\n", 100) {
		t.Errorf("GET cold = %d tier %q Accept-Ranges %q, %d bytes; want 200 (ranges ignored), cold, none, the whole text", r.code, r.h.Get("X-Storage-Tier"), r.h.Get("Accept-Ranges"), len(r.body))
	}
	if st := decode[stats](t, e.do(t, "GET", "/stats", nil).body); st.ColdBlobs != 2 || st.Stored >= st.Logical {
		t.Errorf("stats after transition = %+v; want 2 cold blobs, stored < logical", st)
	}
	e.clock.add(24 * 24 * time.Hour) // day 31: "first" has been noncurrent for 30 days
	if rep := run(); rep != (lifecycleReport{Removed: 1, Collected: 1, Transition: 1}) {
		t.Errorf("day 31 run = %+v, want first removed, its blob collected, second's blob cold", rep)
	}
	if r := e.do(t, "GET", "/objects/doc.txt?versionId="+old.VersionID, nil); r.code != 404 {
		t.Errorf("removed noncurrent version = %d, want 404", r.code)
	}
	e.clock.add(60 * 24 * time.Hour) // day 91: both current versions expire
	if rep := run(); rep.Expired != 2 {
		t.Errorf("day 91 run = %+v, want 2 expired", rep)
	}
	if r := e.do(t, "GET", "/objects/log.txt", nil); r.code != 404 {
		t.Errorf("expired object = %d, want 404", r.code)
	}
	e.clock.add(30 * 24 * time.Hour) // their versions are now 30 days noncurrent
	rep := run()
	if rep.Removed != 4 || rep.Collected != 2 {
		t.Errorf("day 121 run = %+v, want 2 versions and 2 lone delete markers removed, 2 blobs collected", rep)
	}
	if left, _ := e.srv.store.List(context.Background(), "cold/"); len(left) != 0 {
		t.Errorf("cold keys left = %v, want none", left)
	}
}

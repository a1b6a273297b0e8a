package httpapi

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"workbook/capstone/fsblob"
	"workbook/capstone/inprocess"
	"workbook/capstone/memory"
	"workbook/capstone/service"
)

// uploadEnv is a server with uploads on a directory and a job queue the
// test runs by hand, so "before the thumbnail job" is a state it can see.
type uploadEnv struct {
	srv    *Server
	store  *memory.Store
	blobs  *fsblob.Store
	queue  *inprocess.Queue
	thumbs service.Thumbnails
}

const testUploadLimit = 64 << 10

func newUploadEnv(t *testing.T, blobs ...service.BlobStore) uploadEnv {
	t.Helper()
	fs, err := fsblob.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var b service.BlobStore = fs
	if len(blobs) > 0 {
		b = blobs[0]
	}
	e := uploadEnv{store: memory.New(), blobs: fs, queue: inprocess.New(100, 1, []time.Duration{time.Millisecond}), thumbs: service.Thumbnails{Blobs: b}}
	e.srv = newTestServer(t, func(c *Config) {
		c.Users = &service.Users{Store: e.store, Hasher: service.Bcrypt{Cost: 4}}
		c.Profiles = &service.Profiles{Users: e.store, Follows: e.store}
		c.Articles = &service.Articles{Store: e.store}
		c.Comments = &service.Comments{Store: e.store, Articles: e.store}
		c.Uploads = &service.Uploads{Blobs: b, Users: e.store, Articles: e.store, Jobs: e.queue,
			URLPrefix: "http://api.test" + UploadsPath, Limit: testUploadLimit, MaxSide: 1000}
	})
	return e
}

func (e uploadEnv) runJobs(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.queue.Run(ctx, service.Handlers{service.JobThumbnail: e.thumbs.Handle}.Handle) }()
	e.queue.Wait()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if dead := e.queue.Dead(); len(dead) > 0 {
		t.Fatalf("dead jobs: %+v", dead)
	}
}

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{uint8(x), uint8(y), 99, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bombPNG declares 50 000 × 50 000 pixels in 33 bytes.
func bombPNG() []byte {
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], 50_000)
	binary.BigEndian.PutUint32(ihdr[4:], 50_000)
	ihdr[8], ihdr[9] = 8, 6
	chunk := append([]byte("IHDR"), ihdr[:]...)
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	_ = binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// part is one field of a multipart body.
type part struct {
	name, filename, ctype string
	data                  []byte
}

func multipartBody(t *testing.T, parts ...part) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		cd := `form-data; name="` + p.name + `"`
		if p.filename != "" {
			cd += `; filename="` + p.filename + `"`
		}
		h.Set("Content-Disposition", cd)
		if p.ctype != "" {
			h.Set("Content-Type", p.ctype)
		}
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(p.data)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String(), mw.FormDataContentType()
}

// errorMessage is the first message of an error body.
func errorMessage(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	assertErrorShape(t, w)
	return decodeJSON[errorResponse](t, w).Errors.Body[0]
}

func TestUserImageUpload(t *testing.T) {
	e := newUploadEnv(t)
	token := register(t, e.srv, "jake")
	png1 := testPNG(t, 40, 30)
	form, formType := multipartBody(t,
		part{name: "caption", data: []byte("me")},
		part{name: "image", filename: "../../etc/passwd.png", ctype: "text/html", data: png1})
	noImage, noImageType := multipartBody(t, part{name: "avatar", filename: "a.png", data: png1})
	tooBig := append(testPNG(t, 2, 2), make([]byte, testUploadLimit)...)
	bigForm, bigFormType := multipartBody(t, part{name: "image", data: tooBig})
	html := "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"

	cases := []struct {
		name   string
		token  string
		body   string
		ctype  string
		want   int
		inMsg  string
		header map[string]string
	}{
		{name: "no token", body: string(png1), ctype: "image/png", want: 401},
		{name: "bad token", token: "not-a-jwt", body: string(png1), ctype: "image/png", want: 401},
		{name: "raw body", token: token, body: string(png1), ctype: "image/png", want: 200},
		{name: "raw body with a wrong declared type", token: token, body: string(testJPEG(t, 8, 8)), ctype: "image/gif", want: 200},
		{name: "multipart, file name ignored", token: token, body: form, ctype: formType, want: 200},
		{name: "multipart without the image field", token: token, body: noImage, ctype: noImageType, want: 422, inMsg: "multipart field image"},
		{name: "empty body", token: token, body: "", ctype: "image/png", want: 422, inMsg: "image is required"},
		{name: "one byte over the limit", token: token, body: string(tooBig[:testUploadLimit+1]), ctype: "image/png", want: 413, inMsg: "64 KiB (65536 bytes)"},
		{name: "over the limit in a multipart body", token: token, body: bigForm, ctype: bigFormType, want: 413, inMsg: "64 KiB"},
		{name: "HTML named a PNG", token: token, body: html, ctype: "image/png", want: 415, inMsg: "the content is text/html; charset=utf-8"},
		{name: "a script named a JPEG", token: token, body: "alert(1)//", ctype: "image/jpeg", want: 415, inMsg: "text/plain"},
		{name: "too wide", token: token, body: string(testPNG(t, 1001, 2)), ctype: "image/png", want: 422, inMsg: "1001×2 pixels; the limit is 1000×1000"},
		{name: "decompression bomb", token: token, body: string(bombPNG()), ctype: "image/png", want: 422, inMsg: "50000×50000"},
		{name: "broken header", token: token, body: "\x89PNG\r\n\x1a\n\x00\x00", ctype: "image/png", want: 422, inMsg: "does not decode"},
		{name: "multipart without a boundary", token: token, body: form, ctype: "multipart/form-data", want: 400, inMsg: "boundary"},
		{name: "truncated multipart", token: token, body: form[:len(form)/2], ctype: formType, want: 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := do(t, e.srv, call{method: "POST", path: "/api/user/image", token: c.token, body: c.body, ctype: c.ctype})
			if w.Code != c.want {
				t.Fatalf("POST /api/user/image = %d %s, want %d", w.Code, w.Body, c.want)
			}
			if c.want >= 400 {
				if msg := errorMessage(t, w); !strings.Contains(msg, c.inMsg) {
					t.Errorf("message %q, want it to contain %q", msg, c.inMsg)
				}
				return
			}
			u := decodeJSON[userResponse](t, w).User
			if u.Username != "jake" || u.Token == "" || !strings.HasPrefix(u.Image, "http://api.test/api/uploads/images/") {
				t.Errorf("user = %+v; want jake with a token and the uploaded image", u)
			}
			if strings.Contains(u.Image, "passwd") {
				t.Errorf("image URL %q uses the client's file name", u.Image)
			}
		})
	}

	// The image is the profile's too, and GET /api/user says so.
	w := do(t, e.srv, call{method: "POST", path: "/api/user/image", token: token, body: string(png1), ctype: "image/png"})
	img := decodeJSON[userResponse](t, w).User.Image
	if got := decodeJSON[userResponse](t, do(t, e.srv, call{method: "GET", path: "/api/user", token: token})).User.Image; got != img {
		t.Errorf("GET /api/user image = %q, want %q", got, img)
	}
	if got := do(t, e.srv, call{method: "GET", path: "/api/profiles/jake"}).Body.String(); !strings.Contains(got, img) {
		t.Errorf("GET /api/profiles/jake = %s, want the image", got)
	}
}

func TestArticleImageAndThumbnail(t *testing.T) {
	e := newUploadEnv(t)
	author, other := register(t, e.srv, "author"), register(t, e.srv, "other")
	w := do(t, e.srv, call{method: "POST", path: "/api/articles", token: author,
		body: `{"article":{"title":"Dragons","description":"d","body":"b","tagList":[]}}`})
	if w.Code != 201 {
		t.Fatalf("create article = %d %s", w.Code, w.Body)
	}
	photo := testJPEG(t, 600, 300)
	runTable(t, e.srv, []call{
		{name: "no token", method: "POST", path: "/api/articles/dragons/images", body: string(photo), ctype: "image/jpeg", want: 401},
		{name: "not the author", method: "POST", path: "/api/articles/dragons/images", token: other, body: string(photo), ctype: "image/jpeg", want: 403},
		{name: "no such article", method: "POST", path: "/api/articles/nope/images", token: author, body: string(photo), ctype: "image/jpeg", want: 404},
		{name: "wrong method", method: "GET", path: "/api/articles/dragons/images", token: author, want: 405},
	})
	w = do(t, e.srv, call{method: "POST", path: "/api/articles/dragons/images", token: author, body: string(photo), ctype: "image/jpeg"})
	if w.Code != http.StatusCreated {
		t.Fatalf("upload = %d %s, want 201", w.Code, w.Body)
	}
	var raw map[string]map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"url", "thumbnailUrl", "contentType", "size"} {
		if _, ok := raw["image"][k]; !ok {
			t.Errorf("response %s has no image.%s", w.Body, k)
		}
	}
	img := decodeJSON[imageResponse](t, w).Image
	if img.ContentType != "image/jpeg" || img.Size != int64(len(photo)) || img.Width != 600 || img.Height != 300 ||
		!strings.HasSuffix(img.URL, ".jpg") || !strings.HasSuffix(img.ThumbnailURL, "-256.jpg") {
		t.Errorf("image = %+v", img)
	}
	thumbPath := strings.TrimPrefix(img.ThumbnailURL, "http://api.test")

	// Before the job: 404 with Retry-After, in the error shape.
	w = do(t, e.srv, call{method: "GET", path: thumbPath})
	if w.Code != 404 || w.Header().Get("Retry-After") != "1" || !strings.Contains(errorMessage(t, w), "no thumbnail yet") {
		t.Fatalf("thumbnail before the job = %d %s (Retry-After %q), want 404 no thumbnail yet", w.Code, w.Body, w.Header().Get("Retry-After"))
	}
	e.runJobs(t)
	w = do(t, e.srv, call{method: "GET", path: thumbPath})
	if w.Code != 200 || w.Header().Get("Content-Type") != "image/jpeg" {
		t.Fatalf("thumbnail after the job = %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	m, format, err := image.Decode(w.Body)
	if err != nil || format != "jpeg" || m.Bounds().Dx() != 256 || m.Bounds().Dy() != 128 {
		t.Errorf("thumbnail = %s %v, %v; want a 256×128 jpeg", format, m.Bounds(), err)
	}
	// A second delivery of the same job changes nothing (the file stays).
	before, _ := e.blobs.Stat(context.Background(), strings.TrimPrefix(thumbPath, UploadsPath))
	if err := e.thumbs.Handle(context.Background(), service.Job{Kind: service.JobThumbnail, Key: strings.TrimPrefix(strings.TrimPrefix(img.URL, "http://api.test"), UploadsPath)}); err != nil {
		t.Fatal(err)
	}
	after, _ := e.blobs.Stat(context.Background(), strings.TrimPrefix(thumbPath, UploadsPath))
	if !after.Modified.Equal(before.Modified) {
		t.Error("a repeated thumbnail job rewrote the thumbnail")
	}
}

func TestUploadGet(t *testing.T) {
	e := newUploadEnv(t)
	token := register(t, e.srv, "jake")
	data := testPNG(t, 50, 50)
	u := decodeJSON[userResponse](t, do(t, e.srv, call{method: "POST", path: "/api/user/image", token: token, body: string(data), ctype: "image/png"})).User
	path := strings.TrimPrefix(u.Image, "http://api.test")

	get := func(method, path string, header ...string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, path, nil)
		for i := 0; i < len(header); i += 2 {
			r.Header.Set(header[i], header[i+1])
		}
		w := httptest.NewRecorder()
		e.srv.ServeHTTP(w, r)
		return w
	}

	w := get("GET", path)
	h := w.Header()
	if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), data) {
		t.Fatalf("GET = %d, %d bytes; want 200 and the %d bytes uploaded", w.Code, w.Body.Len(), len(data))
	}
	etag := h.Get("ETag")
	for k, want := range map[string]string{
		"Content-Type": "image/png", "X-Content-Type-Options": "nosniff", "Accept-Ranges": "bytes",
		"Cache-Control": "public, max-age=31536000, immutable",
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(path, strings.Trim(etag, `"`)) || len(etag) != 66 {
		t.Errorf("ETag %q, want the quoted content hash that names %s", etag, path)
	}
	if w := get("GET", path, "If-None-Match", etag); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("If-None-Match = %d with %d bytes, want 304 and none", w.Code, w.Body.Len())
	}
	w = get("GET", path, "Range", "bytes=0-7")
	if w.Code != http.StatusPartialContent || w.Header().Get("Content-Range") != "bytes 0-7/"+itoa(len(data)) || !bytes.Equal(w.Body.Bytes(), data[:8]) {
		t.Errorf("Range 0-7 = %d %q, %q; want 206 with the PNG signature", w.Code, w.Header().Get("Content-Range"), w.Body.Bytes())
	}
	w = get("GET", path, "Range", "bytes=-4")
	if w.Code != http.StatusPartialContent || !bytes.Equal(w.Body.Bytes(), data[len(data)-4:]) {
		t.Errorf("Range -4 = %d %q; want the last 4 bytes", w.Code, w.Body.Bytes())
	}
	w = get("GET", path, "Range", "bytes=99999-")
	if w.Code != http.StatusRequestedRangeNotSatisfiable || w.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("Range past the end = %d (Cache-Control %q), want 416 no-store", w.Code, w.Header().Get("Cache-Control"))
	} else if msg := errorMessage(t, w); !strings.Contains(msg, "bytes=99999-") {
		t.Errorf("416 message %q, want it to name the range", msg)
	}
	w = get("GET", path, "Range", "bytes=0-1", "If-Range", `"stale"`)
	if w.Code != 200 {
		t.Errorf("If-Range with another ETag = %d, want the whole image (200)", w.Code)
	}
	w = get("HEAD", path)
	if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Length") != itoa(len(data)) {
		t.Errorf("HEAD = %d, %d bytes, Content-Length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}
	if w := get("PUT", path); w.Code != 405 || w.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("PUT = %d Allow %q, want 405 GET, HEAD", w.Code, w.Header().Get("Allow"))
	}

	// Nothing outside the store's keys is reachable: a path that climbs (or
	// doubles a slash) is redirected to its clean form, which is no upload;
	// anything else that is not a key of ours is a 404 in the error shape.
	sha := strings.TrimSuffix(strings.TrimPrefix(path, UploadsPath+"images/"), ".png")
	for _, p := range []string{
		"/api/uploads/../../etc/passwd",
		"/api/uploads/images/..%2f..%2f..%2fetc%2fpasswd",
		"/api/uploads/images/%2e%2e/%2e%2e/main.go",
		"/api/uploads/images/" + sha + ".png/..",
		"/api/uploads/%2fetc%2fpasswd",
	} {
		w := get("GET", p)
		loc := w.Header().Get("Location")
		if w.Code != http.StatusMovedPermanently || strings.Contains(loc, "..") || strings.Contains(loc, "//") {
			t.Errorf("GET %s = %d Location %q, want 301 to a clean path", p, w.Code, loc)
			continue
		}
		if w := get("GET", loc); w.Code != 404 {
			t.Errorf("GET %s (after %s) = %d, want 404", loc, p, w.Code)
		}
	}
	for _, p := range []string{
		"/api/uploads/etc/passwd",
		"/api/uploads/.tmp/put-1",
		"/api/uploads/images/" + sha + ".html",
		"/api/uploads/images/" + sha + ".png%00",
		"/api/uploads/images/" + sha + ".png%00.html",
		"/api/uploads/images\\..\\..\\etc\\passwd",
		"/api/uploads/images/" + strings.ToUpper(sha) + ".png",
		"/api/uploads/images/" + sha,
		"/api/uploads/thumbnails/" + sha + "-256.gif",
	} {
		w := get("GET", p)
		if w.Code != 404 {
			t.Errorf("GET %s = %d %s, want 404", p, w.Code, w.Body)
			continue
		}
		assertErrorShape(t, w)
	}
	if w := get("POST", "/api/uploads/../../tmp/x"); w.Code != 404 {
		t.Errorf("POST with .. = %d, want 404 (never a write under a path the client did not send)", w.Code)
	}
}

// presigning is a BlobStore with URLs of its own, as S3 has.
type presigning struct{ service.BlobStore }

func (presigning) PresignGet(_ context.Context, key string, ttl time.Duration) (string, error) {
	return "https://bucket.s3.example/" + key + "?X-Amz-Expires=" + itoa(int(ttl.Seconds())) + "&X-Amz-Signature=abc", nil
}

func TestUploadGetRedirectsToPresignedURL(t *testing.T) {
	fs, err := fsblob.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e := newUploadEnv(t, presigning{fs})
	token := register(t, e.srv, "jake")
	u := decodeJSON[userResponse](t, do(t, e.srv, call{method: "POST", path: "/api/user/image", token: token, body: string(testPNG(t, 5, 5)), ctype: "image/png"})).User
	path := strings.TrimPrefix(u.Image, "http://api.test")
	w := do(t, e.srv, call{method: "GET", path: path})
	key := strings.TrimPrefix(path, UploadsPath)
	if w.Code != http.StatusFound || w.Header().Get("Location") != "https://bucket.s3.example/"+key+"?X-Amz-Expires=900&X-Amz-Signature=abc" {
		t.Fatalf("GET = %d Location %q, want 302 to the pre-signed URL", w.Code, w.Header().Get("Location"))
	}
	if cc := w.Header().Get("Cache-Control"); cc != "private, max-age=449" && cc != "private, max-age=450" {
		t.Errorf("Cache-Control = %q, want private for half the URL's 15 minutes", cc)
	}
	// Missing objects are a 404 here, not a redirect to S3's XML error.
	if w := do(t, e.srv, call{method: "GET", path: strings.Replace(path, "images/", "thumbnails/", 1)}); w.Code != 404 {
		t.Errorf("GET a key never stored = %d, want 404", w.Code)
	}
}

func TestUploadRoutesInIndex(t *testing.T) {
	e := newUploadEnv(t)
	idx := decodeJSON[apiIndex](t, do(t, e.srv, call{method: "GET", path: "/api"}))
	for _, want := range []string{"POST /api/user/image", "POST /api/articles/{slug}/images", "GET /api/uploads/{key:.+}", "HEAD /api/uploads/{key:.+}"} {
		if !slices.Contains(idx.Endpoints, want) {
			t.Errorf("endpoints = %q, want %q among them", idx.Endpoints, want)
		}
	}
	plain := decodeJSON[apiIndex](t, do(t, newTestServer(t), call{method: "GET", path: "/api"}))
	if n := len(idx.Endpoints) - len(plain.Endpoints); n != 4 {
		t.Errorf("uploads add %d endpoints, want 4", n)
	}
}

func TestUploadStorageDown(t *testing.T) {
	fs, err := fsblob.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e := newUploadEnv(t, fs)
	token := register(t, e.srv, "jake")
	_ = fs.Close()
	w := do(t, e.srv, call{method: "POST", path: "/api/user/image", token: token, body: string(testPNG(t, 5, 5)), ctype: "image/png"})
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("upload with the store closed = %d %s, want 503 with Retry-After", w.Code, w.Body)
	}
	assertErrorShape(t, w)
}

func itoa(n int) string { return strconv.Itoa(n) }

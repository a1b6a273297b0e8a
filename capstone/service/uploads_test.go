package service_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"workbook/capstone/conduit"
	"workbook/capstone/fsblob"
	"workbook/capstone/inprocess"
	"workbook/capstone/memory"
	"workbook/capstone/service"
)

// Test images are made here, from pixels, so every format's real encoder
// (WebP: a fixed 1×1 lossless file; Go has no WebP encoder) is exercised.

func gradient(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.NRGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	return m
}

func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, gradient(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegOf(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, gradient(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gifOf(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, gradient(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// webp1x1 is a 1×1 lossless WebP.
var webp1x1, _ = base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")

// pngHeader is a PNG whose header declares w×h pixels and whose pixel data
// is missing: what a decompression bomb looks like to DecodeConfig.
func pngHeader(w, h uint32) []byte {
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	chunk := append([]byte("IHDR"), ihdr[:]...)
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// sniffed is what the HTTP adapter hands the service.
func sniffed(data []byte) conduit.Upload {
	return conduit.Upload{Data: data, Type: http.DetectContentType(data)}
}

// countingBlobs counts Puts, and can fail every call or presign.
type countingBlobs struct {
	service.BlobStore
	puts    atomic.Int64
	fail    error
	presign string
}

func (c *countingBlobs) Put(ctx context.Context, key string, r io.Reader, size int64, ct string) error {
	if c.fail != nil {
		return c.fail
	}
	c.puts.Add(1)
	return c.BlobStore.Put(ctx, key, r, size, ct)
}

func (c *countingBlobs) Stat(ctx context.Context, key string) (service.BlobInfo, error) {
	if c.fail != nil {
		return service.BlobInfo{}, c.fail
	}
	return c.BlobStore.Stat(ctx, key)
}

func (c *countingBlobs) PresignGet(ctx context.Context, key string, ttl time.Duration) (string, error) {
	if c.presign != "" {
		return c.presign + key, nil
	}
	return c.BlobStore.PresignGet(ctx, key, ttl)
}

type uploadFixture struct {
	store   *memory.Store
	blobs   *countingBlobs
	queue   *inprocess.Queue
	uploads *service.Uploads
	thumbs  service.Thumbnails
}

func newUploadFixture(t *testing.T) uploadFixture {
	t.Helper()
	fs, err := fsblob.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := uploadFixture{store: memory.New(), blobs: &countingBlobs{BlobStore: fs}, queue: inprocess.New(100, 1, []time.Duration{time.Millisecond})}
	f.uploads = &service.Uploads{Blobs: f.blobs, Users: f.store, Articles: f.store, Jobs: f.queue, URLPrefix: "http://api.test/api/uploads/"}
	f.thumbs = service.Thumbnails{Blobs: f.blobs}
	return f
}

// runJobs runs the queued jobs to the end.
func (f uploadFixture) runJobs(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.queue.Run(ctx, service.Handlers{service.JobThumbnail: f.thumbs.Handle}.Handle) }()
	f.queue.Wait()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if dead := f.queue.Dead(); len(dead) > 0 {
		t.Fatalf("dead jobs: %+v", dead)
	}
}

func (f uploadFixture) user(t *testing.T, name string) *conduit.User {
	t.Helper()
	u := &conduit.User{Username: name, Email: name + "@example.com", PasswordHash: "x", TokenGen: "g"}
	if err := f.store.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestCheckUploads(t *testing.T) {
	u := &service.Uploads{Limit: 64 << 10, MaxSide: 1000}
	key := regexp.MustCompile(`^images/[0-9a-f]{64}\.(png|jpg|gif|webp)$`)
	cases := []struct {
		name string
		in   conduit.Upload
		code string
		msg  string // in the message
	}{
		{"png", sniffed(pngOf(t, 40, 20)), "", ".png"},
		{"jpeg", sniffed(jpegOf(t, 40, 20)), "", ".jpg"},
		{"gif", sniffed(gifOf(t, 40, 20)), "", ".gif"},
		{"webp", sniffed(webp1x1), "", ".webp"},
		{"empty", sniffed(nil), conduit.EINVALID, "image is required"},
		{"over the limit by a byte", conduit.Upload{Data: make([]byte, 64<<10+1), Type: "image/png"}, conduit.ETOOLARGE, "64 KiB (65536 bytes)"},
		{"html named a PNG", sniffed([]byte("<!DOCTYPE html><script>alert(1)</script>")), conduit.EUNSUPPORTED, "the content is text/html; charset=utf-8"},
		{"svg", sniffed([]byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)), conduit.EUNSUPPORTED, "the content is text/plain; charset=utf-8"},
		{"pdf", sniffed([]byte("%PDF-1.4 ...")), conduit.EUNSUPPORTED, "application/pdf"},
		{"a type the adapter did not sniff", conduit.Upload{Data: jpegOf(t, 4, 4), Type: "image/png"}, conduit.EINVALID, "does not decode"},
		{"PNG magic, broken header", sniffed([]byte("\x89PNG\r\n\x1a\nbroken")), conduit.EINVALID, "does not decode"},
		{"too wide", sniffed(pngOf(t, 1001, 1)), conduit.EINVALID, "image is 1001×1 pixels; the limit is 1000×1000"},
		{"too tall", sniffed(pngOf(t, 1, 1001)), conduit.EINVALID, "1×1001"},
		{"at the limit", sniffed(pngOf(t, 1000, 1)), "", ".png"},
		{"decompression bomb", sniffed(pngHeader(50_000, 50_000)), conduit.EINVALID, "50000×50000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k, _, err := u.Check(c.in)
			if got := conduit.ErrorCode(err); got != c.code {
				t.Fatalf("Check = %v, want code %q", err, c.code)
			}
			if err != nil && !strings.Contains(conduit.ErrorMessage(err), c.msg) {
				t.Errorf("message %q, want it to contain %q", conduit.ErrorMessage(err), c.msg)
			}
			if err == nil && (!key.MatchString(k) || !strings.HasSuffix(k, c.msg)) {
				t.Errorf("key %q, want images/<sha256>%s", k, c.msg)
			}
		})
	}
	// The pixel bound holds whatever the sides allow.
	big := &service.Uploads{MaxSide: 20_000}
	if _, _, err := big.Check(sniffed(pngHeader(8000, 5001))); conduit.ErrorCode(err) != conduit.EINVALID {
		t.Errorf("8000×5001 (over %d pixels) = %v, want EINVALID", service.MaxPixels, err)
	}
	// The same bytes are the same key; other bytes another.
	a, _, _ := u.Check(sniffed(pngOf(t, 3, 3)))
	b, _, _ := u.Check(sniffed(pngOf(t, 3, 3)))
	c, _, _ := u.Check(sniffed(pngOf(t, 3, 4)))
	if a != b || a == c {
		t.Errorf("keys %s %s %s: want content addressing", a, b, c)
	}
}

func TestSetUserImageMakesThumbnailByJob(t *testing.T) {
	f := newUploadFixture(t)
	ctx := context.Background()
	u := f.user(t, "jake")
	data := jpegOf(t, 512, 256)
	got, img, err := f.uploads.SetUserImage(ctx, u.ID, sniffed(data))
	if err != nil {
		t.Fatal(err)
	}
	if got.Image != img.URL || !strings.HasPrefix(img.URL, "http://api.test/api/uploads/images/") || !strings.HasSuffix(img.URL, ".jpg") {
		t.Errorf("user image %q, image URL %q", got.Image, img.URL)
	}
	if stored, _ := f.store.UserByID(ctx, u.ID); stored.Image != img.URL {
		t.Errorf("stored image %q, want %q", stored.Image, img.URL)
	}
	if img.ContentType != "image/jpeg" || img.Size != int64(len(data)) || img.Width != 512 || img.Height != 256 {
		t.Errorf("image = %+v", img)
	}
	thumbKey := strings.TrimPrefix(img.ThumbnailURL, "http://api.test/api/uploads/")
	if _, err := f.uploads.Blob(ctx, thumbKey); conduit.ErrorCode(err) != conduit.ENOTFOUND || !strings.Contains(conduit.ErrorMessage(err), "no thumbnail yet") {
		t.Errorf("thumbnail before the job = %v, want ENOTFOUND no thumbnail yet", err)
	}

	f.runJobs(t)
	b, err := f.uploads.Blob(ctx, thumbKey)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Content.Close()
	if b.ContentType != "image/jpeg" || b.RedirectURL != "" || !strings.HasSuffix(b.ETag, `-256"`) {
		t.Errorf("thumbnail blob = %+v", b)
	}
	m, format, err := image.Decode(b.Content)
	if err != nil || format != "jpeg" || m.Bounds().Dx() != 256 || m.Bounds().Dy() != 128 {
		t.Errorf("thumbnail = %s %v, %v; want a 256×128 jpeg", format, m.Bounds(), err)
	}
}

func TestThumbnailFormatsAndSizes(t *testing.T) {
	cases := []struct {
		name       string
		data       []byte
		asJPEG     bool
		wantFormat string
		w, h       int
	}{
		{"wide png", pngOf(t, 1000, 500), false, "png", 256, 128},
		{"tall gif", gifOf(t, 100, 400), false, "png", 64, 256},
		{"small jpeg is not enlarged", jpegOf(t, 30, 20), true, "jpeg", 30, 20},
		{"webp", webp1x1, false, "png", 1, 1},
		{"a thin line keeps a pixel", pngOf(t, 2000, 1), false, "png", 256, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := service.Thumbnail(bytes.NewReader(c.data), c.asJPEG)
			if err != nil {
				t.Fatal(err)
			}
			m, format, err := image.Decode(bytes.NewReader(out))
			if err != nil || format != c.wantFormat || m.Bounds().Dx() != c.w || m.Bounds().Dy() != c.h {
				t.Errorf("thumbnail = %s %v, %v; want %s %d×%d", format, m.Bounds(), err, c.wantFormat, c.w, c.h)
			}
		})
	}
	for name, data := range map[string][]byte{"not an image": []byte("hello"), "bomb": pngHeader(50_000, 50_000)} {
		if _, err := service.Thumbnail(bytes.NewReader(data), false); !errors.Is(err, service.ErrPermanent) {
			t.Errorf("Thumbnail(%s) = %v, want ErrPermanent", name, err)
		}
	}
}

func TestThumbnailJobIsIdempotent(t *testing.T) {
	f := newUploadFixture(t)
	ctx := context.Background()
	img, err := f.uploads.AddArticleImage(ctx, 0, "", sniffed(pngOf(t, 300, 300)))
	if conduit.ErrorCode(err) != conduit.ENOTFOUND {
		t.Fatalf("AddArticleImage on no article = %v, %v; want ENOTFOUND", img, err)
	}
	u := f.user(t, "jake")
	_, img, err = f.uploads.SetUserImage(ctx, u.ID, sniffed(pngOf(t, 300, 300)))
	if err != nil {
		t.Fatal(err)
	}
	key := strings.TrimPrefix(img.URL, f.uploads.URLPrefix)
	job := service.Job{Kind: service.JobThumbnail, Key: key, Attempt: 1}
	before := f.blobs.puts.Load()
	for i := range 3 {
		job.Attempt = i + 1
		if err := f.thumbs.Handle(ctx, job); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.blobs.puts.Load() - before; n != 1 {
		t.Errorf("three deliveries of one job stored %d thumbnails, want 1", n)
	}
	// Uploading the same bytes again stores nothing new.
	before = f.blobs.puts.Load()
	if _, _, err := f.uploads.SetUserImage(ctx, u.ID, sniffed(pngOf(t, 300, 300))); err != nil {
		t.Fatal(err)
	}
	if n := f.blobs.puts.Load() - before; n != 0 {
		t.Errorf("a repeated upload stored %d blobs, want 0", n)
	}

	for name, k := range map[string]string{
		"not a key":       "../../etc/passwd",
		"a thumbnail key": strings.TrimPrefix(img.ThumbnailURL, f.uploads.URLPrefix),
		"a missing image": "images/" + strings.Repeat("0", 64) + ".png",
	} {
		if err := f.thumbs.Handle(ctx, service.Job{Kind: service.JobThumbnail, Key: k}); !errors.Is(err, service.ErrPermanent) {
			t.Errorf("job on %s = %v, want ErrPermanent (no retry can fix it)", name, err)
		}
	}
	// Bytes that do not decode (written behind the service's back) are permanent too.
	junk := "images/" + strings.Repeat("1", 64) + ".png"
	if err := f.blobs.Put(ctx, junk, strings.NewReader("junk"), 4, "image/png"); err != nil {
		t.Fatal(err)
	}
	if err := f.thumbs.Handle(ctx, service.Job{Kind: service.JobThumbnail, Key: junk}); !errors.Is(err, service.ErrPermanent) {
		t.Errorf("job on undecodable bytes = %v, want ErrPermanent", err)
	}
}

func TestArticleImageOwnership(t *testing.T) {
	f := newUploadFixture(t)
	ctx := context.Background()
	author, other := f.user(t, "author"), f.user(t, "other")
	a := &conduit.Article{Slug: "mine", Title: "Mine", Description: "d", Body: "b", AuthorID: author.ID, TagList: []string{}}
	if err := f.store.CreateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := f.uploads.AddArticleImage(ctx, other.ID, "mine", sniffed(pngOf(t, 8, 8))); conduit.ErrorCode(err) != conduit.EFORBIDDEN {
		t.Errorf("another user's upload = %v, want EFORBIDDEN", err)
	}
	if n := f.blobs.puts.Load(); n != 0 {
		t.Errorf("a forbidden upload stored %d blobs, want none", n)
	}
	img, err := f.uploads.AddArticleImage(ctx, author.ID, "mine", sniffed(gifOf(t, 8, 8)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(img.URL, ".gif") || !strings.HasSuffix(img.ThumbnailURL, "-256.png") || img.ContentType != "image/gif" {
		t.Errorf("image = %+v; want a .gif with a PNG thumbnail", img)
	}
}

func TestBlobLookup(t *testing.T) {
	f := newUploadFixture(t)
	ctx := context.Background()
	u := f.user(t, "jake")
	_, img, err := f.uploads.SetUserImage(ctx, u.ID, sniffed(pngOf(t, 4, 4)))
	if err != nil {
		t.Fatal(err)
	}
	key := strings.TrimPrefix(img.URL, f.uploads.URLPrefix)

	b, err := f.uploads.Blob(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(b.Content)
	b.Content.Close()
	if b.ContentType != "image/png" || b.Size != img.Size || int64(len(body)) != img.Size || b.ETag != `"`+key[len("images/"):len(key)-len(".png")]+`"` {
		t.Errorf("blob = %+v", b)
	}

	for _, k := range []string{"", "images", "../" + key, key + "/..", strings.ToUpper(key), "images/abc.png", strings.Replace(key, ".png", ".html", 1), key + "\x00"} {
		if _, err := f.uploads.Blob(ctx, k); conduit.ErrorCode(err) != conduit.ENOTFOUND {
			t.Errorf("Blob(%q) = %v, want ENOTFOUND", k, err)
		}
	}

	// A store with URLs of its own: a redirect, valid for the TTL.
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	f.blobs.presign = "https://bucket.example/"
	f.uploads.URLTTL, f.uploads.Now = 10*time.Minute, func() time.Time { return now }
	b, err = f.uploads.Blob(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if b.RedirectURL != "https://bucket.example/"+key || !b.Expires.Equal(now.Add(10*time.Minute)) || b.Content != nil {
		t.Errorf("blob = %+v; want a redirect until now+10m and no content", b)
	}

	// A store that fails is a 503, not a 500: the request was fine.
	f.blobs.fail = errors.New("connection refused")
	if _, err := f.uploads.Blob(ctx, key); conduit.ErrorCode(err) != conduit.EUNAVAILABLE {
		t.Errorf("Blob on a failing store = %v, want EUNAVAILABLE", err)
	}
	if _, _, err := f.uploads.SetUserImage(ctx, u.ID, sniffed(pngOf(t, 5, 5))); conduit.ErrorCode(err) != conduit.EUNAVAILABLE {
		t.Errorf("upload to a failing store = %v, want EUNAVAILABLE", err)
	}
}

// BenchmarkThumbnail measures the job's cost on a 12-megapixel photo (a
// phone camera's) and on the largest PNG the default limits let through
// the decoder (8000 × 5000, 40 megapixels): time and memory per thumbnail.
func BenchmarkThumbnail(b *testing.B) {
	for _, c := range []struct {
		name   string
		data   []byte
		asJPEG bool
	}{
		{"jpeg-4000x3000", jpegOf(b, 4000, 3000), true},
		{"png-8000x5000", pngOf(b, 8000, 5000), false},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := service.Thumbnail(bytes.NewReader(c.data), c.asJPEG); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

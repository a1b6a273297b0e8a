package service

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // registers the GIF decoder with image.Decode
	"image/jpeg"
	"image/png"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // registers the WebP decoder with image.Decode

	"workbook/capstone/conduit"
)

// BlobStore is the port of an object store: a flat namespace of keys to
// bytes. A directory (fsblob, the default, UPLOAD_DIR) and any
// S3-compatible service (s3, S3_ENDPOINT) implement it and pass one
// contract suite (blobtest). Keys are checked by ValidBlobKey on both, so
// the same key means the same thing everywhere.
type BlobStore interface {
	// Put stores exactly size bytes from r under key, replacing any old
	// value; readers see the old bytes or the new, never a mix. A body
	// shorter or longer than size stores nothing. contentType is kept
	// where the store can keep it (S3 serves it back).
	Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error
	// Open returns the bytes under key, seekable so a Range request need
	// not read what it skips; ErrBlobNotFound when there are none.
	Open(ctx context.Context, key string) (io.ReadSeekCloser, BlobInfo, error)
	Stat(ctx context.Context, key string) (BlobInfo, error)
	// Delete removes key; a missing key is not an error (S3's rule).
	Delete(ctx context.Context, key string) error
	// PresignGet returns a URL that lets anyone holding it GET key, with
	// no other credential, until expires has passed — or "" when the store
	// has no URLs of its own (fsblob), and the API serves the bytes itself.
	PresignGet(ctx context.Context, key string, expires time.Duration) (string, error)
}

// BlobInfo describes the bytes under one key.
type BlobInfo struct {
	Key      string
	Size     int64
	Modified time.Time
}

var (
	// ErrBlobNotFound is what every BlobStore returns for a key it does not hold.
	ErrBlobNotFound = errors.New("service: no such blob")
	// ErrBadBlobKey is what every BlobStore returns for a key ValidBlobKey refuses.
	ErrBadBlobKey = errors.New("service: invalid blob key")
)

// ValidBlobKey accepts 1–1024 bytes of slash-separated segments, none
// empty, "." or "..", without control characters or backslashes, and not
// starting with a dot: such keys name the same object on S3 and on a file
// system, and none of them climbs out of a directory (chapter 24's rule).
func ValidBlobKey(key string) bool {
	if key == "" || len(key) > 1024 || key[0] == '.' {
		return false
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	for _, c := range key {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

// Image limits and the thumbnail size.
const (
	DefaultUploadLimit = 5 << 20 // bytes
	DefaultMaxSide     = 8000    // pixels per side
	// MaxPixels bounds width × height whatever the sides: decoding costs
	// about 4 bytes a pixel, so a 100 KB PNG that declares 50 000 × 50 000
	// pixels (a decompression bomb) would ask for 10 GB. Only the header
	// is read (image.DecodeConfig) before this is checked.
	MaxPixels = 40_000_000
	// ThumbnailSize is the longest side of a thumbnail; it is part of the
	// thumbnail's key, so a new size makes new thumbnails, never a mix.
	ThumbnailSize = 256
	// DefaultURLTTL is the lifetime of a pre-signed URL.
	DefaultURLTTL = 15 * time.Minute
)

// imageExt maps the accepted media types to the extension of their keys,
// and extType back: the type served is the one the bytes were sniffed as
// when they were stored, never one a client named.
var (
	imageExt  = map[string]string{"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
	extType   = map[string]string{"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}
	decodedAs = map[string]string{"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}
)

// Keys are content-addressed: images/<sha256>.<ext> and
// thumbnails/<sha256>-256.<jpg|png>. A client's file name is never part of
// one, so no name can point outside the store or overwrite another image.
var keyPattern = regexp.MustCompile(`^(?:images/([0-9a-f]{64})\.(png|jpg|gif|webp)|thumbnails/([0-9a-f]{64})-` +
	fmt.Sprint(ThumbnailSize) + `\.(jpg|png))$`)

// blobKey is a parsed key.
type blobKey struct {
	thumbnail bool
	sha, ext  string
}

func parseBlobKey(key string) (blobKey, bool) {
	m := keyPattern.FindStringSubmatch(key)
	switch {
	case m == nil:
		return blobKey{}, false
	case m[1] != "":
		return blobKey{sha: m[1], ext: m[2]}, true
	default:
		return blobKey{thumbnail: true, sha: m[3], ext: m[4]}, true
	}
}

func (k blobKey) String() string {
	if k.thumbnail {
		return fmt.Sprintf("thumbnails/%s-%d.%s", k.sha, ThumbnailSize, k.ext)
	}
	return "images/" + k.sha + "." + k.ext
}

// thumb is the key of k's thumbnail: a JPEG for a JPEG (photos), a PNG for
// the rest, which may be transparent.
func (k blobKey) thumb() blobKey {
	ext := "png"
	if k.ext == "jpg" {
		ext = "jpg"
	}
	return blobKey{thumbnail: true, sha: k.sha, ext: ext}
}

// etag is a strong validator: the content hash names the bytes for good.
func (k blobKey) etag() string {
	if k.thumbnail {
		return fmt.Sprintf(`"%s-%d"`, k.sha, ThumbnailSize)
	}
	return `"` + k.sha + `"`
}

// Uploads implements conduit.UploadService: it checks an image, stores it
// under its content hash and queues its thumbnail.
type Uploads struct {
	Blobs    BlobStore
	Users    UserStore
	Articles ArticleStore
	Jobs     JobQueue // the thumbnail jobs (JobThumbnail)
	Logger   *slog.Logger
	// URLPrefix comes before a key in the URLs handed out:
	// "https://api.example.com/api/uploads/"; a path alone makes them
	// relative to the API's origin.
	URLPrefix string
	Limit     int64         // bytes; 0: DefaultUploadLimit
	MaxSide   int           // pixels; 0: DefaultMaxSide
	URLTTL    time.Duration // of pre-signed URLs; 0: DefaultURLTTL
	Now       func() time.Time
}

var _ conduit.UploadService = (*Uploads)(nil)

// MaxBytes is the largest image accepted.
func (s *Uploads) MaxBytes() int64 {
	if s.Limit > 0 {
		return s.Limit
	}
	return DefaultUploadLimit
}

func (s *Uploads) maxSide() int {
	if s.MaxSide > 0 {
		return s.MaxSide
	}
	return DefaultMaxSide
}

// SetUserImage stores in and makes its URL the user's image.
func (s *Uploads) SetUserImage(ctx context.Context, userID int64, in conduit.Upload) (*conduit.User, *conduit.Image, error) {
	img, err := s.store(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	u, err := s.Users.UpdateUser(ctx, userID, UserChanges{Image: &img.URL})
	if err != nil {
		return nil, nil, err
	}
	return u, img, nil
}

// AddArticleImage stores in for the body of the article slug, if userID
// wrote it. Ownership is checked before a byte is stored.
func (s *Uploads) AddArticleImage(ctx context.Context, userID int64, slug string, in conduit.Upload) (*conduit.Image, error) {
	a, err := s.Articles.ArticleBySlug(ctx, userID, slug)
	if err != nil {
		return nil, err
	}
	if a.AuthorID != userID {
		return nil, conduit.Errorf(conduit.EFORBIDDEN, "you may only add images to your own articles")
	}
	return s.store(ctx, in)
}

// Check validates an upload without storing it: size, type, and the
// dimensions its header declares. It returns the key the image is stored
// under and its size in pixels.
func (s *Uploads) Check(in conduit.Upload) (key string, cfg image.Config, err error) {
	if len(in.Data) == 0 {
		return "", cfg, conduit.Errorf(conduit.EINVALID, "image is required: send it as the multipart field image, or as the request body")
	}
	if int64(len(in.Data)) > s.MaxBytes() {
		return "", cfg, conduit.ImageTooLarge(s.MaxBytes())
	}
	ext, ok := imageExt[in.Type]
	if !ok {
		return "", cfg, conduit.Errorf(conduit.EUNSUPPORTED, "image must be PNG, JPEG, GIF or WebP; the content is %s", in.Type)
	}
	// The sniffer reads a few magic bytes; the decoder reads the header
	// the pixels depend on. Both must agree.
	cfg, format, err := image.DecodeConfig(bytes.NewReader(in.Data))
	if err != nil || decodedAs[format] != in.Type {
		return "", cfg, conduit.Errorf(conduit.EINVALID, "image starts like %s but its header does not decode as one", in.Type)
	}
	side := s.maxSide()
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > side || cfg.Height > side || cfg.Width*cfg.Height > MaxPixels {
		return "", cfg, conduit.Errorf(conduit.EINVALID, "image is %d×%d pixels; the limit is %d×%d and %d megapixels",
			cfg.Width, cfg.Height, side, side, MaxPixels/1_000_000)
	}
	sum := sha256.Sum256(in.Data)
	return blobKey{sha: hex.EncodeToString(sum[:]), ext: ext}.String(), cfg, nil
}

// store checks in, stores it unless the same bytes are stored already, and
// queues its thumbnail. The job is queued even for known bytes: it costs
// nothing when the thumbnail exists and repairs a job that was lost.
func (s *Uploads) store(ctx context.Context, in conduit.Upload) (*conduit.Image, error) {
	key, cfg, err := s.Check(in)
	if err != nil {
		return nil, err
	}
	_, err = s.Blobs.Stat(ctx, key)
	if errors.Is(err, ErrBlobNotFound) {
		err = s.Blobs.Put(ctx, key, bytes.NewReader(in.Data), int64(len(in.Data)), in.Type)
	}
	if err != nil {
		return nil, storageError(err)
	}
	if s.Jobs != nil {
		if err := s.Jobs.Publish(context.WithoutCancel(ctx), Job{Kind: JobThumbnail, Key: key}); err != nil && s.Logger != nil {
			s.Logger.ErrorContext(ctx, "uploads: could not queue a thumbnail", "key", key, "err", err)
		}
	}
	k, _ := parseBlobKey(key)
	return &conduit.Image{
		URL: s.URLPrefix + key, ThumbnailURL: s.URLPrefix + k.thumb().String(),
		ContentType: in.Type, Size: int64(len(in.Data)), Width: cfg.Width, Height: cfg.Height,
	}, nil
}

// storageError makes a failing store a 503: the bytes were fine, the
// store did not answer, and a retry may succeed.
func storageError(err error) error {
	if conduit.ErrorCode(err) != conduit.EINTERNAL {
		return err
	}
	return &conduit.Error{Code: conduit.EUNAVAILABLE, Message: "image storage is unavailable; retry shortly", Cause: err}
}

// Blob looks key up: a pre-signed URL when the store has them, else the
// bytes. A key that is not one this service makes is ENOTFOUND without
// asking the store; a thumbnail not made yet is ENOTFOUND too.
func (s *Uploads) Blob(ctx context.Context, key string) (*conduit.Blob, error) {
	k, ok := parseBlobKey(key)
	if !ok {
		return nil, conduit.Errorf(conduit.ENOTFOUND, "no upload has this key")
	}
	info, err := s.Blobs.Stat(ctx, key)
	switch {
	case errors.Is(err, ErrBlobNotFound) && k.thumbnail:
		return nil, conduit.Errorf(conduit.ENOTFOUND, "no thumbnail yet: thumbnails are made in the background, shortly after the upload")
	case errors.Is(err, ErrBlobNotFound):
		return nil, conduit.Errorf(conduit.ENOTFOUND, "no upload has this key")
	case err != nil:
		return nil, storageError(err)
	}
	b := &conduit.Blob{Key: key, ContentType: extType[k.ext], ETag: k.etag(), Size: info.Size, Modified: info.Modified}
	ttl := s.URLTTL
	if ttl <= 0 {
		ttl = DefaultURLTTL
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	if b.RedirectURL, err = s.Blobs.PresignGet(ctx, key, ttl); err != nil {
		return nil, storageError(err)
	}
	if b.RedirectURL != "" {
		b.Expires = now().Add(ttl)
		return b, nil
	}
	rc, info, err := s.Blobs.Open(ctx, key)
	if errors.Is(err, ErrBlobNotFound) {
		return nil, conduit.Errorf(conduit.ENOTFOUND, "no upload has this key")
	} else if err != nil {
		return nil, storageError(err)
	}
	b.Content, b.Size, b.Modified = rc, info.Size, info.Modified
	return b, nil
}

// JobThumbnail is the kind of the thumbnail job; its Key is the image's key.
const JobThumbnail = "upload.thumbnail"

// Thumbnails makes the thumbnails, as jobs. A job names the image by its
// key and the thumbnail's key follows from it, so a job whose thumbnail
// exists does nothing: a redelivery or a retry repeats no effect.
type Thumbnails struct {
	Blobs BlobStore
}

// Handle is the JobHandler of JobThumbnail.
func (t Thumbnails) Handle(ctx context.Context, j Job) error {
	k, ok := parseBlobKey(j.Key)
	if !ok || k.thumbnail {
		return fmt.Errorf("%w: %q is not an image key", ErrPermanent, j.Key)
	}
	tk := k.thumb().String()
	if _, err := t.Blobs.Stat(ctx, tk); err == nil {
		return nil // made before
	} else if !errors.Is(err, ErrBlobNotFound) {
		return err
	}
	f, _, err := t.Blobs.Open(ctx, j.Key)
	if errors.Is(err, ErrBlobNotFound) {
		return fmt.Errorf("%w: image %s is gone", ErrPermanent, j.Key)
	} else if err != nil {
		return err
	}
	defer f.Close()
	thumb, err := Thumbnail(f, k.ext == "jpg")
	if err != nil {
		return err
	}
	return t.Blobs.Put(ctx, tk, bytes.NewReader(thumb), int64(len(thumb)), extType[k.thumb().ext])
}

// Thumbnail decodes the image in r (PNG, JPEG, GIF — its first frame — or
// WebP) and returns it scaled to fit ThumbnailSize × ThumbnailSize with
// Catmull-Rom resampling (golang.org/x/image/draw), never enlarged, as a
// JPEG (quality 85) or a PNG. An image that does not decode, or declares
// more than MaxPixels, is a permanent failure.
func Thumbnail(r io.ReadSeeker, asJPEG bool) ([]byte, error) {
	cfg, _, err := image.DecodeConfig(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPermanent, err)
	}
	if cfg.Width*cfg.Height > MaxPixels {
		return nil, fmt.Errorf("%w: %d×%d pixels is over the limit", ErrPermanent, cfg.Width, cfg.Height)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	src, _, err := image.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPermanent, err)
	}
	dst := image.NewRGBA(fit(src.Bounds(), ThumbnailSize))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	if asJPEG {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85})
	} else {
		err = png.Encode(&buf, dst)
	}
	return buf.Bytes(), err
}

// fit scales b so that its longest side is at most side, keeping the
// aspect ratio and at least one pixel per side.
func fit(b image.Rectangle, side int) image.Rectangle {
	w, h := b.Dx(), b.Dy()
	if w <= side && h <= side {
		return image.Rect(0, 0, w, h)
	}
	if w >= h {
		return image.Rect(0, 0, side, max(1, h*side/w))
	}
	return image.Rect(0, 0, max(1, w*side/h), side)
}

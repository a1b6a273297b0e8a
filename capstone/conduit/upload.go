package conduit

import (
	"context"
	"fmt"
	"io"
	"time"
)

// Upload is an image as a client sent it: the bytes, and the media type
// the HTTP adapter sniffed from them (http.DetectContentType). The type the
// client declared is never part of it: a claim is not a fact.
type Upload struct {
	Data []byte
	Type string
}

// Image is a stored image: where to fetch it and its thumbnail, and what
// it is. ThumbnailURL is known at once, but answers 404 until the
// background job has made the thumbnail.
type Image struct {
	URL          string
	ThumbnailURL string
	ContentType  string
	Size         int64
	Width        int
	Height       int
}

// Blob is what GET /api/uploads/{key} delivers: either a URL to redirect
// to (a pre-signed URL of the object store, valid until Expires), or the
// bytes themselves, seekable for Range requests.
type Blob struct {
	Key         string
	ContentType string
	ETag        string // a strong validator, quoted
	Size        int64
	Modified    time.Time
	RedirectURL string
	Expires     time.Time
	Content     io.ReadSeekCloser // nil when RedirectURL is set; the caller closes it
}

// UploadService stores images. Errors: ETOOLARGE over MaxBytes,
// EUNSUPPORTED for a type other than PNG, JPEG, GIF or WebP, EINVALID for
// an image that does not decode or is too large in pixels, EFORBIDDEN for
// someone else's article, ENOTFOUND for an unknown article or key.
type UploadService interface {
	// MaxBytes is the largest image accepted; an adapter reads at most one
	// byte more.
	MaxBytes() int64
	// SetUserImage stores the image and makes it the user's image.
	SetUserImage(ctx context.Context, userID int64, in Upload) (*User, *Image, error)
	// AddArticleImage stores an image for the body of an article of userID.
	AddArticleImage(ctx context.Context, userID int64, slug string, in Upload) (*Image, error)
	// Blob looks up a stored image or thumbnail by its key.
	Blob(ctx context.Context, key string) (*Blob, error)
}

// ImageTooLarge is the error of an upload over limit bytes.
func ImageTooLarge(limit int64) error {
	return Errorf(ETOOLARGE, "image must not be larger than %s", byteSize(limit))
}

// byteSize writes n bytes in the largest binary unit that divides it, with
// the exact count ("5 MiB (5242880 bytes)"), or in bytes alone.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB (%d bytes)", n>>20, n)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB (%d bytes)", n>>10, n)
	}
	return fmt.Sprintf("%d bytes", n)
}

package httpapi

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"workbook/capstone/conduit"
)

// UploadsPath is where GET serves uploads: the URLs the service hands out
// are UPLOAD_BASE_URL + UploadsPath + key.
const UploadsPath = "/api/uploads/"

func (s *Server) registerUploadRoutes(r *mux.Router) {
	r.HandleFunc("/api/user/image", s.handleUserImage).Methods(http.MethodPost)
	r.HandleFunc("/api/articles/{slug}/images", s.handleArticleImage).Methods(http.MethodPost)
	r.HandleFunc(UploadsPath+"{key:.+}", s.handleUploadGet).Methods(http.MethodGet, http.MethodHead)
}

type imageResponse struct {
	Image imageJSON `json:"image"`
}

type imageJSON struct {
	URL          string `json:"url" example:"http://127.0.0.1:8080/api/uploads/images/9f86d0….png"`
	ThumbnailURL string `json:"thumbnailUrl" example:"http://127.0.0.1:8080/api/uploads/thumbnails/9f86d0…-256.png"`
	ContentType  string `json:"contentType" example:"image/png"`
	Size         int64  `json:"size" example:"48213"`
	Width        int    `json:"width" example:"1024"`
	Height       int    `json:"height" example:"768"`
}

// multipartSlack is what a multipart body may carry beside the image:
// boundaries, part headers, a few small fields.
const multipartSlack = 64 << 10

// maxParts bounds the parts read before the image.
const maxParts = 16

// readImage reads the image of an upload request: the multipart field
// "image", or else the whole body, whatever its declared Content-Type.
// The type is sniffed from the bytes (http.DetectContentType); the
// declared one and any file name are ignored. At most one byte past the
// limit is read, so the service can tell the upload is too large.
func (s *Server) readImage(w http.ResponseWriter, r *http.Request) (conduit.Upload, bool) {
	limit := s.uploads.MaxBytes()
	fail := func(err error) (conduit.Upload, bool) {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			s.Error(w, r, conduit.ImageTooLarge(limit))
		case conduit.ErrorCode(err) != conduit.EINTERNAL:
			s.Error(w, r, err)
		default:
			writeErrors(w, http.StatusBadRequest, "body could not be read: "+err.Error())
		}
		return conduit.Upload{}, false
	}
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	multi := mt == "multipart/form-data"
	max := limit
	if multi {
		max += multipartSlack
	}
	if r.ContentLength > max {
		// The client declared the size: refuse before reading a byte.
		return fail(&http.MaxBytesError{Limit: max})
	}
	body := http.MaxBytesReader(w, r.Body, max)
	var src io.Reader = body
	if multi {
		if params["boundary"] == "" {
			return fail(errors.New("multipart/form-data without a boundary"))
		}
		mr := multipart.NewReader(body, params["boundary"])
		for n := 0; ; n++ {
			p, err := mr.NextPart()
			if errors.Is(err, io.EOF) || n == maxParts {
				return fail(conduit.Errorf(conduit.EINVALID, "image is required: send it as the multipart field image, or as the request body"))
			} else if err != nil {
				return fail(err)
			}
			if p.FormName() == "image" {
				src = p // p.FileName() is never used: keys come from the content
				break
			}
			if _, err := io.Copy(io.Discard, p); err != nil {
				return fail(err)
			}
		}
	}
	data, err := io.ReadAll(io.LimitReader(src, limit+1))
	if err != nil {
		return fail(err)
	}
	return conduit.Upload{Data: data, Type: http.DetectContentType(data)}, true
}

// userUpload is the start of both uploads: the user, then the image.
func (s *Server) userUpload(w http.ResponseWriter, r *http.Request) (int64, conduit.Upload, bool) {
	id, ok := requireUser(w, r)
	if !ok {
		return 0, conduit.Upload{}, false
	}
	in, ok := s.readImage(w, r)
	return id, in, ok
}

// handleUserImage godoc
//
//	@Summary		Upload the current user's image
//	@Description	Stores the image — the multipart field `image`, or the whole body — and makes its URL the user's `image`. The type is sniffed from the bytes (PNG, JPEG, GIF or WebP; the declared Content-Type and file name are ignored), the size and the pixel dimensions are bounded. A 256-pixel thumbnail is made in the background. Not part of the RealWorld spec.
//	@Tags			Uploads
//	@Accept			mpfd,png,jpeg,gif,image/webp
//	@Produce		json
//	@Security		Token
//	@Param			image	formData	file	false	"The image (or send it as the request body)"
//	@Success		200		{object}	userResponse
//	@Failure		400		{object}	errorResponse	"unreadable or malformed body"
//	@Failure		401		{object}	errorResponse
//	@Failure		413		{object}	errorResponse	"over UPLOAD_MAX_BYTES"
//	@Failure		415		{object}	errorResponse	"the bytes are not PNG, JPEG, GIF or WebP"
//	@Failure		422		{object}	errorResponse	"no image, a broken header, or too many pixels"
//	@Failure		503		{object}	errorResponse	"image storage unavailable"
//	@Router			/user/image [post]
func (s *Server) handleUserImage(w http.ResponseWriter, r *http.Request) {
	id, in, ok := s.userUpload(w, r)
	if !ok {
		return
	}
	u, _, err := s.uploads.SetUserImage(r.Context(), id, in)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeUser(w, r, http.StatusOK, u)
}

// handleArticleImage godoc
//
//	@Summary		Upload an image for an article's body
//	@Description	Stores an image for the author to link from the article's body, with the same checks as the user image. `thumbnailUrl` answers 404 (with Retry-After) until the background job has made the thumbnail. Only the article's author may upload. Not part of the RealWorld spec.
//	@Tags			Uploads
//	@Accept			mpfd,png,jpeg,gif,image/webp
//	@Produce		json
//	@Security		Token
//	@Param			slug	path		string	true	"Slug of the article"
//	@Param			image	formData	file	false	"The image (or send it as the request body)"
//	@Success		201		{object}	imageResponse
//	@Failure		400		{object}	errorResponse
//	@Failure		401		{object}	errorResponse
//	@Failure		403		{object}	errorResponse	"not the article's author"
//	@Failure		404		{object}	errorResponse	"no such article"
//	@Failure		413		{object}	errorResponse
//	@Failure		415		{object}	errorResponse
//	@Failure		422		{object}	errorResponse
//	@Failure		503		{object}	errorResponse
//	@Router			/articles/{slug}/images [post]
func (s *Server) handleArticleImage(w http.ResponseWriter, r *http.Request) {
	id, in, ok := s.userUpload(w, r)
	if !ok {
		return
	}
	img, err := s.uploads.AddArticleImage(r.Context(), id, mux.Vars(r)["slug"], in)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, imageResponse{Image: imageJSON{
		URL: img.URL, ThumbnailURL: img.ThumbnailURL, ContentType: img.ContentType,
		Size: img.Size, Width: img.Width, Height: img.Height,
	}})
}

// handleUploadGet godoc
//
//	@Summary		Fetch an uploaded image or thumbnail
//	@Description	With S3 storage: a 302 to a pre-signed URL of the bucket (valid for S3_PRESIGN_TTL). With the file system: the bytes, with Range, ETag and If-None-Match support, the type the bytes were sniffed as, and `X-Content-Type-Options: nosniff`; HEAD works too. Keys are content hashes, so a response may be cached for good. A thumbnail not made yet is a 404 with Retry-After. Not part of the RealWorld spec.
//	@Tags			Uploads
//	@Produce		png,jpeg,gif,image/webp
//	@Param			key	path		string	true	"images/<sha256>.<ext> or thumbnails/<sha256>-256.<ext>"
//	@Success		200	{file}		file	"the image"
//	@Success		206	{file}		file	"the requested range"
//	@Success		302	{string}	string	"Location: a pre-signed URL (S3)"
//	@Success		304	{string}	string	"If-None-Match matched"
//	@Failure		404	{object}	errorResponse	"no such upload, or no thumbnail yet"
//	@Failure		416	{object}	errorResponse	"no range of the Range header overlaps the image"
//	@Router			/uploads/{key} [get]
func (s *Server) handleUploadGet(w http.ResponseWriter, r *http.Request) {
	key := mux.Vars(r)["key"]
	b, err := s.uploads.Blob(r.Context(), key)
	if err != nil {
		if conduit.ErrorCode(err) == conduit.ENOTFOUND && strings.HasPrefix(key, "thumbnails/") {
			w.Header().Set("Retry-After", "1")
		}
		s.Error(w, r, err)
		return
	}
	h := w.Header()
	if b.RedirectURL != "" {
		// The URL is a credential for a while: a browser may reuse the
		// redirect for half its life, a shared cache never.
		h.Set("Cache-Control", fmt.Sprintf("private, max-age=%d", int(time.Until(b.Expires).Seconds()/2)))
		http.Redirect(w, r, b.RedirectURL, http.StatusFound)
		return
	}
	defer b.Content.Close()
	h.Set("Content-Type", b.ContentType) // set, so ServeContent does not sniff
	h.Set("ETag", b.ETag)
	h.Set("Cache-Control", "public, max-age=31536000, immutable") // a key names its bytes for good
	serveContent(w, r, b.Modified, b.Content)
}

// serveContent is http.ServeContent — Range, If-Range, If-None-Match,
// HEAD — with its error answers (416, 412) in the API's error shape
// instead of its one line of plain text.
func serveContent(w http.ResponseWriter, r *http.Request, modified time.Time, content io.ReadSeeker) {
	ew := &errorOnServe{ResponseWriter: w}
	http.ServeContent(ew, r, "", modified, content)
	switch {
	case ew.status == 0:
	case ew.status == http.StatusRequestedRangeNotSatisfiable:
		writeErrors(w, ew.status, fmt.Sprintf("no range of %q overlaps the image; Content-Range gives its size", r.Header.Get("Range")))
	case ew.status == http.StatusPreconditionFailed:
		writeErrors(w, ew.status, "If-Match or If-Unmodified-Since does not hold for the image")
	default:
		writeErrors(w, ew.status, "the image could not be read")
	}
}

// errorOnServe holds back the status and body of an error response so
// that serveContent can write its own.
type errorOnServe struct {
	http.ResponseWriter
	status int
}

func (e *errorOnServe) WriteHeader(code int) {
	if code >= 400 {
		e.status = code
		e.Header().Set("Cache-Control", "no-store") // an error is not the image
		return
	}
	e.ResponseWriter.WriteHeader(code)
}

func (e *errorOnServe) Write(b []byte) (int, error) {
	if e.status != 0 {
		return len(b), nil // ServeContent's plain-text message: dropped
	}
	return e.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (e *errorOnServe) Unwrap() http.ResponseWriter { return e.ResponseWriter }

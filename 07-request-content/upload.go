package main

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxParts bounds how many parts one multipart request may have; each part
// costs a header parse even when it is tiny.
const maxParts = 10

// maxFieldBytes bounds a non-file form field such as "description".
const maxFieldBytes = 4 << 10

func (s *server) registerUploadRoutes() {
	s.mux.HandleFunc("POST /uploads", s.handleUpload)
}

type uploadResponse struct {
	XMLName     xml.Name     `xml:"upload" json:"-"`
	Description string       `xml:"description,omitempty" json:"description,omitempty"`
	Files       []storedFile `xml:"file" json:"files"`
}

func (u uploadResponse) text() string {
	var b strings.Builder
	for _, f := range u.Files {
		fmt.Fprintf(&b, "%s %d bytes %s sha256:%s\n", f.Name, f.Size, f.ContentType, f.SHA256)
	}
	return b.String()
}

// handleUpload streams multipart/form-data parts straight to disk with
// r.MultipartReader. ParseMultipartForm would instead buffer up to its
// memory limit and spill the rest to temp files we do not control, and it
// reads the WHOLE body before we can reject the first bad part.
func (s *server) handleUpload(w http.ResponseWriter, r *http.Request) {
	ct, ok := s.acceptable(w, r)
	if !ok {
		return
	}
	body, err := openBody(w, r, s.files.maxBytes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer body.Close()
	r.Body = body

	mr, err := r.MultipartReader()
	if err != nil {
		s.fail(w, r, clientError(http.StatusUnsupportedMediaType, "unsupported_media_type",
			"Content-Type must be multipart/form-data with a boundary: %v", err))
		return
	}

	var resp uploadResponse
	// All or nothing: if any part fails, the files already saved are removed.
	fail := func(err error) {
		for _, f := range resp.Files {
			if rmErr := s.files.remove(f.Name); rmErr != nil {
				s.log.Error("roll back upload", "name", f.Name, "err", rmErr)
			}
		}
		s.fail(w, r, uploadError(err))
	}
	for parts := 0; ; parts++ {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fail(err)
			return
		}
		if parts == maxParts {
			fail(clientError(http.StatusBadRequest, "too_many_parts", "at most %d parts per request", maxParts))
			return
		}
		switch {
		case p.FormName() == "file" && p.FileName() != "":
			f, err := s.files.save(p)
			if err != nil {
				fail(err)
				return
			}
			// FileName is already reduced to its base name; we only echo it.
			f.Field, f.ClientFilename = p.FormName(), p.FileName()
			resp.Files = append(resp.Files, f)
			s.log.Info("upload stored", "name", f.Name, "size", f.Size, "type", f.ContentType)
		case p.FormName() == "description":
			v, err := io.ReadAll(io.LimitReader(p, maxFieldBytes+1))
			if err != nil {
				fail(err)
				return
			}
			if len(v) > maxFieldBytes || !utf8.Valid(v) {
				fail(clientError(http.StatusBadRequest, "bad_field", "description must be UTF-8 text of at most %d bytes", maxFieldBytes))
				return
			}
			resp.Description = string(v)
		default:
			fail(clientError(http.StatusBadRequest, "unexpected_part",
				"unexpected part %q; send parts named \"file\" (with a filename) and optionally \"description\"", p.FormName()))
			return
		}
		p.Close()
	}
	if len(resp.Files) == 0 {
		s.fail(w, r, clientError(http.StatusBadRequest, "no_file", "no file: send a part named \"file\" with a filename"))
		return
	}
	s.respond(w, http.StatusCreated, ct, resp)
}

// uploadError decides whose fault a failed part is. Anything that went wrong
// while READING the body is the client's (a size limit, bad gzip, broken
// multipart framing, a disallowed type); only storage failures stay 500s.
func uploadError(err error) error {
	var disk *errStorage
	if errors.As(err, &disk) {
		return err
	}
	if _, _, _, ok := bodyStatus(err); ok {
		return err
	}
	return clientError(http.StatusBadRequest, "malformed_multipart", "malformed multipart body: %v", err)
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"workbook/serve/problem"
)

// upload is one resumable upload session, after the tus protocol
// (tus.io): the client creates it with the total length, sends the bytes
// in PATCH requests that each say at which offset they start, and after a
// broken connection asks with HEAD how far the server got.
type upload struct {
	mu     sync.Mutex // one PATCH at a time
	id     string
	name   string // the object name it becomes
	length int64
	offset int64 // bytes safely on disk
	path   string
	meta   map[string]string
}

type uploads struct {
	dir string
	mu  sync.Mutex
	m   map[string]*upload
}

var (
	errOffset    = errors.New("offset mismatch")
	errBusy      = errors.New("another PATCH is in progress")
	errNoUpload  = errors.New("no such upload")
	errTooLong   = errors.New("chunk goes past the upload's length")
	errCompleted = errors.New("upload already complete")
)

func (u *uploads) create(name string, length int64, meta map[string]string) (*upload, error) {
	id := newID()
	p := filepath.Join(u.dir, "upload-"+id)
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	f.Close()
	up := &upload{id: id, name: name, length: length, path: p, meta: meta}
	u.mu.Lock()
	u.m[id] = up
	u.mu.Unlock()
	return up, nil
}

func (u *uploads) get(id string) (*upload, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	up, ok := u.m[id]
	return up, ok
}

func (u *uploads) drop(up *upload) {
	u.mu.Lock()
	delete(u.m, up.id)
	u.mu.Unlock()
	os.Remove(up.path)
}

// state reads offset and length under the session's lock.
func (up *upload) state() (offset, length int64) {
	up.mu.Lock()
	defer up.mu.Unlock()
	return up.offset, up.length
}

// write appends body at offset. The offset must be exactly where the
// server is: an earlier one would overwrite, a later one leave a hole.
// Whatever arrives before a broken connection is kept, so the client's
// HEAD learns the new offset and resumes from there. When the last byte
// lands, done reports true and the session's file is complete.
func (up *upload) write(body io.Reader, offset int64) (newOffset int64, done bool, err error) {
	if !up.mu.TryLock() {
		return 0, false, errBusy
	}
	defer up.mu.Unlock()
	if up.offset == up.length {
		return up.offset, false, errCompleted
	}
	if offset != up.offset {
		return up.offset, false, errOffset
	}
	f, err := os.OpenFile(up.path, os.O_WRONLY, 0)
	if err != nil {
		return up.offset, false, err
	}
	defer f.Close()
	if _, err := f.Seek(up.offset, io.SeekStart); err != nil {
		return up.offset, false, err
	}
	remaining := up.length - up.offset
	// One byte more than fits tells a too-long chunk from an exact one.
	n, err := io.Copy(f, io.LimitReader(body, remaining+1))
	if n > remaining { // keep none of a chunk that does not fit
		n, err = 0, errTooLong
	}
	if serr := f.Sync(); err == nil {
		err = serr
	}
	up.offset += n
	if err != nil {
		if terr := f.Truncate(up.offset); terr != nil {
			return up.offset, false, terr
		}
		return up.offset, false, err
	}
	return up.offset, up.offset == up.length, nil
}

// finish turns a complete session into an object version.
func (up *upload) finish(ctx context.Context, c *catalog) (Version, bool, error) {
	f, err := os.Open(up.path)
	if err != nil {
		return Version{}, false, err
	}
	defer f.Close()
	return c.ingest(ctx, up.name, f, up.meta)
}

// The tus-like HTTP face of a session.
const offsetContentType = "application/offset+octet-stream"

// createUpload: POST /uploads?name=… with Upload-Length → 201 Location.
func (s *server) createUpload(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	length, err := strconv.ParseInt(r.Header.Get("Upload-Length"), 10, 64)
	var fields []problem.FieldError
	if name == "" || len(name) > 1024 {
		fields = append(fields, problem.FieldError{Pointer: "name", Detail: "query parameter name must be 1 to 1024 bytes"})
	}
	if err != nil || length < 1 {
		fields = append(fields, problem.FieldError{Pointer: "Upload-Length", Detail: "header Upload-Length must be a positive integer"})
	}
	if len(fields) > 0 {
		p := problem.New(http.StatusBadRequest, "cannot create the upload")
		p.Errors = fields
		problem.Write(w, r, p)
		return
	}
	if length > s.maxBytes {
		s.fail(w, r, &http.MaxBytesError{Limit: s.maxBytes})
		return
	}
	meta, err := metaHeaders(r.Header)
	if err != nil {
		problem.Error(w, r, http.StatusBadRequest, err.Error())
		return
	}
	up, err := s.ups.create(name, length, meta)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/uploads/"+up.id)
	w.Header().Set("Upload-Offset", "0")
	w.WriteHeader(http.StatusCreated)
}

// headUpload tells a client where to resume.
func (s *server) headUpload(w http.ResponseWriter, r *http.Request) {
	up, ok := s.ups.get(r.PathValue("id"))
	if !ok {
		problem.NotFound(w, r)
		return
	}
	off, length := up.state()
	h := w.Header()
	h.Set("Upload-Offset", strconv.FormatInt(off, 10))
	h.Set("Upload-Length", strconv.FormatInt(length, 10))
	h.Set("Cache-Control", "no-store") // an offset is stale the moment it is read
	w.WriteHeader(http.StatusOK)
}

// patchUpload appends one chunk; 409 when Upload-Offset is not the
// server's. The chunk that completes the upload turns it into an object.
func (s *server) patchUpload(w http.ResponseWriter, r *http.Request) {
	up, ok := s.ups.get(r.PathValue("id"))
	if !ok {
		problem.NotFound(w, r)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != offsetContentType {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "a PATCH body must be "+offsetContentType)
		return
	}
	offset, err := strconv.ParseInt(r.Header.Get("Upload-Offset"), 10, 64)
	if err != nil || offset < 0 {
		problem.Error(w, r, http.StatusBadRequest, "header Upload-Offset must be a non-negative integer")
		return
	}
	newOffset, done, err := up.write(r.Body, offset)
	w.Header().Set("Upload-Offset", strconv.FormatInt(newOffset, 10))
	switch {
	case errors.Is(err, errOffset):
		problem.Error(w, r, http.StatusConflict, fmt.Sprintf("Upload-Offset is %d but the server has %d bytes; HEAD tells where to resume", offset, newOffset))
		return
	case errors.Is(err, errBusy):
		problem.Error(w, r, http.StatusConflict, "another PATCH to this upload is in progress")
		return
	case errors.Is(err, errCompleted):
		problem.Error(w, r, http.StatusConflict, "the upload is already complete")
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	if done {
		v, _, err := up.finish(r.Context(), s.cat)
		s.ups.drop(up)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Location", "/objects/"+(&url.URL{Path: up.name}).EscapedPath())
		w.Header().Set("X-Version-Id", v.ID)
	}
	w.WriteHeader(http.StatusNoContent)
}

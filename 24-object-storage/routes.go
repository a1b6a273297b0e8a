package main

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"workbook/serve/problem"
)

// server holds what the handlers share.
type server struct {
	store    Store
	cat      *catalog
	ups      *uploads
	thumbs   *thumbnailer
	signer   *urlSigner // nil for the S3 backend, which signs its own URLs
	log      *slog.Logger
	maxBytes int64 // largest upload accepted
	policy   lifecyclePolicy
	pending  pendingPuts
}

// routes is the handler tree. problem.Routes turns the mux's own 404 and
// 405 (with Allow) into problem details.
func routes(s *server) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("PUT /objects/{name...}", s.putObject)
	mux.HandleFunc("GET /objects/{name...}", s.getObject) // and HEAD
	mux.HandleFunc("DELETE /objects/{name...}", s.deleteObject)
	mux.HandleFunc("GET /versions/{name...}", s.listVersions)
	mux.HandleFunc("GET /list", s.list)
	mux.HandleFunc("GET /blobs/{sha}", s.getBlob)
	mux.HandleFunc("GET /thumbs/{sha}", s.getThumb)
	mux.HandleFunc("POST /uploads", s.createUpload)
	mux.HandleFunc("HEAD /uploads/{id}", s.headUpload)
	mux.HandleFunc("PATCH /uploads/{id}", s.patchUpload)
	mux.HandleFunc("POST /presign", s.presign)
	mux.HandleFunc("POST /incoming/{id}", s.commitIncoming)
	if s.signer != nil {
		mux.HandleFunc("GET /signed/{key...}", s.signedGet)
		mux.HandleFunc("PUT /signed/{key...}", s.signedPut)
	}
	mux.HandleFunc("POST /lifecycle/run", s.lifecycleRun)
	mux.HandleFunc("GET /stats", s.stats)
	return problem.Routes(mux)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // URLs keep their & readable
	_ = enc.Encode(v)
}

// fail maps an error to its problem: client errors say what was wrong,
// anything else is logged and answered with a 500 that names nothing.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig) || errors.Is(err, errTooLong):
		problem.Error(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("uploads are limited to %d bytes", s.maxBytes))
	case errors.Is(err, errUnsupportedType):
		problem.Error(w, r, http.StatusUnsupportedMediaType, "the content is none of: "+strings.Join(sortedKeys(s.cat.allowed), ", "))
	case errors.Is(err, errNoObject), errors.Is(err, ErrNotExist), errors.Is(err, errNoUpload):
		problem.Error(w, r, http.StatusNotFound, "no object at "+r.URL.Path)
	case errors.Is(err, io.ErrUnexpectedEOF):
		problem.Error(w, r, http.StatusBadRequest, "the request body ended early")
	case errors.Is(err, errBadKey):
		problem.Error(w, r, http.StatusBadRequest, "invalid object name")
	default:
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		problem.Error(w, r, http.StatusInternalServerError, "storage failed; see the server log")
	}
}

// metaHeaders reads user metadata from X-Meta-* request headers, bounded
// like S3's 2 KB of user metadata.
func metaHeaders(h http.Header) (map[string]string, error) {
	meta := map[string]string{}
	total := 0
	for k, vs := range h {
		if name, ok := strings.CutPrefix(k, "X-Meta-"); ok && name != "" {
			meta[strings.ToLower(name)] = vs[0]
			total += len(name) + len(vs[0])
		}
	}
	if total > 2048 {
		return nil, errors.New("user metadata is limited to 2048 bytes")
	}
	if len(meta) == 0 {
		return nil, nil
	}
	return meta, nil
}

// putObject is the direct upload: the body streams through the type
// sniff, the size limit and the hash into the store.
func (s *server) putObject(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if name == "" || len(name) > 1024 {
		problem.Error(w, r, http.StatusBadRequest, "an object name of 1 to 1024 bytes is required after /objects/")
		return
	}
	if r.ContentLength > s.maxBytes {
		// Refuse before reading a byte: the client declared the size.
		s.fail(w, r, &http.MaxBytesError{Limit: s.maxBytes})
		return
	}
	meta, err := metaHeaders(r.Header)
	if err != nil {
		problem.Error(w, r, http.StatusBadRequest, err.Error())
		return
	}
	v, dup, err := s.cat.ingest(r.Context(), name, http.MaxBytesReader(w, r.Body, s.maxBytes), meta)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/objects/"+(&url.URL{Path: name}).EscapedPath())
	writeJSON(w, http.StatusCreated, struct {
		Name string `json:"name"`
		Version
		Deduplicated bool   `json:"deduplicated"`
		Blob         string `json:"blobUrl"`
	}{name, v, dup, "/blobs/" + v.SHA256})
}

// getObject serves the current (or ?versionId=) version of a name. The
// name is mutable, so caches must revalidate (no-cache) — the ETag, the
// content hash, makes that a cheap 304.
func (s *server) getObject(w http.ResponseWriter, r *http.Request) {
	v, b, err := s.cat.lookup(r.PathValue("name"), r.URL.Query().Get("versionId"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Version-Id", v.ID)
	for k, val := range v.Meta {
		h.Set("X-Meta-"+k, val)
	}
	s.deliver(w, r, v.SHA256, v.ContentType, v.Created, b)
}

// getBlob serves bytes by hash. A hash names one content forever, so any
// cache may keep the response for a year without asking again.
func (s *server) getBlob(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha")
	b, ok := s.cat.blob(sha)
	if !ok {
		problem.NotFound(w, r)
		return
	}
	ctype, created := s.cat.blobType(sha)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	s.deliver(w, r, sha, ctype, created, b)
}

// deliver writes a blob with its validators. http.ServeContent answers
// Range (206, multipart/byteranges, 416), If-Range, If-None-Match (304),
// If-Modified-Since and HEAD from the ETag and Last-Modified we give it.
func (s *server) deliver(w http.ResponseWriter, r *http.Request, sha, ctype string, modified time.Time, b Blob) {
	h := w.Header()
	h.Set("ETag", `"`+sha+`"`)
	h.Set("Content-Type", ctype) // set, so ServeContent does not sniff
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Storage-Tier", b.Tier)
	if b.Tier == tierCold {
		s.deliverCold(w, r, sha, modified, b)
		return
	}
	f, _, err := s.store.Open(r.Context(), blobKey(sha))
	if nb, ok := s.cat.blob(sha); errors.Is(err, ErrNotExist) && ok && nb.Tier == tierCold {
		s.deliverCold(w, r, sha, modified, nb) // moved to the cold tier since we looked
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	serveContent(w, r, modified, f)
}

// deliverCold streams a compressed blob through gunzip. A gzip stream
// cannot seek, so the cold tier serves whole objects only (Accept-Ranges:
// none) — the price of the cheaper tier, like restoring from an archive.
func (s *server) deliverCold(w http.ResponseWriter, r *http.Request, sha string, modified time.Time, b Blob) {
	h := w.Header()
	h.Set("X-Storage-Tier", tierCold)
	h.Set("Accept-Ranges", "none")
	h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	if inm := r.Header.Get("If-None-Match"); inm == `"`+sha+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	f, _, err := s.store.Open(r.Context(), coldKey(sha))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h.Set("Content-Length", strconv.FormatInt(b.Size, 10))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, zr)
	}
}

func (s *server) deleteObject(w http.ResponseWriter, r *http.Request) {
	v, err := s.cat.remove(r.Context(), r.PathValue("name"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("X-Version-Id", v.ID)
	w.Header().Set("X-Delete-Marker", "true")
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) listVersions(w http.ResponseWriter, r *http.Request) {
	vs := s.cat.versions(r.PathValue("name"))
	if len(vs) == 0 {
		problem.NotFound(w, r)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"name": r.PathValue("name"), "versions": vs})
}

func (s *server) list(w http.ResponseWriter, r *http.Request) {
	names, prefixes := s.cat.list(r.URL.Query().Get("prefix"), r.URL.Query().Get("delimiter"))
	writeJSON(w, http.StatusOK, map[string]any{"names": nonNil(names), "commonPrefixes": nonNil(prefixes)})
}

func (s *server) getThumb(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha")
	f, info, err := s.store.Open(r.Context(), thumbKey(sha))
	if errors.Is(err, ErrNotExist) || errors.Is(err, errBadKey) {
		w.Header().Set("Retry-After", "1")
		problem.Error(w, r, http.StatusNotFound, "no thumbnail for "+sha+" (yet: they are made in the background)")
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("ETag", `"thumb-`+sha+`"`)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	serveContent(w, r, info.Modified, f)
}

func (s *server) lifecycleRun(w http.ResponseWriter, r *http.Request) {
	rep, err := s.cat.runLifecycle(r.Context(), s.policy, s.cat.now().UTC())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

func (s *server) stats(w http.ResponseWriter, r *http.Request) {
	st := s.cat.stats()
	st.QueuedThumb = int(s.thumbs.queued.Load())
	writeJSON(w, http.StatusOK, st)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

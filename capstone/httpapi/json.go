package httpapi

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// buffers recycles response buffers: a list of 20 articles is about 10 KB
// of JSON, and allocating that afresh for every request is what the garbage
// collector would otherwise spend its time on.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer keeps one huge response from pinning its memory in the pool.
const maxPooledBuffer = 64 << 10

// writeJSON encodes v with status. Encoding into a buffer first means a value
// that cannot be encoded becomes a 500, not half a response, and lets us set
// Content-Length.
func writeJSON(w http.ResponseWriter, status int, v any) {
	buf, status := encodeJSON(v, status)
	defer putBuffer(buf)
	writeBody(w, nil, status, buf.Bytes(), "")
}

// writeKept is writeJSON for an anonymous read that any client may
// keep and revalidate: it carries a strong ETag (etagOf the body) and
// `Cache-Control: no-cache` (store it, but ask before each use) with
// `Vary: Authorization` (a token changes favorited and following), and a
// request whose If-None-Match names that ETag gets 304 with no body, so an
// unchanged list costs the client no bytes. It also keeps the rendered
// response in c (nil: none) under key, from responseCache.serve, so the
// next anonymous reader of the same data costs the server no rendering.
func writeKept(c *responseCache, key string, w http.ResponseWriter, r *http.Request, v any) {
	buf, status := encodeJSON(v, http.StatusOK)
	defer putBuffer(buf)
	etag := ""
	if status == http.StatusOK {
		etag = etagOf(buf.Bytes())
		if c.keeping(key) {
			c.keep(key, bytes.Clone(buf.Bytes()), etag)
		}
	}
	writeBody(w, r, status, buf.Bytes(), etag)
}

// encodeJSON encodes v, and a newline, into a pooled buffer (give it back
// with putBuffer); a value that cannot be encoded becomes a 500 body.
func encodeJSON(v any, status int) (*bytes.Buffer, int) {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	if a, ok := v.(jsonAppender); ok {
		buf.Write(a.appendJSON(buf.AvailableBuffer()))
		buf.WriteByte('\n')
	} else if err := json.NewEncoder(buf).Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"errors":{"body":["internal error"]}}` + "\n")
	}
	return buf, status
}

func putBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledBuffer {
		buffers.Put(buf)
	}
}

// writeBody writes body with status. With an etag, the response is a
// cacheable read: ETag, Cache-Control: no-cache, Vary: Authorization, and
// 304 without a body when If-None-Match names the ETag.
func writeBody(w http.ResponseWriter, r *http.Request, status int, body []byte, etag string) {
	// The keys are written in canonical form and the fixed values are
	// shared, as in securityHeaders: Header.Set would canonicalise and
	// allocate on every response.
	var etagH []string
	if etag != "" {
		etagH = []string{etag}
	}
	writePrepared(w, r, status, body, etagH, []string{strconv.Itoa(len(body))})
}

// writePrepared is writeBody with the ETag and Content-Length header
// values already made: a kept response makes them once, not per request.
// The slices are shared and never modified.
func writePrepared(w http.ResponseWriter, r *http.Request, status int, body []byte, etag, length []string) {
	h := w.Header()
	if etag != nil {
		h["Etag"] = etag
		h["Cache-Control"] = noCache
		if v := h["Vary"]; len(v) == 1 && v[0] == "Origin" {
			h["Vary"] = varyOriginAuthorization
		} else {
			h["Vary"] = append(v[:len(v):len(v)], "Authorization") // a copy: v may be shared
		}
		if etagMatches(r.Header.Get("If-None-Match"), etag[0]) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = length
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

var (
	noCache = []string{"no-cache"}
	// varyOriginAuthorization is what an anonymous read's Vary becomes after
	// CORS set it to varyOrigin.
	varyOriginAuthorization = []string{"Origin", "Authorization"}
	jsonContentType         = []string{"application/json; charset=utf-8"}
	castagnoli              = crc32.MakeTable(crc32.Castagnoli)
)

// etagOf is the quoted ETag of body: its CRC-32C and its CRC-32 (IEEE), 64
// bits that the same body gives on every replica and that an accidental
// change of the body leaves equal with a chance of about 2^-64. An ETag is
// a validator, not a signature: it must tell versions apart, not resist a
// forger. Both CRCs run in hardware (0.5 µs for an 8 KB list) where SHA-256
// took 4.2 µs, an eighth of the handler chain.
func etagOf(body []byte) string {
	var sum [8]byte
	binary.BigEndian.PutUint32(sum[:4], crc32.Checksum(body, castagnoli))
	binary.BigEndian.PutUint32(sum[4:], crc32.ChecksumIEEE(body))
	var b [18]byte
	b[0], b[17] = '"', '"'
	hex.Encode(b[1:17], sum[:])
	return string(b[:])
}

// etagMatches applies If-None-Match's weak comparison (RFC 9110 §13.1.2):
// "*" matches any current representation, and a listed tag matches when its
// opaque part is ours, with or without W/.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// requestError is a problem with the request itself (not the domain): it
// carries its own status.
type requestError struct {
	status int
	msg    string
}

func (e *requestError) Error() string { return e.msg }

// decode reads a JSON body of at most maxBytes into dst. It answers 415 for
// a content type other than JSON, 413 for a body too large, and 400 for
// malformed JSON or trailing data, always in the API's error shape.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, dst any) bool {
	err := s.readJSON(w, r, dst)
	var re *requestError
	if errors.As(err, &re) {
		writeErrors(w, re.status, re.msg)
		return false
	}
	return true
}

func (s *Server) readJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &requestError{http.StatusUnsupportedMediaType, "Content-Type must be application/json"}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, s.maxBodyBytes))
	err = dec.Decode(dst)
	if err == nil {
		// A second value after the first is a malformed body, not extra input to ignore.
		if dec.Decode(&struct{}{}) != io.EOF {
			return &requestError{http.StatusBadRequest, "body must hold a single JSON object"}
		}
		return nil
	}
	var (
		syntax  *json.SyntaxError
		typeErr *json.UnmarshalTypeError
		maxErr  *http.MaxBytesError
	)
	switch {
	case errors.As(err, &maxErr):
		return &requestError{http.StatusRequestEntityTooLarge, fmt.Sprintf("body must not be larger than %d bytes", maxErr.Limit)}
	case errors.Is(err, io.EOF):
		return &requestError{http.StatusBadRequest, "body must not be empty"}
	case errors.As(err, &syntax):
		return &requestError{http.StatusBadRequest, fmt.Sprintf("body is malformed JSON at byte %d", syntax.Offset)}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &requestError{http.StatusBadRequest, "body is truncated JSON"}
	case errors.As(err, &typeErr):
		if typeErr.Field != "" {
			return &requestError{http.StatusUnprocessableEntity, fmt.Sprintf("%s must be a %s", typeErr.Field, jsonType(typeErr.Type.Kind().String()))}
		}
		return &requestError{http.StatusBadRequest, "body must be a JSON object"}
	default:
		return &requestError{http.StatusBadRequest, "body could not be read"}
	}
}

// jsonType names a Go kind the way a JSON client thinks of it.
func jsonType(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "slice", "array":
		return "array"
	case "struct", "map", "ptr":
		return "object"
	case "bool":
		return "boolean"
	default:
		return "number"
	}
}

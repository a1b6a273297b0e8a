package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"workbook/serve/problem"
)

// pendingPuts remembers which object name a pre-signed PUT's key
// ("incoming/<id>") becomes once the client commits it.
type pendingPuts struct {
	mu sync.Mutex
	m  map[string]string
}

func (p *pendingPuts) add(id, name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil {
		p.m = map[string]string{}
	}
	p.m[id] = name
}

func (p *pendingPuts) take(id string) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	name, ok := p.m[id]
	delete(p.m, id)
	return name, ok
}

type presignRequest struct {
	Method  string `json:"method"`  // GET or PUT
	Name    string `json:"name"`    // the object name
	Expires string `json:"expires"` // a Go duration, 1s to 168h; default 15m
}

// presign hands out a URL for the storage itself: GET reads the current
// version's blob, PUT uploads straight to incoming/<id> (for S3: to the
// bucket, bypassing this server), after which POST /incoming/<id> commits
// it under the name.
func (s *server) presign(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "the body must be application/json")
		return
	}
	var req presignRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		problem.Error(w, r, http.StatusBadRequest, "the body is not a presign request: {\"method\", \"name\", \"expires\"}")
		return
	}
	if req.Expires == "" {
		req.Expires = "15m"
	}
	ttl, err := time.ParseDuration(req.Expires)
	var fields []problem.FieldError
	if req.Method != "GET" && req.Method != "PUT" {
		fields = append(fields, problem.FieldError{Pointer: "/method", Detail: "must be GET or PUT"})
	}
	if req.Name == "" || len(req.Name) > 1024 {
		fields = append(fields, problem.FieldError{Pointer: "/name", Detail: "must be 1 to 1024 bytes"})
	}
	// S3 Signature V4 allows 1 s to 7 days (minio-go's isValidExpiry); the
	// filesystem backend keeps the same bounds so both behave alike.
	if err != nil || ttl < time.Second || ttl > 7*24*time.Hour {
		fields = append(fields, problem.FieldError{Pointer: "/expires", Detail: "must be a duration from 1s to 168h"})
	}
	if len(fields) > 0 {
		p := problem.New(http.StatusUnprocessableEntity, "the presign request has invalid fields")
		p.Errors = fields
		problem.Write(w, r, p)
		return
	}
	resp := map[string]string{"method": req.Method, "expiresAt": s.cat.now().Add(ttl).UTC().Format(time.RFC3339)}
	if req.Method == "GET" {
		v, _, err := s.cat.lookup(req.Name, "")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		b, _ := s.cat.blob(v.SHA256)
		if b.Tier == tierCold {
			problem.Error(w, r, http.StatusConflict, "the object is in the cold tier; GET /objects/"+req.Name+" serves it")
			return
		}
		resp["url"], err = s.store.PresignGet(r.Context(), blobKey(v.SHA256), ttl)
		if err != nil {
			s.fail(w, r, err)
			return
		}
	} else {
		id := newID()
		resp["url"], err = s.store.PresignPut(r.Context(), "incoming/"+id, ttl)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.pending.add(id, req.Name)
		resp["commit"] = "/incoming/" + id
	}
	writeJSON(w, http.StatusOK, resp)
}

// commitIncoming moves a pre-signed upload into the catalogue: the same
// type and size checks as a direct upload, then the incoming key goes.
func (s *server) commitIncoming(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	key := "incoming/" + id
	name, ok := s.pending.take(id)
	if !ok {
		problem.NotFound(w, r)
		return
	}
	f, info, err := s.store.Open(r.Context(), key)
	if err != nil {
		s.pending.add(id, name) // not uploaded yet: the client may try again
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	if info.Size > s.maxBytes {
		_ = s.store.Delete(r.Context(), key)
		s.fail(w, r, &http.MaxBytesError{Limit: s.maxBytes})
		return
	}
	v, dup, err := s.cat.ingest(r.Context(), name, f, nil)
	_ = s.store.Delete(r.Context(), key) // accepted or refused, it is gone
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"name": name, "versionId": v.ID, "sha256": v.SHA256, "size": v.Size, "deduplicated": dup})
}

// signedGet and signedPut are the filesystem backend's storage endpoint:
// what S3 itself is for the S3 backend. The signature is the only check.
func (s *server) signedGet(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	if !s.signer.verify(http.MethodGet, key, r.URL.Query()) {
		forbidden(w, r)
		return
	}
	f, info, err := s.store.Open(r.Context(), key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	w.Header().Set("Cache-Control", "private, no-store") // the URL is a credential
	serveContent(w, r, info.Modified, f)
}

func (s *server) signedPut(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	if !s.signer.verify(http.MethodPut, key, r.URL.Query()) {
		forbidden(w, r)
		return
	}
	if r.ContentLength < 0 {
		problem.Error(w, r, http.StatusLengthRequired, "a pre-signed PUT needs Content-Length")
		return
	}
	if r.ContentLength > s.maxBytes {
		s.fail(w, r, &http.MaxBytesError{Limit: s.maxBytes})
		return
	}
	err := s.store.Put(r.Context(), key, io.LimitReader(r.Body, r.ContentLength), r.ContentLength)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		problem.Error(w, r, http.StatusBadRequest, "the body is shorter than Content-Length")
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// forbidden answers a bad signature. The instance is the path alone: the
// query is a credential, and error bodies end up in logs.
func forbidden(w http.ResponseWriter, r *http.Request) {
	p := problem.New(http.StatusForbidden, "the signature is invalid or has expired")
	p.Instance = r.URL.Path
	problem.Write(w, r, p)
}

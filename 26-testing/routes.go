package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"

	"workbook/26-testing/bookmark"
	"workbook/serve/problem"
)

// maxBody bounds a request body; a bookmark is well under 4 KiB.
const maxBody = 16 << 10

// routes is the handler tree:
//
//	POST   /bookmarks       save a link            201, 400, 409, 413, 415, 422
//	GET    /bookmarks       every link, oldest first 200
//	GET    /bookmarks/{id}  one link               200, 404
//	DELETE /bookmarks/{id}  forget a link          204, 404
//	GET    /healthz         liveness               200
func routes(svc *bookmark.Service, logger *slog.Logger) http.Handler {
	h := &handlers{svc: svc, logger: logger}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /bookmarks", h.create)
	mux.HandleFunc("GET /bookmarks", h.list)
	mux.HandleFunc("GET /bookmarks/{id}", h.get)
	mux.HandleFunc("DELETE /bookmarks/{id}", h.delete)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	return problem.Routes(mux)
}

type handlers struct {
	svc    *bookmark.Service
	logger *slog.Logger
}

func (h *handlers) create(w http.ResponseWriter, r *http.Request) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "send the bookmark as Content-Type: application/json")
		return
	}
	var in bookmark.NewBookmark
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			problem.Error(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body must be at most %d bytes", maxBody))
			return
		}
		problem.Error(w, r, http.StatusBadRequest, "the body must be one JSON object with the members url and title")
		return
	}
	if dec.More() {
		problem.Error(w, r, http.StatusBadRequest, "the body must be one JSON object with the members url and title")
		return
	}
	b, err := h.svc.Create(r.Context(), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/bookmarks/%d", b.ID))
	writeJSON(w, http.StatusCreated, b)
}

func (h *handlers) list(w http.ResponseWriter, r *http.Request) {
	bs, err := h.svc.List(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"bookmarks": bs, "count": len(bs)})
}

func (h *handlers) get(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	b, err := h.svc.Get(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, b)
}

func (h *handlers) delete(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	if err := h.svc.Delete(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// pathID reads {id}; anything but a positive integer names no bookmark.
func pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		problem.Error(w, r, http.StatusNotFound, "no bookmark has this ID")
		return 0, false
	}
	return id, true
}

// fail maps the service's errors to problems. Anything it does not know is
// logged with its text and answered 500 without it: a driver's message never
// reaches the client.
func (h *handlers) fail(w http.ResponseWriter, r *http.Request, err error) {
	var invalid bookmark.ValidationError
	switch {
	case errors.As(err, &invalid):
		p := problem.New(http.StatusUnprocessableEntity, "the bookmark is invalid")
		for _, f := range invalid {
			p.Errors = append(p.Errors, problem.FieldError{Pointer: "/" + f.Field, Detail: f.Problem})
		}
		problem.Write(w, r, p)
	case errors.Is(err, bookmark.ErrNotFound):
		problem.Error(w, r, http.StatusNotFound, "no bookmark has this ID")
	case errors.Is(err, bookmark.ErrConflict):
		problem.Error(w, r, http.StatusConflict, "a bookmark with this URL exists")
	default:
		h.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		problem.Error(w, r, http.StatusInternalServerError, "the bookmark store failed; try again")
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

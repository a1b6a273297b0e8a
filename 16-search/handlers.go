package main

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"workbook/serve/problem"
)

const maxPageSize = 50

// routes is the handler tree: GET /search.
func routes(s Searcher, logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /search", handleSearch(s, logger))
	return problem.Routes(mux)
}

// handleSearch answers GET /search?q=&tag=&since=&until=&size=&after=.
func handleSearch(s Searcher, logger *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, fields := parseQuery(r)
		if len(fields) > 0 {
			invalid(w, r, fields)
			return
		}
		res, err := s.Search(r.Context(), q)
		if errors.Is(err, errBadCursor) {
			invalid(w, r, []problem.FieldError{{Pointer: "/after", Detail: "is not a cursor this server issued"}})
			return
		}
		if err != nil {
			logger.Error("search", "err", err)
			problem.Error(w, r, http.StatusServiceUnavailable, "search is unavailable")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(res)
	}
}

// parseQuery reads the URL's parameters, reporting every bad one.
func parseQuery(r *http.Request) (Query, []problem.FieldError) {
	v := r.URL.Query()
	q := Query{Text: v.Get("q"), Tag: v.Get("tag"), After: v.Get("after"), Size: 10}
	var fields []problem.FieldError
	for _, d := range []struct {
		name string
		dst  *time.Time
	}{{"since", &q.Since}, {"until", &q.Until}} {
		if s := v.Get(d.name); s != "" {
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				fields = append(fields, problem.FieldError{Pointer: "/" + d.name, Detail: "must be a date like 2024-01-31"})
			}
			*d.dst = t
		}
	}
	if s := v.Get("size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxPageSize {
			fields = append(fields, problem.FieldError{Pointer: "/size", Detail: "must be a whole number from 1 to 50"})
		}
		q.Size = n
	}
	if len(q.Text) > 256 {
		fields = append(fields, problem.FieldError{Pointer: "/q", Detail: "must be at most 256 bytes"})
	}
	return q, fields
}

// invalid writes a 422 naming every bad query parameter (the pointer is
// the parameter's name).
func invalid(w http.ResponseWriter, r *http.Request, fields []problem.FieldError) {
	p := problem.New(http.StatusUnprocessableEntity, "the query parameters are invalid")
	p.Errors = fields
	problem.Write(w, r, p)
}

package main

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"workbook/serve/problem"
)

// article is what the backend stores and the frontend shows.
type article struct {
	Slug   string `json:"slug"`
	Title  string `json:"title"`
	Author string `json:"author"`
}

// store is the backend's fake database: a fixed map and a configurable
// latency, so that /readyz can be shown failing on a slow dependency.
type store struct {
	delay    time.Duration // how long every call takes
	articles map[string]article
}

func newStore(delay time.Duration) *store {
	return &store{delay: delay, articles: map[string]article{
		"how-to-train-your-dragon": {"how-to-train-your-dragon", "How to train your dragon", "jake"},
		"observability-101":        {"observability-101", "Observability 101", "ana"},
	}}
}

// wait sleeps for the store's delay or until ctx is done.
func (s *store) wait(ctx context.Context) error {
	t := time.NewTimer(s.delay)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Ping is the store's health check.
func (s *store) Ping(ctx context.Context) error { return s.wait(ctx) }

func (s *store) get(ctx context.Context, slug string) (article, bool, error) {
	if err := s.wait(ctx); err != nil {
		return article{}, false, err
	}
	a, ok := s.articles[slug]
	return a, ok, nil
}

// backendRoutes is the second service: it owns the articles.
func backendRoutes(o *observer, st *store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /livez", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /internal/articles/{slug}", func(w http.ResponseWriter, r *http.Request) {
		ctx, span := o.tracer.Start(r.Context(), "store.get")
		a, ok, err := st.get(ctx, r.PathValue("slug"))
		span.End()
		switch {
		case err != nil:
			o.logger.ErrorContext(ctx, "store failed", "err", err)
			problem.Error(w, r, http.StatusServiceUnavailable, "the article store is unavailable")
		case !ok:
			problem.Error(w, r, http.StatusNotFound, "no article with this slug")
		default:
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(a)
		}
	})
	return o.wrap(mux)
}

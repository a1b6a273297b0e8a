package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/go-playground/validator/v10"
)

// server holds the dependencies every handler shares. It is built once in
// main; handlers never create their own validator or repository.
type server struct {
	mux          *http.ServeMux
	validate     *validator.Validate
	repo         Repository
	checkTimeout time.Duration
	now          func() time.Time
	log          *slog.Logger
}

func newServer(repo Repository, checkTimeout time.Duration, log *slog.Logger) (*server, error) {
	v, err := newValidator()
	if err != nil {
		return nil, err
	}
	s := &server{
		mux:          http.NewServeMux(),
		validate:     v,
		repo:         repo,
		checkTimeout: checkTimeout,
		now:          time.Now,
		log:          log,
	}
	s.registerSignupRoutes()
	s.registerArticleRoutes()
	s.registerNormalizeRoutes()
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeErrors(w, http.StatusNotFound, requestError("not_found", "no route for "+r.Method+" "+r.URL.Path))
	})
	return s, nil
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/go-playground/validator/v10"

	"workbook/serve/problem"
)

// server holds the dependencies every handler shares. It is built once in
// main; handlers never create their own validator or repository.
type server struct {
	mux          *http.ServeMux
	handler      http.Handler // mux, with 404 and 405 as problem details
	validate     *validator.Validate
	repo         Repository
	checkTimeout time.Duration
	now          func() time.Time
	log          *slog.Logger
}

// newHandler builds the server's handler tree over repo.
func newHandler(repo Repository, checkTimeout time.Duration, log *slog.Logger) (*server, error) {
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
	// No catch-all "/": a wrong method must stay a 405 with Allow, which
	// problem.Routes turns, like the mux's 404, into a problem body.
	s.handler = problem.Routes(s.mux)
	return s, nil
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

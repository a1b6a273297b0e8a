package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/mux"
)

// Config holds the server's settings; DefaultConfig gives laptop values.
type Config struct {
	CORS      CORSConfig
	Tokens    map[string]string // API token → user
	RatePerS  float64           // route-specific limit on /api, per client
	RateBurst int
	Now       func() time.Time
}

// DefaultConfig returns the settings `go run ./05-middleware` uses.
func DefaultConfig() Config {
	return Config{
		CORS: CORSConfig{
			AllowedOrigins: []string{"http://localhost:3000"},
			AllowedMethods: []string{"GET", "POST"},
			AllowedHeaders: []string{"Authorization", "Content-Type", "X-Request-ID"},
			ExposedHeaders: []string{"X-Request-ID", "Retry-After"},
			MaxAge:         10 * time.Minute,
		},
		Tokens:    map[string]string{"demo-token": "ada"},
		RatePerS:  1,
		RateBurst: 5,
		Now:       time.Now,
	}
}

// NewServer builds the router and its middleware.
//
// Global middleware wraps the whole router, so it runs for every request —
// including 404s, 405s and CORS preflights that match no route. Route-
// specific middleware is attached to the /api subrouter with Use, and
// gorilla/mux runs it only after a route there has matched.
func NewServer(cfg Config, logger *slog.Logger) http.Handler {
	r := mux.NewRouter()
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, r, http.StatusNotFound, "no route for "+r.URL.Path)
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, r, http.StatusMethodNotAllowed, r.Method+" is not allowed on "+r.URL.Path)
	})

	r.HandleFunc("/hello", handleHello).Methods(http.MethodGet)
	r.HandleFunc("/order", handleOrder).Methods(http.MethodGet)
	r.HandleFunc("/stream", handleStream).Methods(http.MethodGet)
	r.HandleFunc("/panic", handlePanic).Methods(http.MethodGet)
	r.HandleFunc("/hijack", handleHijack).Methods(http.MethodGet)

	articles := newArticleStore()
	limiter := NewRateLimiter(cfg.RatePerS, cfg.RateBurst, cfg.Now)
	api := r.PathPrefix("/api").Subrouter()
	// Auth before the limiter: the limiter can then key on the user, and
	// unauthenticated floods are refused by the cheaper check first.
	api.Use(
		mux.MiddlewareFunc(traced("auth", BearerAuth(cfg.Tokens))),
		mux.MiddlewareFunc(traced("ratelimit", limiter.Middleware)),
	)
	api.HandleFunc("/order", handleOrder).Methods(http.MethodGet)
	api.HandleFunc("/articles", articles.handleList).Methods(http.MethodGet)
	api.HandleFunc("/articles", articles.handleCreate).Methods(http.MethodPost)

	// Outermost first. Why this order:
	//   requestid  first, so every later layer and log line has the ID;
	//   logging    outside recovery, so it logs the 500 recovery writes;
	//   recovery   outside everything that might panic, cors and gzip included;
	//   cors       before auth (route-specific), since preflights carry no credentials;
	//   gzip       innermost global layer, compressing what handlers write.
	return Chain(r,
		Trace,
		traced("requestid", RequestID),
		traced("logging", Logging(logger)),
		traced("recovery", Recovery(logger)),
		traced("cors", CORS(cfg.CORS)),
		traced("gzip", Gzip),
	)
}

package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/mux"
	"github.com/rs/cors"

	"workbook/serve/problem"
)

// config is everything the server can be told at start-up; defaultConfig
// gives the laptop values `go run ./05-middleware` uses.
type config struct {
	addr        string
	logFormat   string            // "text" or "json"
	corsOrigins []string          // exact "scheme://host[:port]" origins allowed by CORS
	tokens      map[string]string // API token → user
	ratePerS    float64           // token-bucket refill rate on /api, per client
	rateBurst   int               // token-bucket size on /api
	now         func() time.Time  // the limiter's clock; a fake one in tests
}

func defaultConfig() config {
	return config{
		addr:        "127.0.0.1:8005",
		logFormat:   "text",
		corsOrigins: []string{"http://localhost:3000"},
		tokens:      map[string]string{"demo-token": "ada"},
		ratePerS:    1,
		rateBurst:   5,
		now:         time.Now,
	}
}

// corsOptions says which other origins' browser scripts may call this API.
func corsOptions(origins []string) cors.Options {
	return cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodHead, http.MethodPost},
		AllowedHeaders: []string{"Authorization", "Content-Type", "X-Request-ID"},
		ExposedHeaders: []string{"X-Request-ID", "Retry-After"},
		MaxAge:         600, // seconds a browser may cache a preflight's answer
	}
}

// newHandler builds the router and its middleware.
//
// Global middleware wraps the whole router, so it runs for every request —
// including 404s, 405s and CORS preflights that match no route. Route-
// specific middleware is attached to the /api subrouter with Use, and
// gorilla/mux runs it only after a route there has matched.
func newHandler(cfg config, logger *slog.Logger) http.Handler {
	r := mux.NewRouter()
	// A wrong method gets 405 with Allow (RFC 9110 §15.5.6): ask the router,
	// once per method, whether a route would match.
	allowed := func(req *http.Request) []string {
		return problem.AllowedMethods(req, func(req *http.Request) bool {
			var m mux.RouteMatch
			return r.Match(req, &m) && m.MatchErr == nil
		})
	}
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		problem.MethodNotAllowed(w, req, allowed(req))
	})
	// gorilla/mux v1.8.1 reports a wrong method on a subrouter with several
	// routes as "not found" (gorilla/mux issue #751): before answering 404,
	// check whether the path exists under another method.
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if methods := allowed(req); len(methods) > 0 {
			problem.MethodNotAllowed(w, req, methods)
			return
		}
		problem.NotFound(w, req)
	})

	// gorilla/mux, unlike ServeMux, does not answer HEAD for a GET route by
	// itself: list it, so that the Allow header tells the truth.
	get := []string{http.MethodGet, http.MethodHead}
	r.HandleFunc("/hello", handleHello).Methods(get...)
	r.HandleFunc("/order", handleOrder).Methods(get...)
	r.HandleFunc("/stream", handleStream).Methods(get...)
	r.HandleFunc("/panic", handlePanic).Methods(get...)
	r.HandleFunc("/hijack", handleHijack).Methods(http.MethodGet)

	articles := newArticleStore()
	limiter := newRateLimiter(cfg.ratePerS, cfg.rateBurst, cfg.now)
	api := r.PathPrefix("/api").Subrouter()
	// Auth before the limiter: the limiter can then key on the user, and
	// unauthenticated floods are refused by the cheaper check first.
	api.Use(
		mux.MiddlewareFunc(traced("auth", bearerAuth(cfg.tokens))),
		mux.MiddlewareFunc(traced("ratelimit", limiter.middleware)),
	)
	api.HandleFunc("/order", handleOrder).Methods(get...)
	api.HandleFunc("/articles", articles.handleList).Methods(get...)
	api.HandleFunc("/articles", articles.handleCreate).Methods(http.MethodPost)

	// Outermost first. Why this order:
	//   requestid  first, so every later layer and log line has the ID;
	//   logging    outside recovery, so it logs the 500 recovery writes;
	//   recovery   outside everything that might panic, cors and gzip included;
	//   cors       before auth (route-specific), since preflights carry no credentials;
	//   gzip       innermost global layer, compressing what handlers write.
	return chain(r,
		startTrace,
		traced("requestid", requestID),
		traced("logging", logging(logger)),
		traced("recovery", recovery(logger)),
		traced("cors", cors.New(corsOptions(cfg.corsOrigins)).Handler),
		traced("gzip", compress),
	)
}

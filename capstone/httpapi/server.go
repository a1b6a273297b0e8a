// Package httpapi is the HTTP adapter of Conduit: gorilla/mux routes that
// turn requests into calls on the conduit services and their results into
// the RealWorld JSON envelopes, plus the middleware every production API
// needs (request IDs, access logs, metrics, tracing, CORS, security headers,
// rate limits, body limits, panic recovery).
//
//go:generate go tool swag init --quiet --dir .,../conduit --generalInfo server.go --output ../docs --outputTypes go,json,yaml --packageName docs
package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/trace"
	"golang.org/x/time/rate"

	"workbook/capstone/conduit"
	"workbook/capstone/realtime"
)

//	@title						Conduit API
//	@version					1.0
//	@description				The RealWorld "Conduit" API, as built by the Go Backend Workbook capstone.
//	@license.name				MIT
//	@BasePath					/api
//	@securityDefinitions.apikey	Token
//	@in							header
//	@name						Authorization
//	@description				"Token " followed by the JWT from /users/login or /users.

// Config is what New needs. The four services and Tokens are required; every
// other field has a working zero value.
type Config struct {
	Users    conduit.UserService
	Profiles conduit.ProfileService
	Articles conduit.ArticleService
	Comments conduit.CommentService
	// Search serves GET /api/search; nil: no such route.
	Search conduit.SearchService
	// ReadVersion, when set, lets the server keep rendered anonymous
	// article reads under the data version (service.Cached.ArticleReadsVersion).
	ReadVersion func(context.Context) (string, bool)
	// Realtime serves the notification streams under /api/notifications/;
	// nil: no such routes.
	Realtime *realtime.Transport
	Tokens   *Tokens

	Logger *slog.Logger // nil: discard
	// Ready reports whether the dependencies (the database) answer; nil: always ready.
	Ready func(context.Context) error
	// MaxBodyBytes bounds every request body; 0: 1 MiB.
	MaxBodyBytes int64
	// RequestTimeout is the deadline of each request's context, so a
	// request waiting for a pooled connection or a slow query gives up
	// (503) instead of queueing forever; 0: 10 s.
	RequestTimeout time.Duration
	// CORSOrigins lists the browser origins allowed to call the API; empty or "*": any.
	CORSOrigins []string
	// AuthRate and AuthBurst limit sign-ups and logins per client IP; 0: 10 per minute, burst 5.
	AuthRate  rate.Limit
	AuthBurst int
	// PasswordRate and PasswordBurst limit password changes per user; 0: 5 per hour, burst 3.
	PasswordRate  rate.Limit
	PasswordBurst int
	// Registry receives the HTTP metrics and is served on /metrics; nil: a new one.
	Registry *prometheus.Registry
	// DebugURL is where the debug listener (Debug) answers, for GET /api to
	// point at; empty: not listed.
	DebugURL string
	// Tracer, when set, starts a span per request; nil: tracing off.
	Tracer trace.TracerProvider

	// Uploads serves the image uploads (POST /api/user/image, POST
	// /api/articles/{slug}/images, GET /api/uploads/{key}); nil: no such routes.
	Uploads conduit.UploadService
}

// Server is the HTTP API. Create it with New; it is safe for concurrent use.
type Server struct {
	users     conduit.UserService
	profiles  conduit.ProfileService
	articles  conduit.ArticleService
	comments  conduit.CommentService
	search    conduit.SearchService
	realtime  *realtime.Transport
	responses *responseCache
	tokens    *Tokens

	logger          *slog.Logger
	ready           func(context.Context) error
	maxBodyBytes    int64
	requestTimeout  time.Duration
	cors            corsPolicy
	authLimiter     *keyLimiter
	passwordLimiter *keyLimiter
	registry        *prometheus.Registry
	debugURL        string
	metrics         *metrics
	tracer          trace.Tracer
	draining        atomic.Bool

	router  *mux.Router  // the routes alone, for tests that walk them
	handler http.Handler // router wrapped in the middleware chain

	uploads conduit.UploadService
}

// New returns a Server for c.
func New(c Config) *Server {
	s := &Server{
		users: c.Users, profiles: c.Profiles, articles: c.Articles, comments: c.Comments, search: c.Search, realtime: c.Realtime,
		tokens: c.Tokens, logger: c.Logger, ready: c.Ready, maxBodyBytes: c.MaxBodyBytes, requestTimeout: c.RequestTimeout,
		responses: newResponseCache(c.ReadVersion),
		cors:      newCORSPolicy(c.CORSOrigins), registry: c.Registry, debugURL: c.DebugURL,
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	if s.maxBodyBytes <= 0 {
		s.maxBodyBytes = 1 << 20
	}
	if s.requestTimeout <= 0 {
		s.requestTimeout = 10 * time.Second
	}
	if c.AuthRate == 0 {
		c.AuthRate = rate.Every(time.Minute / 10)
	}
	if c.AuthBurst == 0 {
		c.AuthBurst = 5
	}
	s.authLimiter = newKeyLimiter(c.AuthRate, c.AuthBurst)
	if c.PasswordRate == 0 {
		c.PasswordRate = rate.Every(time.Hour / 5)
	}
	if c.PasswordBurst == 0 {
		c.PasswordBurst = 3
	}
	s.passwordLimiter = newKeyLimiter(c.PasswordRate, c.PasswordBurst)
	if s.registry == nil {
		s.registry = prometheus.NewRegistry()
	}
	s.metrics = newMetrics(s.registry)
	if c.Tracer != nil {
		s.tracer = c.Tracer.Tracer("workbook/capstone/httpapi")
	}
	s.uploads = c.Uploads
	s.handler = s.routes()
	return s
}

// withDeadline gives each request's context the request timeout.
func (s *Server) withDeadline(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isStream(r) { // lives as long as the client stays
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.requestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// canonicalPath stands where gorilla/mux's own path cleaning would: a path
// with "." or ".." segments or doubled slashes (also when they arrive
// percent-encoded, as %2e%2e%2f) is not one of ours as written. A read is
// redirected (301) to the clean path, as mux does; any other method gets a
// 404 in the error shape, because a client that PUTs or DELETEs would follow
// a redirect with a GET, or not at all, and nothing must be changed under a
// path the client did not send.
func canonicalPath(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		clean := path.Clean(r.URL.Path)
		if clean != "/" && strings.HasSuffix(r.URL.Path, "/") {
			clean += "/"
		}
		if r.URL.Path == "" || clean == r.URL.Path {
			next.ServeHTTP(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			notFound(w, r)
			return
		}
		u := *r.URL
		u.Path, u.RawPath = clean, ""
		w.Header().Set("Location", u.String())
		w.WriteHeader(http.StatusMovedPermanently)
	})
}

// ServeHTTP makes Server an http.Handler. Once draining, every response
// carries Connection: close, so net/http closes each keep-alive connection
// after its current response and the client opens its next one elsewhere.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.draining.Load() {
		w.Header().Set("Connection", "close")
	}
	s.handler.ServeHTTP(w, r)
}

// Drain makes /readyz fail from now on, so a load balancer stops sending new
// requests before the process stops accepting them, and makes every response
// close its connection. It cannot be undone.
func (s *Server) Drain() { s.draining.Store(true) }

// routes builds the router and wraps it in the middleware chain. Outermost
// first: a request gets its ID, is timed and logged, traced, protected from
// panics, given security and CORS headers, authenticated, and only then routed.
func (s *Server) routes() http.Handler {
	r := mux.NewRouter()
	r.SkipClean(true) // canonicalPath does it, without redirecting writes
	r.NotFoundHandler = http.HandlerFunc(notFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.methodNotAllowed)
	r.Use(recordRoute)
	s.router = r

	// The API routes are registered on the root router with their full path:
	// gorilla/mux v1.8.1 answers 404 instead of 405 for a wrong method
	// inside a subrouter that has more than one route. mux tries routes in
	// the order they were added, a regexp match each, and no two of these
	// paths overlap: so the reads a public site gets most come first.
	s.registerArticleRoutes(r)
	s.registerCommentRoutes(r)
	s.registerProfileRoutes(r)
	s.registerUserRoutes(r)
	s.registerOperationRoutes(r)
	if s.search != nil {
		s.registerSearchRoutes(r)
	}
	if s.uploads != nil {
		s.registerUploadRoutes(r)
	}
	if s.realtime != nil {
		s.registerRealtimeRoutes(r)
	}

	var h http.Handler = s.authenticate(canonicalPath(r))
	h = s.withDeadline(h)
	h = s.corsHeaders(h)
	h = securityHeaders(h)
	h = s.recoverPanics(h)
	if s.tracer != nil {
		h = s.trace(h)
	}
	h = s.observe(h)
	h = requestID(h)
	return h
}

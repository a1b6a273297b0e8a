package main

import (
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/gorilla/mux"
)

// Deps are what the server needs from outside.
type Deps struct {
	Store   *Store
	Related RelatedFinder
	Log     *slog.Logger
}

// Server is the REST API: a gorilla/mux router wrapped in request IDs,
// panic recovery and version negotiation.
type Server struct {
	Deps
	router  *mux.Router
	handler http.Handler
	routes  []routeMethods // for 405 answers, built once in NewServer
}

type routeMethods struct {
	path    *regexp.Regexp
	methods []string
}

// NewServer wires every route. Resource URLs are nouns, the method is the
// verb; versions live under /v1 and /v2.
func NewServer(d Deps) *Server {
	s := &Server{Deps: d, router: mux.NewRouter()}
	r := s.router
	r.HandleFunc("/", s.handleRoot).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/problems/{type}", s.handleProblemType).Methods(http.MethodGet, http.MethodHead)
	s.registerV1Routes(r.PathPrefix("/v1").Subrouter())
	s.registerV2Routes(r.PathPrefix("/v2").Subrouter())
	// gorilla/mux v1.8.1 reports a method mismatch inside a subrouter as
	// "not found" (gorilla/mux#739), so both cases go to one handler that
	// decides between 404 and 405 itself.
	r.NotFoundHandler = http.HandlerFunc(s.handleNoRoute)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.handleNoRoute)
	_ = r.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		methods, err := route.GetMethods()
		if err != nil {
			return nil // a prefix, or a route without methods
		}
		if re, err := route.GetPathRegexp(); err == nil {
			s.routes = append(s.routes, routeMethods{path: regexp.MustCompile(re), methods: methods})
		}
		return nil
	})
	s.handler = withRequestID(recoverPanics(s.Log)(versioned(s.Log, r)))
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// handleNoRoute answers a request no route took: 405 with the Allow header
// RFC 9110 requires when the path exists under other methods, else 404.
func (s *Server) handleNoRoute(w http.ResponseWriter, r *http.Request) {
	allow := s.allowedMethods(r.URL.Path)
	if len(allow) == 0 {
		writeProblem(w, r, s.Log, newProblem("not-found", "no resource at this URL; GET / lists what there is"))
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeProblem(w, r, s.Log, newProblem("method-not-allowed", r.Method+" is not supported here; allowed: "+strings.Join(allow, ", ")))
}

// allowedMethods lists the methods of every route whose path matches.
func (s *Server) allowedMethods(path string) []string {
	var allow []string
	for _, rm := range s.routes {
		if !rm.path.MatchString(path) {
			continue
		}
		for _, m := range rm.methods {
			if !slices.Contains(allow, m) {
				allow = append(allow, m)
			}
		}
	}
	return allow
}

// handleRoot is the entry point a client needs to know: everything else is
// discoverable from its links.
func (s *Server) handleRoot(w http.ResponseWriter, r *http.Request) {
	writeConditional(w, r, map[string]any{
		"data": map[string]any{
			"name":           "Conduit workbook API",
			"defaultVersion": defaultVersion,
			"versions": []map[string]any{
				{"version": 1, "status": "deprecated", "href": "/v1/articles", "sunset": v1Sunset},
				{"version": 2, "status": "current", "href": "/v2/articles"},
			},
			"versioning": "URL path (/v2/...) > ?version= > API-Version header > Accept: application/vnd.workbook.vN+json > default",
		},
		"links": map[string]Link{
			"self":          {Href: "/"},
			"articles":      {Href: "/v2/articles"},
			"article":       {Href: "/v2/articles/{slug}"},
			"create":        {Href: "/v2/articles", Method: http.MethodPost},
			"profile":       {Href: "/v2/profiles/{username}"},
			"articles-v1":   {Href: "/v1/articles"},
			"problem-types": {Href: "/problems/{type}"},
		},
	})
}

// handleProblemType documents a problem type at its own URI, so the "type"
// of an error response is a link a developer can follow.
func (s *Server) handleProblemType(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["type"]
	t, ok := problemTypes[name]
	if !ok {
		names := make([]string, 0, len(problemTypes))
		for n := range problemTypes {
			names = append(names, n)
		}
		slices.Sort(names)
		writeProblem(w, r, s.Log, newProblem("not-found", "unknown problem type; known: "+strings.Join(names, ", ")))
		return
	}
	writeConditional(w, r, map[string]any{"data": map[string]any{
		"type": "/problems/" + name, "title": t.Title, "status": t.Status, "description": t.Description,
	}})
}

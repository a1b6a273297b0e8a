package main

import (
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"workbook/serve/problem"
)

// deps are what the server needs from outside.
type deps struct {
	Store   *articleStore
	Related relatedFinder
	Log     *slog.Logger
}

// api is the REST API: a gorilla/mux router wrapped in request IDs,
// panic recovery and version negotiation.
type api struct {
	deps
	router  *mux.Router
	handler http.Handler
}

// newHandler wires every route. Resource URLs are nouns, the method is the
// verb; versions live under /v1 and /v2.
func newHandler(d deps) *api {
	s := &api{deps: d, router: mux.NewRouter()}
	r := s.router
	r.HandleFunc("/", s.handleRoot).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/problems/{type}", s.handleProblemType).Methods(http.MethodGet, http.MethodHead)
	s.registerV1Routes(r.PathPrefix("/v1").Subrouter())
	s.registerV2Routes(r.PathPrefix("/v2").Subrouter())
	// gorilla/mux v1.8.1 can report a method mismatch inside a subrouter as
	// "not found" (gorilla/mux#739; TestGorillaSubrouterMismatchIsNotFound
	// shows it), so both cases go to one handler that decides between 404
	// and 405 itself.
	r.NotFoundHandler = http.HandlerFunc(s.handleNoRoute)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.handleNoRoute)
	s.handler = withRequestID(recoverPanics(s.Log)(versioned(s.Log, r)))
	return s
}

func (s *api) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// handleNoRoute answers a request no route took: 405 with the Allow header
// RFC 9110 §15.5.6 requires when the path exists under other methods, else
// 404. The router itself says which methods the path takes: it is asked,
// method by method, whether a copy of the request would match.
func (s *api) handleNoRoute(w http.ResponseWriter, r *http.Request) {
	allow := problem.AllowedMethods(r, func(c *http.Request) bool {
		var m mux.RouteMatch
		return s.router.Match(c, &m) && m.MatchErr == nil
	})
	if len(allow) == 0 {
		writeProblem(w, r, s.Log, newProblem("not-found", "no resource at this URL; GET / lists what there is"))
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeProblem(w, r, s.Log, newProblem("method-not-allowed", r.Method+" is not supported here; allowed: "+strings.Join(allow, ", ")))
}

// handleRoot is the entry point a client needs to know: everything else is
// discoverable from its links.
func (s *api) handleRoot(w http.ResponseWriter, r *http.Request) {
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
		"links": map[string]link{
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
func (s *api) handleProblemType(w http.ResponseWriter, r *http.Request) {
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

package main

import (
	"log/slog"
	"net/http"

	"github.com/gorilla/mux"
)

// Route parameter constraints. gorilla/mux anchors each regular expression
// to the whole segment, so `{year:[0-9]{4}}` never matches "20245".
const (
	slugPattern  = `{slug:[a-z0-9]+(?:-[a-z0-9]+)*}`
	yearPattern  = `{year:[0-9]{4}}`
	monthPattern = `{month:0[1-9]|1[0-2]}`
)

// Route names used to build URLs with (*mux.Router).Get(name).URL(...).
const (
	routeV1Article  = "v1.article"
	routeV2Article  = "v2.article"
	routeV2Articles = "v2.articles"
	routeTenantHome = "tenant.home"
)

// server holds what the handlers need: the store and the router itself, so
// handlers can reverse named routes into URLs.
type server struct {
	store  *articleStore
	router *mux.Router
	logger *slog.Logger
}

// routes lists every route of the chapter. gorilla/mux tries routes in
// the order they are registered and the first full match wins, so the order
// below is part of the routing table's meaning.
func routes(store *articleStore, logger *slog.Logger) *mux.Router {
	r := mux.NewRouter()
	s := &server{store: store, router: r, logger: logger}

	// Host routing: any subdomain of localhost is a tenant's blog. It comes
	// first so that "acme.localhost/" is not answered by the routes below.
	tenants := r.Host("{tenant:[a-z][a-z0-9-]*}.localhost").Subrouter()
	tenants.HandleFunc("/", s.handleTenantHome).Methods(http.MethodGet, http.MethodHead).Name(routeTenantHome)

	r.HandleFunc("/routes", s.handleRoutes).Methods(http.MethodGet, http.MethodHead)

	// Version 1: a subrouter is a group with a shared prefix and shared
	// middleware; `deprecated` runs only for routes under /v1.
	v1 := r.PathPrefix("/v1").Subrouter()
	v1.Use(deprecated("/v2"))
	// The static route must come before the parameter route: mux has no
	// "most specific wins" rule, and "feed" is a valid slug.
	v1.HandleFunc("/articles/feed", s.handleV1Feed).Methods(http.MethodGet, http.MethodHead)
	v1.HandleFunc("/articles/"+slugPattern, s.handleV1Article).Methods(http.MethodGet, http.MethodHead).Name(routeV1Article)
	v1.HandleFunc("/articles", s.handleV1Articles).Methods(http.MethodGet, http.MethodHead)
	v1.HandleFunc("/archive/"+yearPattern+"/"+monthPattern, s.handleV1Archive).Methods(http.MethodGet, http.MethodHead)

	// Version 2: same resource, new representation with links.
	v2 := r.PathPrefix("/v2").Subrouter()
	v2.HandleFunc("/articles", s.handleV2Articles).Methods(http.MethodGet, http.MethodHead).Name(routeV2Articles)
	// Route-specific middleware: only this route demands a JSON body.
	v2.Handle("/articles", requireJSON(http.HandlerFunc(s.handleV2Create))).Methods(http.MethodPost)
	v2.HandleFunc("/articles/"+slugPattern, s.handleV2Article).Methods(http.MethodGet, http.MethodHead).Name(routeV2Article)
	v2.HandleFunc("/articles/"+slugPattern, s.handleV2Delete).Methods(http.MethodDelete)

	// A wildcard: every old /legacy/... URL moves permanently to /v1/....
	r.HandleFunc("/legacy/{rest:.*}", handleLegacy).Methods(http.MethodGet, http.MethodHead)

	// mux answers unmatched requests with these two handlers; one handler
	// serves both (see allow.go for why). Global middleware added with
	// r.Use does NOT run for them: mux builds the middleware chain only
	// around a matched route.
	r.NotFoundHandler = unmatched(r)
	r.MethodNotAllowedHandler = r.NotFoundHandler
	r.Use(logRequests(logger))
	return r
}

package main

import (
	"net/http"

	"github.com/gorilla/mux"
)

// routeInfo is one line of GET /routes.
type routeInfo struct {
	Name    string   `json:"name,omitempty"`
	Host    string   `json:"host,omitempty"`
	Path    string   `json:"path"`
	Methods []string `json:"methods,omitempty"`
}

// handleRoutes lists the routing table in matching order: the order mux
// tries routes in, which is the order they were registered.
func (s *server) handleRoutes(w http.ResponseWriter, r *http.Request) {
	var list []routeInfo
	_ = s.router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		path, err := route.GetPathTemplate()
		if err != nil {
			return nil // a subrouter holder with only a host: its children are listed
		}
		methods, err := route.GetMethods()
		if err != nil {
			return nil // a PathPrefix holder for a subrouter: not itself a route
		}
		host, _ := route.GetHostTemplate()
		list = append(list, routeInfo{Name: route.GetName(), Host: host, Path: path, Methods: methods})
		return nil
	})
	writeJSON(w, http.StatusOK, map[string]any{"routes": list})
}

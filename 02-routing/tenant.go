package main

import (
	"net/http"

	"github.com/gorilla/mux"
)

// handleTenantHome answers GET / on {tenant}.localhost: host routing puts
// the subdomain into the route variables exactly like a path parameter.
func (s *server) handleTenantHome(w http.ResponseWriter, r *http.Request) {
	tenant := mux.Vars(r)["tenant"]
	writeJSON(w, http.StatusOK, map[string]string{
		"tenant": tenant,
		// Reversing a route with a host template yields an absolute URL.
		"home": s.urlFor(routeTenantHome, "tenant", tenant),
	})
}

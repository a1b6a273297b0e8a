package httpapi

import (
	"net/http"
	"sort"
	"strings"

	"github.com/gorilla/mux"
)

// apiIndex is what GET /api answers: where the documentation and the
// operational endpoints are, and every API route the router serves. The
// server logs http://…/api as its URL, so this is the first page a person
// opens.
type apiIndex struct {
	Name       string            `json:"name"`
	Spec       string            `json:"spec"`
	Docs       string            `json:"docs,omitempty"`
	OpenAPI    string            `json:"openapi,omitempty"`
	Operations map[string]string `json:"operations"`
	Endpoints  []string          `json:"endpoints"`
}

// handleAPIIndex lists the API. The endpoints come from the router itself,
// so the list cannot drift from what is served.
func (s *Server) handleAPIIndex(w http.ResponseWriter, _ *http.Request) {
	idx := apiIndex{
		Name: "Conduit (RealWorld) API",
		Spec: "https://github.com/gothinkster/realworld/blob/main/api/openapi.yml",
		Operations: map[string]string{
			"live":  "/livez",
			"ready": "/readyz",
		},
		Endpoints: []string{},
	}
	if s.debugURL != "" {
		idx.Docs, idx.OpenAPI = s.debugURL+"/swagger/index.html", s.debugURL+"/swagger/doc.json"
		idx.Operations["metrics"] = s.debugURL + "/metrics"
	}
	_ = s.router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tmpl, err := route.GetPathTemplate()
		if err != nil || !strings.HasPrefix(tmpl, "/api/") {
			return nil
		}
		methods, _ := route.GetMethods()
		for _, m := range methods {
			idx.Endpoints = append(idx.Endpoints, m+" "+tmpl)
		}
		return nil
	})
	sort.Slice(idx.Endpoints, func(i, j int) bool {
		pi, mi := splitEndpoint(idx.Endpoints[i])
		pj, mj := splitEndpoint(idx.Endpoints[j])
		if pi != pj {
			return pi < pj
		}
		return mi < mj
	})
	writeJSON(w, http.StatusOK, idx)
}

// splitEndpoint splits "GET /api/tags" into path and method.
func splitEndpoint(e string) (path, method string) {
	method, path, _ = strings.Cut(e, " ")
	return path, method
}

package main

import (
	"encoding/json"
	"fmt"
	"net/http"

	"workbook/serve/problem"
)

// routes is the service's handler tree: three read-only endpoints, the
// ones a deployment pipeline and an orchestrator talk to.
func routes(bi buildInfo, ready readiness) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /version", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(bi)
	})
	// /livez: the process can serve HTTP. It checks nothing else on
	// purpose: a database outage must not make Kubernetes restart every pod.
	mux.HandleFunc("GET /livez", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	// /readyz: this pod should get traffic, which needs its database.
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if err := ready.check(r.Context()); err != nil {
			problem.Error(w, r, http.StatusServiceUnavailable, "not ready: "+err.Error())
			return
		}
		fmt.Fprintln(w, "ready")
	})
	return problem.Routes(mux)
}

package httpapi

import (
	"context"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	httpSwagger "github.com/swaggo/http-swagger/v2"

	_ "workbook/capstone/docs" // registers the generated OpenAPI document with swag
)

func (s *Server) registerOperationRoutes(r *mux.Router) {
	r.HandleFunc("/api", s.handleAPIIndex).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/livez", s.handleLivez).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/readyz", s.handleReadyz).Methods(http.MethodGet, http.MethodHead)
}

// Debug is the handler of the debug listener: /metrics, the Swagger UI and
// its document under /swagger/, and the pprof profiles under /debug/pprof/.
// None of it is for the public: metrics and profiles show how the service
// behaves inside, and a CPU profile costs the CPU it measures. So it listens
// apart (DEBUG_ADDR, loopback by default), where only the operator or the
// cluster's scraper reaches it.
func (s *Server) Debug() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{}))
	mux.Handle("GET /swagger/", httpSwagger.Handler(httpSwagger.URL("/swagger/doc.json")))
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeErrors(w, http.StatusNotFound, "the debug listener serves /metrics, /swagger/ and /debug/pprof/")
	})
	return securityHeaders(mux)
}

type statusResponse struct {
	Status string `json:"status"`
}

// handleLivez answers 200 while the process can serve HTTP at all.
func (s *Server) handleLivez(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, statusResponse{Status: "ok"})
}

// handleReadyz answers 200 when the service should get traffic: it is not
// shutting down and its database answers within a second.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	if s.draining.Load() {
		writeErrors(w, http.StatusServiceUnavailable, "shutting down")
		return
	}
	if s.ready != nil {
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		if err := s.ready(ctx); err != nil {
			s.logger.WarnContext(ctx, "not ready", "err", err)
			writeErrors(w, http.StatusServiceUnavailable, "database unavailable")
			return
		}
	}
	writeJSON(w, http.StatusOK, statusResponse{Status: "ready"})
}

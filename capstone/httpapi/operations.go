package httpapi

import (
	"context"
	"net/http"
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
	r.Handle("/metrics", promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{})).Methods(http.MethodGet)
	r.PathPrefix("/swagger/").Handler(httpSwagger.Handler(httpSwagger.URL("/swagger/doc.json"))).Methods(http.MethodGet)
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

package main

import (
	"log/slog"
	"net/http"
	"time"
)

// Logging writes one structured line per request once it has finished:
// method, path, status, bytes, duration and request ID. It sits inside
// RequestID (so the ID exists) and outside Recovery (so it logs the 500
// that Recovery wrote, not a status the handler never sent).
func Logging(logger *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := &statusRecorder{ResponseWriter: w}
			next.ServeHTTP(rec, r)
			logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", rec.Status()),
				slog.Int64("bytes", rec.bytes),
				slog.Duration("duration", time.Since(start)),
				slog.String("request_id", requestIDFrom(r.Context())),
				slog.Any("trace", traceFrom(r.Context()).snapshot()),
			)
		})
	}
}

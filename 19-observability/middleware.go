package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"workbook/serve/problem"
)

// observer is what one service needs to make every request observable: its
// name, the shared logger and metrics, and its own tracer.
type observer struct {
	service string
	logger  *slog.Logger
	metrics *metrics
	tracer  trace.Tracer
}

type requestIDKey struct{}

// requestIDFrom returns the request ID the middleware put in ctx, or "".
func requestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// requestID keeps a caller's X-Request-Id when it is a plain token (so an ID
// follows the request from the frontend into the backend), else makes one.
func requestID(r *http.Request) string {
	id := r.Header.Get(problem.RequestIDHeader)
	if id != "" && len(id) <= 64 && strings.Trim(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == "" {
		return id
	}
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// routeOf is the mux pattern r will be served by, without its method: the
// route template ("/articles/{slug}"), never the raw path.
func routeOf(mux *http.ServeMux, r *http.Request) string {
	_, pattern := mux.Handler(r)
	if pattern == "" {
		return "unmatched"
	}
	if i := strings.IndexByte(pattern, ' '); i >= 0 {
		pattern = pattern[i+1:]
	}
	return pattern
}

// wrap puts mux behind the service's observability: request ID, a server
// span continued from the caller's traceparent, RED metrics by route
// template, and one access-log line per request.
func (o *observer) wrap(mux *http.ServeMux) http.Handler {
	h := problem.Routes(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		route := routeOf(mux, r)
		id := requestID(r)
		w.Header().Set(problem.RequestIDHeader, id)

		ctx := propagator.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
		ctx, span := o.tracer.Start(ctx, r.Method+" "+route,
			trace.WithSpanKind(trace.SpanKindServer),
			trace.WithAttributes(
				attribute.String("http.request.method", methodLabel(r.Method)),
				attribute.String("http.route", route)))
		defer span.End()
		ctx = context.WithValue(ctx, requestIDKey{}, id)

		o.metrics.inFlight.WithLabelValues(o.service).Inc()
		defer o.metrics.inFlight.WithLabelValues(o.service).Dec()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r.WithContext(ctx))

		elapsed := time.Since(start)
		o.metrics.observe(o.service, r.Method, route, sw.status, elapsed)
		span.SetAttributes(attribute.Int("http.response.status_code", sw.status))
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		o.logger.Log(ctx, level, "request",
			"service", o.service, "method", r.Method, "path", r.URL.Path, "route", route,
			"status", sw.status, "duration_ms", float64(elapsed.Microseconds())/1000)
	})
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.status, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wroteHeader = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

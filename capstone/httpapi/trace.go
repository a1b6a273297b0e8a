package httpapi

import (
	"net/http"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// propagator reads and writes the W3C traceparent header, so a span here
// joins the trace of the caller.
var propagator = propagation.TraceContext{}

// trace starts a server span per request, named after the route template
// once routing has found it ("GET /api/articles/{slug}").
func (s *Server) trace(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := propagator.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
		ctx, span := s.tracer.Start(ctx, r.Method, trace.WithSpanKind(trace.SpanKindServer),
			trace.WithAttributes(
				attribute.String("http.request.method", r.Method),
				attribute.String("url.path", r.URL.Path),
				attribute.String("http.request_id", RequestID(ctx)),
			))
		defer span.End()
		r, info := withRouteInfo(r.WithContext(ctx))
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		span.SetName(r.Method + " " + info.label())
		span.SetAttributes(attribute.String("http.route", info.label()), attribute.Int("http.response.status_code", rec.status))
		if rec.status >= 500 {
			span.SetStatus(codes.Error, http.StatusText(rec.status))
		}
	})
}

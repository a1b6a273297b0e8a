package httpapi

import (
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

func TestTracingNamesSpansByRoute(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	s := newTestServer(t, func(c *Config) { c.Tracer = tp })

	r, w := newRequest("GET", "/api/articles/some-slug"), newRecorder()
	r.Header.Set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	s.ServeHTTP(w, r)

	spans := rec.Ended()
	if len(spans) != 1 {
		t.Fatalf("ended spans = %d, want 1", len(spans))
	}
	sp := spans[0]
	if sp.Name() != "GET /api/articles/{slug}" {
		t.Errorf("span name = %q, want %q", sp.Name(), "GET /api/articles/{slug}")
	}
	if got := sp.SpanContext().TraceID().String(); got != "4bf92f3577b34da6a3ce929d0e0e4736" {
		t.Errorf("trace ID = %s, want the caller's from traceparent", got)
	}
}

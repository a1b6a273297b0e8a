package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

func serviceOf(s tracetest.SpanStub) string {
	v, _ := s.Resource.Set().Value(attribute.Key("service.name"))
	return v.AsString()
}

func find(t *testing.T, spans tracetest.SpanStubs, service, name string) tracetest.SpanStub {
	t.Helper()
	for _, s := range spans {
		if serviceOf(s) == service && s.Name == name {
			return s
		}
	}
	var got []string
	for _, s := range spans {
		got = append(got, serviceOf(s)+": "+s.Name)
	}
	t.Fatalf("no span %q from %s; have %q", name, service, got)
	return tracetest.SpanStub{}
}

// TestTraceCrossesServices: one request makes four spans in one trace, each
// the child of the one before, across the HTTP hop between the services.
func TestTraceCrossesServices(t *testing.T) {
	ts := startSystem(t, testConfig())
	if resp := ts.do(t, "GET", "/articles/observability-101", nil, nil); resp.StatusCode != 200 {
		t.Fatalf("GET /articles/observability-101 = %d, want 200", resp.StatusCode)
	}
	spans := ts.spans.GetSpans()
	feServer := find(t, spans, "frontend", "GET /articles/{slug}")
	feClient := find(t, spans, "frontend", "GET backend /internal/articles/{slug}")
	beServer := find(t, spans, "backend", "GET /internal/articles/{slug}")
	beStore := find(t, spans, "backend", "store.get")

	if feServer.Parent.IsValid() {
		t.Errorf("frontend server span has parent %v, want a root span", feServer.Parent.SpanID())
	}
	for _, s := range []tracetest.SpanStub{feClient, beServer, beStore} {
		if s.SpanContext.TraceID() != feServer.SpanContext.TraceID() {
			t.Errorf("span %q has trace %s, want %s", s.Name, s.SpanContext.TraceID(), feServer.SpanContext.TraceID())
		}
	}
	links := []struct {
		child, parent tracetest.SpanStub
		remote        bool
	}{
		{feClient, feServer, false},
		{beServer, feClient, true}, // the parent arrived in traceparent
		{beStore, beServer, false},
	}
	for _, l := range links {
		if l.child.Parent.SpanID() != l.parent.SpanContext.SpanID() {
			t.Errorf("%s %q parent = %s, want %s (%q)", serviceOf(l.child), l.child.Name, l.child.Parent.SpanID(), l.parent.SpanContext.SpanID(), l.parent.Name)
		}
		if l.child.Parent.IsRemote() != l.remote {
			t.Errorf("%q parent remote = %v, want %v", l.child.Name, l.child.Parent.IsRemote(), l.remote)
		}
	}
	kinds := map[string]trace.SpanKind{feServer.Name: trace.SpanKindServer, feClient.Name: trace.SpanKindClient}
	for _, s := range []tracetest.SpanStub{feServer, feClient} {
		if s.SpanKind != kinds[s.Name] {
			t.Errorf("%q kind = %v, want %v", s.Name, s.SpanKind, kinds[s.Name])
		}
	}
	if !beServer.SpanContext.IsSampled() {
		t.Error("backend span not sampled")
	}
}

// TestSamplerHonoursParent: a caller's sampled flag wins over the ratio in
// both directions, and the ratio decides only for new traces.
func TestSamplerHonoursParent(t *testing.T) {
	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	cases := []struct {
		name        string
		ratio       float64
		traceparent string
		wantSpans   bool
	}{
		{"parent sampled, ratio 0", 0, "00-" + traceID + "-00f067aa0ba902b7-01", true},
		{"parent not sampled, ratio 1", 1, "00-" + traceID + "-00f067aa0ba902b7-00", false},
		{"no parent, ratio 1", 1, "", true},
		{"no parent, ratio 0", 0, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := testConfig()
			cfg.sampleRatio = c.ratio
			ts := startSystem(t, cfg)
			h := map[string]string{}
			if c.traceparent != "" {
				h["traceparent"] = c.traceparent
			}
			if resp := ts.do(t, "GET", "/articles/observability-101", nil, h); resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			spans := ts.spans.GetSpans()
			if got := len(spans) > 0; got != c.wantSpans {
				t.Fatalf("recorded %d spans, want spans: %v", len(spans), c.wantSpans)
			}
			for _, s := range spans {
				if c.traceparent != "" && s.SpanContext.TraceID().String() != traceID {
					t.Errorf("span %q in trace %s, want the caller's %s", s.Name, s.SpanContext.TraceID(), traceID)
				}
			}
			if c.wantSpans && len(spans) != 4 {
				t.Errorf("recorded %d spans, want 4 (the backend follows the frontend's decision)", len(spans))
			}
			// The decision travels even when nothing is recorded: the
			// backend's log line carries the caller's trace ID.
			for _, l := range ts.logs.lines(t) {
				if l["msg"] == "request" && c.traceparent != "" && l["trace_id"] != traceID {
					t.Errorf("%s log line trace_id = %v, want %s", l["service"], l["trace_id"], traceID)
				}
			}
		})
	}
}

// TestExporterByConfig: "stdout" writes each span as JSON, "off" exports
// nothing, anything else is an error.
func TestExporterByConfig(t *testing.T) {
	var buf strings.Builder
	exp, err := newExporter(context.Background(), "stdout", "", &buf)
	if err != nil {
		t.Fatal(err)
	}
	tp := newTracerProvider("frontend", 1, sdktrace.WithSyncer(exp))
	_, span := tp.Tracer("t").Start(context.Background(), "hello")
	span.End()
	_ = tp.Shutdown(context.Background())
	if !strings.Contains(buf.String(), `"Name":"hello"`) || !strings.Contains(buf.String(), `"Value":"frontend"`) {
		t.Errorf("stdout exporter wrote %s", buf.String())
	}
	if exp, err := newExporter(context.Background(), "off", "", &buf); exp != nil || err != nil {
		t.Errorf("off = %v, %v; want nil, nil", exp, err)
	}
	if _, err := newExporter(context.Background(), "zipkin", "", &buf); err == nil {
		t.Error("zipkin: no error")
	}
	exp, err = newExporter(context.Background(), "otlp", "http://127.0.0.1:4318/v1/traces", &buf)
	if err != nil || exp == nil {
		t.Errorf("otlp = %v, %v", exp, err)
	}
}

package main

import (
	"context"
	"fmt"
	"io"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// propagator carries the trace across HTTP hops in the W3C traceparent and
// tracestate headers.
var propagator propagation.TextMapPropagator = propagation.TraceContext{}

// newExporter returns the span exporter the configuration names, or nil for
// "off" (spans are still made, so logs still carry trace IDs, but go nowhere).
func newExporter(ctx context.Context, kind, endpoint string, stdout io.Writer) (sdktrace.SpanExporter, error) {
	switch kind {
	case "off":
		return nil, nil
	case "stdout":
		return stdouttrace.New(stdouttrace.WithWriter(stdout))
	case "otlp":
		var opts []otlptracehttp.Option
		if endpoint != "" {
			opts = append(opts, otlptracehttp.WithEndpointURL(endpoint))
		}
		return otlptracehttp.New(ctx, opts...)
	}
	return nil, fmt.Errorf("tracing: unknown exporter %q (want stdout, otlp or off)", kind)
}

// newTracerProvider is one service's provider. The sampler decides once, at
// the root: a request that arrives with a traceparent follows its caller's
// sampled flag; a new trace is kept with probability ratio (by its trace ID,
// so every service that sees the ID agrees).
func newTracerProvider(service string, ratio float64, opts ...sdktrace.TracerProviderOption) *sdktrace.TracerProvider {
	opts = append([]sdktrace.TracerProviderOption{
		sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.TraceIDRatioBased(ratio))),
		sdktrace.WithResource(resource.NewSchemaless(attribute.String("service.name", service))),
	}, opts...)
	return sdktrace.NewTracerProvider(opts...)
}

package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strings"

	"go.opentelemetry.io/otel/trace"
)

// newLogger returns the chapter's logger: JSON (or text) to w, every record
// carrying the request and trace IDs found in its context, and every attribute
// passed through redact before it is written.
func newLogger(format string, w io.Writer, level slog.Level) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: redact}
	var h slog.Handler
	switch format {
	case "json":
		h = slog.NewJSONHandler(w, opts)
	case "text":
		h = slog.NewTextHandler(w, opts)
	default:
		return nil, fmt.Errorf("log format must be text or json, got %q", format)
	}
	return slog.New(correlationHandler{h}), nil
}

// sensitiveKeys are attribute keys whose values never reach a log line,
// whatever they hold. Compared lower-cased.
var sensitiveKeys = map[string]bool{
	"password": true, "secret": true, "token": true, "authorization": true,
	"cookie": true, "api_key": true, "email": true,
}

// emailPattern finds e-mail addresses inside otherwise harmless strings
// (a URL path, an error message).
var emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

// redact is the handler's ReplaceAttr hook. The built-in handlers call it for
// every non-group attribute, inside groups too, after resolving LogValuers.
func redact(groups []string, a slog.Attr) slog.Attr {
	if sensitiveKeys[strings.ToLower(a.Key)] {
		return slog.String(a.Key, "[REDACTED]")
	}
	if a.Value.Kind() == slog.KindString {
		if s := a.Value.String(); emailPattern.MatchString(s) {
			return slog.String(a.Key, emailPattern.ReplaceAllString(s, "[EMAIL]"))
		}
	}
	return a
}

// correlationHandler adds request_id, trace_id and span_id to every record
// logged with a context that carries them, so that one grep of an ID finds
// the request's whole story — across both services.
type correlationHandler struct{ slog.Handler }

func (h correlationHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := requestIDFrom(ctx); id != "" {
		r.AddAttrs(slog.String("request_id", id))
	}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		r.AddAttrs(slog.String("trace_id", sc.TraceID().String()), slog.String("span_id", sc.SpanID().String()))
	}
	return h.Handler.Handle(ctx, r)
}

func (h correlationHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return correlationHandler{h.Handler.WithAttrs(as)}
}

func (h correlationHandler) WithGroup(name string) slog.Handler {
	return correlationHandler{h.Handler.WithGroup(name)}
}

//go:build solution

package redact

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
)

// Handler wraps another slog.Handler and redacts every record, and every
// attribute added with WithAttrs, before the wrapped handler sees it.
type Handler struct {
	next slog.Handler
	keys map[string]bool // lower-cased
}

// New returns a Handler in front of next that redacts DefaultKeys plus the
// extra keys given.
func New(next slog.Handler, keys ...string) *Handler {
	m := map[string]bool{}
	for _, k := range append(DefaultKeys[:len(DefaultKeys):len(DefaultKeys)], keys...) {
		m[strings.ToLower(k)] = true
	}
	return &Handler{next: next, keys: m}
}

func (h *Handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, mask(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.redact(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.redact(a)
	}
	return &Handler{next: h.next.WithAttrs(clean), keys: h.keys}
}

func (h *Handler) WithGroup(name string) slog.Handler {
	return &Handler{next: h.next.WithGroup(name), keys: h.keys}
}

// redact returns a copy of a that is safe to log. It never modifies a's
// group slice, which belongs to the caller.
func (h *Handler) redact(a slog.Attr) slog.Attr {
	a.Value = a.Value.Resolve()
	if h.keys[strings.ToLower(a.Key)] {
		return slog.String(a.Key, Redacted)
	}
	switch a.Value.Kind() {
	case slog.KindString:
		return slog.String(a.Key, mask(a.Value.String()))
	case slog.KindGroup:
		members := a.Value.Group()
		clean := make([]slog.Attr, len(members))
		for i, m := range members {
			clean[i] = h.redact(m)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(clean...)}
	case slog.KindAny:
		if err, ok := a.Value.Any().(error); ok {
			return slog.String(a.Key, mask(err.Error()))
		}
	}
	return a
}

var (
	jwtPattern    = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`)
	bearerPattern = regexp.MustCompile(`(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+`)
	emailPattern  = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
)

// mask replaces the tokens and e-mail addresses inside free text.
func mask(s string) string {
	s = jwtPattern.ReplaceAllString(s, Redacted)
	s = bearerPattern.ReplaceAllString(s, "Bearer "+Redacted)
	return emailPattern.ReplaceAllString(s, EmailMask)
}

package serve

import (
	"fmt"
	"io"
	"log/slog"
)

// NewLogger returns a structured logger writing to w: logfmt-style
// key=value lines for format "text", one JSON object per line for "json".
// Any other format, the empty string included, is an error and no logger.
func NewLogger(format string, w io.Writer) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, fmt.Errorf("serve: log format must be text or json, got %q", format)
}

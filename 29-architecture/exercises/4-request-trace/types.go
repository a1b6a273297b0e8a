// Package requesttrace is exercise 4 of chapter 29: a trace recorder
// carried in a context, recording a span per hop with its parent, timed by
// an injected clock and rendered as an indented tree.
package requesttrace

import "time"

// Clock returns the current time; tests pass a fake one.
type Clock func() time.Time

// SpanData is one recorded span.
type SpanData struct {
	ID     int       // 1, 2, 3… in the order spans were started
	Parent int       // the parent's ID; 0 for a root span
	Name   string    // e.g. "handler"
	Start  time.Time // from the recorder's clock
	End    time.Time // zero while the span is running
}

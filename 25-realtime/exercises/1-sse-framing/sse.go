//go:build !solution

package sseframing

import (
	"errors"
	"io"
	"time"
)

var errNotImplemented = errors.New("not implemented: edit exercises/1-sse-framing/sse.go")

// Write writes ev as one event: its id:, event: and retry: fields, one
// data: line per line of Data, and the blank line that dispatches it. It
// writes nothing and returns ErrField for an ID or Type it cannot frame.
func Write(w io.Writer, ev Event) error { return errNotImplemented }

// Comment writes text as comment lines (": text"), one per line of text:
// the stream's heartbeat, which every client ignores.
func Comment(w io.Writer, text string) error { return errNotImplemented }

// NewReader returns a Reader of the stream r.
func NewReader(r io.Reader) *Reader { return &Reader{} }

// Next returns the next dispatched event, or io.EOF at the end of the
// stream (an event not followed by a blank line is never dispatched).
func (r *Reader) Next() (Event, error) { return Event{}, errNotImplemented }

// LastEventID is what a client reconnecting now sends as Last-Event-ID.
func (r *Reader) LastEventID() string { return "not implemented" }

// Retry is the reconnection time the stream set with retry:, or 0.
func (r *Reader) Retry() time.Duration { return -1 }

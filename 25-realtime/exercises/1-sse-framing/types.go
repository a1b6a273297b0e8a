// Package sseframing is exercise 1 of chapter 25: Server-Sent Events framing
// from both ends, the server's writer and the browser's parser (WHATWG HTML,
// "Server-sent events", §9.2.6 "Interpreting an event stream").
package sseframing

import (
	"bufio"
	"errors"
	"time"
)

// Event is one Server-Sent Event.
type Event struct {
	// ID is written as the id: field ("" writes none). Parsed, it is the
	// stream's last event ID when the event was dispatched.
	ID string
	// Type is the event: field ("" writes none). Parsed, "" becomes "message".
	Type string
	// Data may hold line breaks (\n, \r\n or \r). Parsed, they are all \n.
	Data string
	// Retry, when positive, is written as retry: in milliseconds. The parser
	// reports it through Reader.Retry, never in an Event.
	Retry time.Duration
}

// ErrField is what Write returns for an ID or Type that cannot be framed:
// a line break in either would end the field early and let the rest of the
// value be read as another field (an injection), and a browser ignores an
// id that contains NUL.
var ErrField = errors.New("sse: id or event contains a line break or NUL")

// Reader parses an event stream as a browser's EventSource does.
//
//lint:ignore U1000 the stub leaves its fields to the learner; the reference uses them
type Reader struct {
	r           *bufio.Reader
	started     bool          // the first byte was read (and a BOM skipped)
	afterCR     bool          // the last line ended with \r: a \n next is part of that line end
	data        []byte        // the data buffer
	typ         string        // the event type buffer
	idBuf       string        // the last event ID buffer
	lastEventID string        // the last event ID string, set at each dispatch
	retry       time.Duration // the reconnection time, 0 until the stream sets one
}

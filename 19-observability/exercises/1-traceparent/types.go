// Package traceparent is exercise 1 of chapter 19: parse and format the W3C
// Trace Context traceparent header from first principles.
package traceparent

import "errors"

// Traceparent is one parsed traceparent header value:
// version "-" trace-id "-" parent-id "-" trace-flags.
type Traceparent struct {
	Version  byte     // the version received; Format always writes 00
	TraceID  [16]byte // never all zero
	ParentID [8]byte  // the caller's span; never all zero
	Flags    byte     // bit 0 is "sampled"
}

// ErrInvalid is returned (wrapped or as is) for every value the
// specification says to ignore: the receiver then starts a new trace.
var ErrInvalid = errors.New("traceparent: invalid")

// FlagSampled is the sampled bit of Flags.
const FlagSampled byte = 0x01

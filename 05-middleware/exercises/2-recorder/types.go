// Package recorder wraps an http.ResponseWriter to observe the response —
// its status and size, what logging and metrics middleware need — without
// hiding the optional interfaces of the writer it wraps.
package recorder

import "net/http"

// The compile-time contract: a *Recorder is a ResponseWriter that can
// flush, hijack, and be unwrapped by http.ResponseController.
var (
	_ http.ResponseWriter                       = (*Recorder)(nil)
	_ http.Flusher                              = (*Recorder)(nil)
	_ http.Hijacker                             = (*Recorder)(nil)
	_ interface{ Unwrap() http.ResponseWriter } = (*Recorder)(nil)
)

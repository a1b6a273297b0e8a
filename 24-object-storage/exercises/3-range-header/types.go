// Package rangeheader is exercise 3 of chapter 24: turn an HTTP Range
// header (RFC 9110 §14) into the response a server sends.
package rangeheader

import "fmt"

// Range is a byte range with an inclusive end, as Content-Range writes it.
type Range struct {
	Start, End int64
}

// Len is the number of bytes in r.
func (r Range) Len() int64 { return r.End - r.Start + 1 }

func (r Range) String() string { return fmt.Sprintf("%d-%d", r.Start, r.End) }

// Response is what to send for a GET with that Range header.
type Response struct {
	// Status is 200 (the whole representation: no Range, or one the
	// server ignores), 206 (the ranges) or 416 (none satisfiable).
	Status int
	// Ranges are the bytes to send for a 206, in the order to send them.
	Ranges []Range
	// ContentRange is the header for a single-range 206 ("bytes 0-3/10")
	// or a 416 ("bytes */10"); empty otherwise (a multipart 206 puts one
	// in each part).
	ContentRange string
}

// Package latencyhistogram is exercise 2 of chapter 22: a log-linear
// (HDR-style) latency histogram whose percentiles have a bounded relative
// error, and which merges.
package latencyhistogram

import "errors"

var (
	// ErrBadBits: New was given sub-bucket bits outside 1..12.
	ErrBadBits = errors.New("sub-bucket bits must be 1 to 12")
	// ErrNegative: Record was given a negative duration.
	ErrNegative = errors.New("negative duration")
	// ErrEmpty: Percentile of a histogram with no samples.
	ErrEmpty = errors.New("empty histogram")
	// ErrBadPercentile: Percentile was given p outside (0, 100], or NaN.
	ErrBadPercentile = errors.New("percentile must be in (0, 100]")
	// ErrIncompatible: Merge of histograms with different bits.
	ErrIncompatible = errors.New("histograms have different bits")
)

//go:build !solution

package latencyhistogram

import (
	"errors"
	"time"
)

var errNotImplemented = errors.New("not implemented: edit exercises/2-latency-histogram/histogram.go")

// Histogram counts durations in log-linear buckets with 2^bits sub-buckets
// per power of two.
type Histogram struct{}

// New returns an empty histogram whose percentiles are within 2^-bits of the truth.
func New(bits int) (*Histogram, error) { return nil, errNotImplemented }

// Record counts one duration.
func (h *Histogram) Record(d time.Duration) error { return errNotImplemented }

// Count is the number of recorded durations.
func (h *Histogram) Count() int64 { return -1 }

// Max is the largest recorded duration (0 when empty).
func (h *Histogram) Max() time.Duration { return -1 }

// Percentile returns the p-th percentile by the nearest-rank definition,
// as the highest value of its bucket (never above Max).
func (h *Histogram) Percentile(p float64) (time.Duration, error) { return 0, errNotImplemented }

// Merge adds every sample of o to h; o is unchanged.
func (h *Histogram) Merge(o *Histogram) error { return errNotImplemented }

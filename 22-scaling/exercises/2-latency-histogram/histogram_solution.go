//go:build solution

package latencyhistogram

import (
	"math"
	"math/bits"
	"time"
)

// Histogram counts durations in log-linear buckets with 2^bits sub-buckets
// per power of two.
type Histogram struct {
	bits   int
	counts []int64
	n      int64
	max    int64
}

// New returns an empty histogram whose percentiles are within 2^-bits of the truth.
func New(subBits int) (*Histogram, error) {
	if subBits < 1 || subBits > 12 {
		return nil, ErrBadBits
	}
	return &Histogram{bits: subBits}, nil
}

// index is v's bucket: below 2^bits every value has its own; above, the
// octave [2^e, 2^(e+1)) is cut into 2^bits buckets of width 2^(e-bits).
func (h *Histogram) index(v int64) int {
	sub := int64(1) << h.bits
	if v < sub {
		return int(v)
	}
	shift := bits.Len64(uint64(v)) - 1 - h.bits
	return int(int64(shift+1)<<h.bits + v>>shift - sub)
}

// highest is the largest value that falls in bucket i.
func (h *Histogram) highest(i int) int64 {
	sub := 1 << h.bits
	if i < sub {
		return int64(i)
	}
	shift := i/sub - 1
	m := int64(i%sub + sub)
	return m<<shift + (int64(1)<<shift - 1)
}

// Record counts one duration.
func (h *Histogram) Record(d time.Duration) error {
	if d < 0 {
		return ErrNegative
	}
	i := h.index(int64(d))
	if i >= len(h.counts) {
		h.counts = append(h.counts, make([]int64, i+1-len(h.counts))...)
	}
	h.counts[i]++
	h.n++
	h.max = max(h.max, int64(d))
	return nil
}

// Count is the number of recorded durations.
func (h *Histogram) Count() int64 { return h.n }

// Max is the largest recorded duration (0 when empty).
func (h *Histogram) Max() time.Duration { return time.Duration(h.max) }

// Percentile returns the p-th percentile by the nearest-rank definition,
// as the highest value of its bucket (never above Max).
func (h *Histogram) Percentile(p float64) (time.Duration, error) {
	if !(p > 0 && p <= 100) {
		return 0, ErrBadPercentile
	}
	if h.n == 0 {
		return 0, ErrEmpty
	}
	// Multiply before dividing: 7/100*100 is 7.000000000000001 in floating point.
	rank := int64(math.Ceil(p * float64(h.n) / 100))
	rank = min(max(rank, 1), h.n)
	var seen int64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			return time.Duration(min(h.highest(i), h.max)), nil
		}
	}
	return time.Duration(h.max), nil // unreachable: the counts sum to n
}

// Merge adds every sample of o to h; o is unchanged.
func (h *Histogram) Merge(o *Histogram) error {
	if o.bits != h.bits {
		return ErrIncompatible
	}
	if len(o.counts) > len(h.counts) {
		h.counts = append(h.counts, make([]int64, len(o.counts)-len(h.counts))...)
	}
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.n += o.n
	h.max = max(h.max, o.max)
	return nil
}

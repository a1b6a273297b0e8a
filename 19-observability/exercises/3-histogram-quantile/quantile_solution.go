//go:build solution

package quantile

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
)

// tolerance is the relative difference between neighbouring cumulative
// counts below which Prometheus treats them as equal (floating-point noise).
const tolerance = 1e-12

// Quantile estimates the q-quantile (0 ≤ q ≤ 1) of the observations counted
// in buckets, as histogram_quantile does. buckets may come in any order and
// is not modified.
func Quantile(q float64, buckets []Bucket) float64 {
	switch {
	case math.IsNaN(q):
		return math.NaN()
	case q < 0:
		return math.Inf(-1)
	case q > 1:
		return math.Inf(+1)
	}
	if len(buckets) == 0 {
		return math.NaN()
	}
	bs := slices.Clone(buckets)
	slices.SortFunc(bs, func(a, b Bucket) int { return cmp.Compare(a.UpperBound, b.UpperBound) })
	if !math.IsInf(bs[len(bs)-1].UpperBound, +1) {
		return math.NaN()
	}
	bs = coalesce(bs)
	monotonic(bs)
	if len(bs) < 2 {
		return math.NaN()
	}
	observations := bs[len(bs)-1].Count
	if observations == 0 {
		return math.NaN()
	}
	rank := q * observations
	b := sort.Search(len(bs)-1, func(i int) bool { return bs[i].Count >= rank })
	switch {
	case b == len(bs)-1:
		// In the +Inf bucket: the best estimate is the highest finite bound.
		return bs[len(bs)-2].UpperBound
	case b == 0 && bs[0].UpperBound <= 0:
		return bs[0].UpperBound
	}
	var start float64 // the lowest bucket starts at 0
	end, count := bs[b].UpperBound, bs[b].Count
	if b > 0 {
		start = bs[b-1].UpperBound
		count -= bs[b-1].Count
		rank -= bs[b-1].Count
	}
	return start + (end-start)*(rank/count)
}

// coalesce merges buckets with the same upper bound by adding their counts.
func coalesce(bs []Bucket) []Bucket {
	out := bs[:1]
	for _, b := range bs[1:] {
		if last := &out[len(out)-1]; b.UpperBound == last.UpperBound {
			last.Count += b.Count
		} else {
			out = append(out, b)
		}
	}
	return out
}

// monotonic makes the cumulative counts never decrease: a count within
// tolerance of the last accepted one, or below it, becomes that count.
func monotonic(bs []Bucket) {
	prev := bs[0].Count
	for i := range bs {
		curr := bs[i].Count
		if almostEqual(prev, curr) || curr < prev {
			bs[i].Count = prev
			continue
		}
		prev = curr
	}
}

// almostEqual is Prometheus's relative comparison; two zeros are not
// "almost equal" (0/0 is NaN), which changes nothing: they are equal.
func almostEqual(a, b float64) bool {
	return math.Abs(a-b)/(math.Abs(a)+math.Abs(b)) < tolerance
}

// BurnRate is how many times faster than allowed the window spends the
// error budget of an SLO (e.g. 0.999): the error ratio divided by 1 - slo.
func BurnRate(w Window, slo float64) (float64, error) {
	if !(slo > 0 && slo < 1) {
		return 0, fmt.Errorf("slo %v is not between 0 and 1", slo)
	}
	if w.Errors < 0 || w.Total < 0 || w.Errors > w.Total {
		return 0, errors.New("a window needs 0 <= errors <= total")
	}
	if w.Total == 0 {
		return 0, nil // no requests, no budget spent
	}
	return (w.Errors / w.Total) / (1 - slo), nil
}

// BurnRateFor is the burn rate at which the share budgetSpent of a whole
// SLO period's budget is gone within window.
func BurnRateFor(budgetSpent, windowHours, periodHours float64) float64 {
	return budgetSpent * periodHours / windowHours
}

// Firing reports whether a multi-window burn-rate alert fires: the burn
// rate over both the long and the short window is above threshold.
func Firing(long, short Window, slo, threshold float64) (bool, error) {
	l, err := BurnRate(long, slo)
	if err != nil {
		return false, fmt.Errorf("long window: %w", err)
	}
	s, err := BurnRate(short, slo)
	if err != nil {
		return false, fmt.Errorf("short window: %w", err)
	}
	return l > threshold && s > threshold, nil
}

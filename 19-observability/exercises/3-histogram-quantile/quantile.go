//go:build !solution

package quantile

import (
	"errors"
	"math"
)

var errNotImplemented = errors.New("not implemented: edit exercises/3-histogram-quantile/quantile.go")

// Quantile estimates the q-quantile (0 ≤ q ≤ 1) of the observations counted
// in buckets, as histogram_quantile does. buckets may come in any order and
// is not modified.
func Quantile(q float64, buckets []Bucket) float64 { return math.NaN() }

// BurnRate is how many times faster than allowed the window spends the
// error budget of an SLO (e.g. 0.999): the error ratio divided by 1 - slo.
func BurnRate(w Window, slo float64) (float64, error) { return 0, errNotImplemented }

// BurnRateFor is the burn rate at which the share budgetSpent of a whole
// SLO period's budget is gone within window.
func BurnRateFor(budgetSpent, windowHours, periodHours float64) float64 { return 0 }

// Firing reports whether a multi-window burn-rate alert fires: the burn
// rate over both the long and the short window is above threshold.
func Firing(long, short Window, slo, threshold float64) (bool, error) {
	return false, errNotImplemented
}

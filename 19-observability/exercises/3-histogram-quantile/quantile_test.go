package quantile

import (
	"math"
	"slices"
	"testing"
)

var inf = math.Inf(+1)

// latency is a typical request-duration histogram: 100 requests, 10 under
// 100 ms, 60 under 500 ms, 90 under 1 s.
var latency = []Bucket{{0.1, 10}, {0.5, 60}, {1, 90}, {inf, 100}}

// quantileCases: the expected values were computed by Prometheus v0.316.0's
// promql.BucketQuantile (the function behind histogram_quantile) on the same
// input.
var quantileCases = []struct {
	name    string
	q       float64
	buckets []Bucket
	want    float64
}{
	// Linear interpolation inside the bucket that holds rank q·total.
	{"median", 0.5, latency, 0.42},
	{"p90 at a bucket edge", 0.9, latency, 1},
	{"p60 at an edge", 0.6, latency, 0.5},
	{"p75", 0.75, latency, 0.75},
	{"p20 in the second bucket", 0.2, latency, 0.18},
	// The lowest bucket starts at 0 when its bound is positive.
	{"p5 in the lowest bucket", 0.05, latency, 0.05},
	{"q 0", 0, latency, 0},
	// Rank in the +Inf bucket: the highest finite bound.
	{"p95 in +Inf", 0.95, latency, 1},
	{"q 1 in +Inf", 1, latency, 1},
	{"q 1, +Inf bucket empty", 1, []Bucket{{1, 4}, {2, 8}, {inf, 8}}, 2},
	// Lowest bucket with a bound <= 0: that bound, no interpolation.
	{"lowest bound negative", 0.1, []Bucket{{-1, 2}, {0, 4}, {1, 10}, {inf, 10}}, -1},
	{"negative lowest, positive next", 0.1, []Bucket{{-1, 2}, {1, 10}, {inf, 10}}, -1},
	{"one observation", 0.5, []Bucket{{1, 1}, {inf, 1}}, 0.5},
	{"lowest bound zero", 0.1, []Bucket{{0, 2}, {1, 10}, {inf, 10}}, 0},
	{"interpolate from a negative bound", 0.3, []Bucket{{-1, 2}, {0, 4}, {1, 10}, {inf, 10}}, -0.5},
	{"interpolate from a zero bound", 0.6, []Bucket{{0, 2}, {1, 10}, {inf, 10}}, 0.5},
	// Order does not matter.
	{"unsorted", 0.5, []Bucket{{inf, 100}, {0.5, 60}, {1, 90}, {0.1, 10}}, 0.42},
	// Rank exactly on a bucket's count picks that bucket (the first with count >= rank).
	{"empty buckets skipped", 0.5, []Bucket{{1, 0}, {2, 0}, {3, 10}, {4, 10}, {inf, 10}}, 2.5},
	{"rank on a plateau", 0.5, []Bucket{{1, 5}, {2, 5}, {3, 10}, {inf, 10}}, 1},
	// Same upper bound twice: counts are added.
	{"duplicate bounds", 0.5, []Bucket{{1, 2}, {1, 2}, {2, 10}, {inf, 10}}, 1.1666666666666667},
	// Decreasing counts are raised to the previous count (the envelope).
	{"non-monotonic", 0.5, []Bucket{{1, 4}, {2, 2}, {3, 8}, {inf, 8}}, 1},
	{"non-monotonic, later", 0.75, []Bucket{{1, 4}, {2, 2}, {3, 8}, {inf, 8}}, 2.5},
	{"non-monotonic +Inf", 0.5, []Bucket{{1, 2}, {2, 10}, {inf, 6}}, 1.375},
	// Differences below a relative 1e-12 are floating-point noise: ignored.
	{"tiny increase ignored", 1, []Bucket{{1, 1e6}, {2, 1e6 + 1e-7}, {inf, 1e6 + 1e-7}}, 1},
	{"tiny increase ignored, p>0", 0.5, []Bucket{{1, 0}, {2, 1e6}, {3, 1e6 + 1e-7}, {inf, 1e6 + 1e-7}}, 1.5},
	{"small but real increase kept", 1, []Bucket{{1, 1e6}, {2, 1e6 + 1}, {inf, 1e6 + 1}}, 2},
	// No answer.
	{"no +Inf bucket", 0.5, []Bucket{{1, 2}, {2, 4}}, math.NaN()},
	{"only +Inf", 0.5, []Bucket{{inf, 10}}, math.NaN()},
	{"no observations", 0.5, []Bucket{{1, 0}, {inf, 0}}, math.NaN()},
	{"no buckets", 0.5, nil, math.NaN()},
	{"q NaN", math.NaN(), latency, math.NaN()},
	{"q below 0", -0.1, latency, math.Inf(-1)},
	{"q above 1", 1.01, latency, math.Inf(+1)},
	{"q below 0, no buckets", -1, nil, math.Inf(-1)},
	{"two +Inf buckets", 0.5, []Bucket{{1, 2}, {inf, 3}, {inf, 3}}, 1},
}

func same(a, b float64) bool {
	return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-12
}

func TestQuantile(t *testing.T) {
	for _, c := range quantileCases {
		in := slices.Clone(c.buckets)
		got := Quantile(c.q, in)
		if !same(got, c.want) {
			t.Errorf("%s: Quantile(%v, %v) = %v, want %v (edit exercises/3-histogram-quantile/quantile.go)", c.name, c.q, c.buckets, got, c.want)
		}
		if !slices.Equal(in, c.buckets) {
			t.Errorf("%s: Quantile modified its input: %v, was %v", c.name, in, c.buckets)
		}
	}
}

// TestBurnRateFor: the SRE workbook's thresholds for a 30-day SLO.
func TestBurnRateFor(t *testing.T) {
	const month = 30 * 24
	for _, c := range []struct{ spent, window, want float64 }{
		{0.02, 1, 14.4},
		{0.05, 6, 6},
		{0.10, 3 * 24, 1},
		{1, month, 1},
		{0.5, 12, 30},
	} {
		if got := BurnRateFor(c.spent, c.window, month); !same(got, c.want) {
			t.Errorf("BurnRateFor(%v, %vh, %vh) = %v, want %v (edit exercises/3-histogram-quantile/quantile.go)", c.spent, c.window, month, got, c.want)
		}
	}
	if got := BurnRateFor(0.02, 1, 28*24); !same(got, 13.44) {
		t.Errorf("BurnRateFor(0.02, 1h, 28d) = %v, want 13.44", got)
	}
}

func TestBurnRate(t *testing.T) {
	for _, c := range []struct {
		w    Window
		slo  float64
		want float64
	}{
		{Window{Errors: 1, Total: 1000}, 0.999, 1},
		{Window{Errors: 144, Total: 10000}, 0.999, 14.4},
		{Window{Errors: 5, Total: 100}, 0.99, 5},
		{Window{Errors: 0, Total: 500}, 0.999, 0},
		{Window{Errors: 0, Total: 0}, 0.999, 0}, // no traffic
		{Window{Errors: 10, Total: 10}, 0.9, 10},
	} {
		got, err := BurnRate(c.w, c.slo)
		if err != nil || !same(got, c.want) {
			t.Errorf("BurnRate(%+v, %v) = %v, %v; want %v (edit exercises/3-histogram-quantile/quantile.go)", c.w, c.slo, got, err, c.want)
		}
	}
	for _, c := range []struct {
		w   Window
		slo float64
	}{
		{Window{1, 10}, 1}, {Window{1, 10}, 0}, {Window{1, 10}, 1.5}, {Window{1, 10}, -0.5}, {Window{1, 10}, math.NaN()},
		{Window{11, 10}, 0.999}, {Window{-1, 10}, 0.999}, {Window{0, -1}, 0.999},
	} {
		if got, err := BurnRate(c.w, c.slo); err == nil || got != 0 {
			t.Errorf("BurnRate(%+v, %v) = %v, %v; want 0 and an error", c.w, c.slo, got, err)
		}
	}
}

// TestFiring: both windows must burn faster than the threshold.
func TestFiring(t *testing.T) {
	const slo, fast = 0.999, 14.4
	burning := Window{Errors: 200, Total: 10000} // burn rate 20
	calm := Window{Errors: 10, Total: 10000}     // burn rate 1
	edge := Window{Errors: 144, Total: 10000}    // exactly 14.4
	for _, c := range []struct {
		name        string
		long, short Window
		want        bool
	}{
		{"both burning", burning, burning, true},
		{"incident over: short window calm", burning, calm, false},
		{"a blip: long window calm", calm, burning, false},
		{"both calm", calm, calm, false},
		{"exactly at the threshold is not above it", edge, burning, false},
		{"short exactly at the threshold", burning, edge, false},
		{"no traffic", Window{}, Window{}, false},
	} {
		got, err := Firing(c.long, c.short, slo, fast)
		if err != nil || got != c.want {
			t.Errorf("%s: Firing(%+v, %+v) = %v, %v; want %v (edit exercises/3-histogram-quantile/quantile.go)", c.name, c.long, c.short, got, err, c.want)
		}
	}
	// Burn rates that are exactly the threshold (1/(1-0.5) = 2 and 0.5/0.5 = 1, no rounding).
	all, half := Window{Errors: 10, Total: 10}, Window{Errors: 5, Total: 10}
	for _, c := range []struct {
		long, short Window
		want        bool
	}{{all, all, true}, {half, all, false}, {all, half, false}} {
		if got, err := Firing(c.long, c.short, 0.5, 1); err != nil || got != c.want {
			t.Errorf("Firing(%+v, %+v, slo 0.5, threshold 1) = %v, %v; want %v", c.long, c.short, got, err, c.want)
		}
	}
	for _, c := range []struct {
		long, short Window
		slo         float64
	}{{Window{11, 10}, burning, slo}, {burning, Window{11, 10}, slo}, {burning, burning, 1}} {
		if got, err := Firing(c.long, c.short, c.slo, fast); err == nil || got {
			t.Errorf("Firing(%+v, %+v, %v) = %v, %v; want false and an error", c.long, c.short, c.slo, got, err)
		}
	}
}

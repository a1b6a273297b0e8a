package latencyhistogram

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

const file = "(edit exercises/2-latency-histogram/histogram.go)"

func newH(t *testing.T, bits int, samples ...time.Duration) *Histogram {
	t.Helper()
	h, err := New(bits)
	if err != nil || h == nil {
		t.Fatalf("New(%d) = %v, %v %s", bits, h, err, file)
	}
	for _, s := range samples {
		if err := h.Record(s); err != nil {
			t.Fatalf("Record(%s): %v %s", s, err, file)
		}
	}
	return h
}

func pct(t *testing.T, h *Histogram, p float64) time.Duration {
	t.Helper()
	got, err := h.Percentile(p)
	if err != nil {
		t.Fatalf("Percentile(%v): %v %s", p, err, file)
	}
	return got
}

// exact is the nearest-rank percentile of sorted samples.
func exact(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p * float64(len(sorted)) / 100))
	return sorted[max(rank, 1)-1]
}

func TestNewChecksBits(t *testing.T) {
	for _, b := range []int{0, -1, 13} {
		if _, err := New(b); !errors.Is(err, ErrBadBits) {
			t.Errorf("New(%d) error = %v, want ErrBadBits %s", b, err, file)
		}
	}
	for _, b := range []int{1, 12} {
		if h, err := New(b); err != nil || h.Count() != 0 || h.Max() != 0 {
			t.Errorf("New(%d) = count %d max %s, %v; want an empty histogram %s", b, h.Count(), h.Max(), err, file)
		}
	}
}

func TestNearestRank(t *testing.T) {
	// Values below 2^bits have a bucket each, so these are exact.
	h := newH(t, 7, 10, 40, 30, 20)
	for _, tc := range []struct {
		p    float64
		want time.Duration
	}{{25, 10}, {26, 20}, {50, 20}, {50.5, 30}, {75, 30}, {76, 40}, {99.9, 40}, {100, 40}, {math.SmallestNonzeroFloat64, 10}, {1, 10}} {
		if got := pct(t, h, tc.p); got != tc.want {
			t.Errorf("samples 10,20,30,40 ns: p%v = %d, want %d (nearest rank: the ceil(p·n/100)-th smallest) %s", tc.p, got, tc.want, file)
		}
	}
	if h.Count() != 4 || h.Max() != 40 {
		t.Errorf("Count, Max = %d, %s; want 4, 40ns %s", h.Count(), h.Max(), file)
	}
}

func TestRankArithmetic(t *testing.T) {
	var samples []time.Duration
	for i := 1; i <= 100; i++ {
		samples = append(samples, time.Duration(i))
	}
	h := newH(t, 7, samples...)
	for _, p := range []float64{7, 14, 28, 29, 55, 57, 58, 99, 1} {
		if got, want := pct(t, h, p), time.Duration(p); got != want {
			t.Errorf("samples 1..100 ns: p%v = %d, want %d (multiply p by n before dividing by 100) %s", p, got, want, file)
		}
	}
}

func TestBucketLayout(t *testing.T) {
	for _, tc := range []struct {
		bits    int
		samples []time.Duration
		p       float64
		want    time.Duration
	}{
		// bits 3: 1000 is in [960, 1023] (octave 512..1023, width 64).
		{3, []time.Duration{1000, 5000}, 50, 1023},
		// 5000 is in [4608, 5119] but never above the max seen.
		{3, []time.Duration{1000, 5000}, 100, 5000},
		{3, []time.Duration{5000, 5100, 9000}, 34, 5119},
		// bits 2: 4..7 exact, 8 and 9 share a bucket.
		{2, []time.Duration{8, 100}, 50, 9},
		{2, []time.Duration{7, 100}, 50, 7},
		{2, []time.Duration{4, 100}, 50, 4},
		{2, []time.Duration{3, 100}, 50, 3},
		{2, []time.Duration{0, 100}, 50, 0},
		{2, []time.Duration{12, 100}, 50, 13},
		{2, []time.Duration{14, 100}, 50, 15},
		{2, []time.Duration{16, 100}, 50, 19},
		{1, []time.Duration{2, 100}, 50, 2},
		{1, []time.Duration{6, 100}, 50, 7},
		{1, []time.Duration{5, 100}, 50, 5},
		{1, []time.Duration{1, 100}, 50, 1},
		{12, []time.Duration{4095, 9000}, 50, 4095},
		{12, []time.Duration{4096, 9000}, 50, 4096},
		{12, []time.Duration{8192, 9000}, 50, 8193},
	} {
		h := newH(t, tc.bits, tc.samples...)
		if got := pct(t, h, tc.p); got != tc.want {
			t.Errorf("bits %d, samples %v: p%v = %d, want %d %s", tc.bits, tc.samples, tc.p, got, tc.want, file)
		}
	}
}

func TestRelativeErrorIsBounded(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 22))
	for _, bits := range []int{3, 5, 7} {
		var samples []time.Duration
		h := newH(t, bits)
		for range 5000 {
			// log-normal around 3 ms, with a long tail
			d := time.Duration(math.Exp(r.NormFloat64()*1.2) * float64(3*time.Millisecond))
			samples = append(samples, d)
			if err := h.Record(d); err != nil {
				t.Fatal(err)
			}
		}
		h.Record(90 * time.Minute)
		samples = append(samples, 90*time.Minute)
		slices.Sort(samples)
		bound := math.Ldexp(1, -bits)
		for _, p := range []float64{0.1, 1, 10, 50, 90, 95, 99, 99.9, 99.99, 100} {
			got, want := pct(t, h, p), exact(samples, p)
			if got < want || float64(got-want) > bound*float64(want) {
				t.Errorf("bits %d p%v = %s, exact %s: want within +%.4f×exact %s", bits, p, got, want, bound, file)
			}
		}
	}
}

func TestHugeDurations(t *testing.T) {
	h := newH(t, 4, math.MaxInt64, math.MaxInt64-1, 1<<62)
	if got := pct(t, h, 100); got != math.MaxInt64 {
		t.Errorf("p100 of MaxInt64 samples = %d, want %d %s", got, int64(math.MaxInt64), file)
	}
	if got := pct(t, h, 33); got != 1<<62+1<<58-1 {
		t.Errorf("p33 with 2^62 smallest = %d, want %d (the top of its bucket) %s", got, int64(1<<62+1<<58-1), file)
	}
}

func TestBadInput(t *testing.T) {
	h := newH(t, 4)
	if got, err := h.Percentile(50); got != 0 || !errors.Is(err, ErrEmpty) {
		t.Errorf("Percentile of an empty histogram: %d, %v; want 0, ErrEmpty %s", got, err, file)
	}
	if err := h.Record(-time.Nanosecond); !errors.Is(err, ErrNegative) {
		t.Errorf("Record(-1ns): %v, want ErrNegative %s", err, file)
	}
	if h.Count() != 0 {
		t.Errorf("a refused Record counted: Count = %d %s", h.Count(), file)
	}
	h.Record(5)
	for _, p := range []float64{0, -1, 100.0001, math.NaN(), math.Inf(1)} {
		if got, err := h.Percentile(p); got != 0 || !errors.Is(err, ErrBadPercentile) {
			t.Errorf("Percentile(%v): %d, %v; want 0, ErrBadPercentile %s", p, got, err, file)
		}
	}
}

func TestMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	all, a, b := newH(t, 5), newH(t, 5), newH(t, 5)
	for i := range 3000 {
		d := time.Duration(r.ExpFloat64() * float64(time.Millisecond))
		if i%3 == 0 {
			d *= 40 // b has the slow tail, and buckets a has never grown to
			b.Record(d)
		} else {
			a.Record(d)
		}
		all.Record(d)
	}
	bCount, bP50 := b.Count(), pct(t, b, 50)
	if err := a.Merge(b); err != nil {
		t.Fatalf("Merge: %v %s", err, file)
	}
	if a.Count() != all.Count() || a.Max() != all.Max() {
		t.Errorf("merged Count, Max = %d, %s; want %d, %s %s", a.Count(), a.Max(), all.Count(), all.Max(), file)
	}
	for _, p := range []float64{1, 50, 90, 99, 99.9, 100} {
		if got, want := pct(t, a, p), pct(t, all, p); got != want {
			t.Errorf("merged p%v = %s, want %s (as if recorded in one) %s", p, got, want, file)
		}
	}
	if b.Count() != bCount || pct(t, b, 50) != bP50 {
		t.Errorf("Merge changed its argument %s", file)
	}
	// Merging into an empty histogram, and merging a short one into a long one.
	e := newH(t, 5)
	if err := e.Merge(all); err != nil || e.Count() != all.Count() || pct(t, e, 99) != pct(t, all, 99) {
		t.Errorf("empty.Merge(all): count %d, %v %s", e.Count(), err, file)
	}
	small := newH(t, 5, 3)
	if err := e.Merge(small); err != nil || e.Count() != all.Count()+1 || pct(t, e, 100) != all.Max() {
		t.Errorf("Merge of a short histogram: count %d, %v %s", e.Count(), err, file)
	}
	if err := a.Merge(newH(t, 6, 1)); !errors.Is(err, ErrIncompatible) {
		t.Errorf("Merge of bits 6 into bits 5: %v, want ErrIncompatible %s", err, file)
	}
	if a.Count() != all.Count() {
		t.Errorf("a refused Merge changed the count to %d %s", a.Count(), file)
	}
}

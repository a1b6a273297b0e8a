package canarydecision

import (
	"strings"
	"testing"
)

const edit = "(edit exercises/1-canary-decision/canary.go)"

// policy uses rates that are exact in binary, so the boundary cases below
// sit exactly on the boundary.
var policy = Policy{MinRequests: 1024, MaxErrorRate: 0.5, MaxRatio: 2, MinDifference: 0.0625}

func decide(t *testing.T, baseline, canary Sample, p Policy) Decision {
	t.Helper()
	d, err := Decide(baseline, canary, p)
	if err != nil {
		t.Fatalf("Decide(%+v, %+v, %+v) = error %v %s", baseline, canary, p, err, edit)
	}
	if d.Reason == "" {
		t.Errorf("Decide(%+v, %+v) = %v with no reason: the pipeline log must say why", baseline, canary, d.Verdict)
	}
	return d
}

func TestDecide(t *testing.T) {
	healthy := Sample{Requests: 4096, Errors: 128} // 3.125 %
	for _, tc := range []struct {
		name             string
		baseline, canary Sample
		p                Policy
		want             Verdict
	}{
		{"same rate", healthy, Sample{2048, 64}, policy, Promote},
		{"no errors at all", Sample{4096, 0}, Sample{1024, 0}, policy, Promote},
		{"better than baseline", healthy, Sample{2048, 0}, policy, Promote},
		{"clear regression", healthy, Sample{2048, 512}, policy, Rollback}, // 25 % vs 3.125 %

		// Ratio and difference must both be exceeded.
		{"ratio exceeded, difference tiny", Sample{4096, 4}, Sample{4096, 40}, policy, Promote},                           // 10× but +0.9 %
		{"difference exceeded, ratio not", Sample{1024, 256}, Sample{1024, 384}, policy, Promote},                         // +12.5 % but 1.5×
		{"ratio exactly at the limit", Sample{1024, 128}, Sample{1024, 256}, policy, Promote},                             // 2× exactly, +12.5 %
		{"ratio just above the limit", Sample{1024, 128}, Sample{1024, 257}, policy, Rollback},                            // 2.008×, +12.6 %
		{"difference exactly at the limit", Sample{1024, 64}, Sample{1024, 128}, Policy{1024, 0.5, 1.5, 0.0625}, Promote}, // 2×, +6.25 % exactly
		{"difference just above the limit", Sample{1024, 64}, Sample{1024, 129}, Policy{1024, 0.5, 1.5, 0.0625}, Rollback},
		{"zero baseline, small canary rate", Sample{4096, 0}, Sample{1024, 32}, policy, Promote},   // +3.1 %: under the difference
		{"zero baseline, large canary rate", Sample{4096, 0}, Sample{1024, 128}, policy, Rollback}, // +12.5 %

		// Samples too small to judge.
		{"canary too small", healthy, Sample{1023, 30}, policy, Inconclusive},
		{"canary exactly big enough", healthy, Sample{1024, 32}, policy, Promote},
		{"canary empty", healthy, Sample{0, 0}, policy, Inconclusive},
		{"baseline too small", Sample{1023, 0}, Sample{4096, 400}, policy, Inconclusive},
		{"baseline exactly big enough", Sample{1024, 0}, Sample{4096, 400}, policy, Rollback},
		{"baseline empty", Sample{0, 0}, Sample{2048, 0}, policy, Inconclusive},

		// The absolute ceiling, whatever the baseline.
		{"above the ceiling, baseline as bad", Sample{4096, 2400}, Sample{2048, 1200}, policy, Rollback}, // 58.6 % both
		{"exactly at the ceiling", Sample{4096, 2048}, Sample{2048, 1024}, policy, Promote},
		{"ceiling with a small baseline", Sample{10, 0}, Sample{2048, 1025}, policy, Rollback},
		// Early rollback: more errors than a full sample may hold.
		{"early: already past the ceiling of a full sample", healthy, Sample{600, 513}, policy, Rollback},
		{"early: exactly the errors a full sample may hold", healthy, Sample{600, 512}, policy, Inconclusive},
		{"early: bad rate but could still recover", healthy, Sample{100, 90}, policy, Inconclusive},
		{"zero ceiling: one error in a full sample", Sample{1024, 0}, Sample{1024, 1}, Policy{1024, 0, 2, 0}, Rollback},
		{"zero ceiling: one error before the sample is full", Sample{1024, 0}, Sample{10, 1}, Policy{1024, 0, 2, 0}, Rollback},
		{"zero ceiling, no errors", Sample{1024, 0}, Sample{1024, 0}, Policy{1024, 0, 2, 0}, Promote},
		{"ceiling of 1 never fires", Sample{1024, 1024}, Sample{1024, 1024}, Policy{1024, 1, 1, 0}, Promote},
		{"MinRequests of 1", Sample{1, 0}, Sample{1, 0}, Policy{1, 0.5, 2, 0.0625}, Promote},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := decide(t, tc.baseline, tc.canary, tc.p)
			if d.Verdict != tc.want {
				t.Errorf("Decide(baseline %+v, canary %+v, %+v) = %v (%s), want %v %s", tc.baseline, tc.canary, tc.p, d.Verdict, d.Reason, tc.want, edit)
			}
		})
	}
}

func TestDecideRejectsBadInput(t *testing.T) {
	ok := Sample{2048, 10}
	for _, tc := range []struct {
		name             string
		baseline, canary Sample
		p                Policy
		want             string
	}{
		{"canary errors above requests", ok, Sample{10, 11}, policy, "canary"},
		{"baseline errors above requests", Sample{10, 11}, ok, policy, "baseline"},
		{"negative requests", ok, Sample{-1, 0}, policy, "canary"},
		{"negative errors", Sample{10, -1}, ok, policy, "baseline"},
		{"MinRequests 0", ok, ok, Policy{0, 0.5, 2, 0}, "MinRequests"},
		{"ceiling above 1", ok, ok, Policy{10, 1.5, 2, 0}, "MaxErrorRate"},
		{"negative ceiling", ok, ok, Policy{10, -0.1, 2, 0}, "MaxErrorRate"},
		{"ratio below 1", ok, ok, Policy{10, 0.5, 0.5, 0}, "MaxRatio"},
		{"negative difference", ok, ok, Policy{10, 0.5, 2, -0.1}, "MinDifference"},
		{"difference above 1", ok, ok, Policy{10, 0.5, 2, 1.5}, "MinDifference"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Decide(tc.baseline, tc.canary, tc.p)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.HasPrefix(err.Error(), "not implemented") {
				t.Errorf("Decide(%+v, %+v, %+v) = %v, %v; want an error naming %s %s", tc.baseline, tc.canary, tc.p, d, err, tc.want, edit)
			}
		})
	}
	// Edge values that are allowed.
	for _, p := range []Policy{{1, 0, 1, 0}, {1, 1, 1, 1}} {
		if _, err := Decide(ok, ok, p); err != nil {
			t.Errorf("Decide with policy %+v = %v, want it accepted %s", p, err, edit)
		}
	}
	if _, err := Decide(Sample{0, 0}, Sample{5, 5}, Policy{10, 1, 1, 0}); err != nil {
		t.Errorf("errors equal to requests = %v, want accepted %s", err, edit)
	}
}

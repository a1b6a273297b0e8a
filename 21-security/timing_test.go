package main

import (
	"strings"
	"testing"
	"time"
)

// A unit test cannot show the timing leak reliably: for a 26-character
// token, == differs by nanoseconds between "first byte wrong" and "last
// byte wrong", far below the noise of a shared CI machine, so any
// assertion on it would flake. The benchmark measures both positions in
// one run and reports the ratio; run it with
//
//	go test -run '^$' -bench TokenCompare ./21-security
//
// A long secret makes the gap visible: == stops early, subtle does not.

func TestTokenEqual(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{{"abc", "abc", true}, {"abc", "abd", false}, {"abc", "ab", false}, {"", "", true}} {
		if tokenEqual(tc.a, tc.b) != tc.want || tokenEqualUnsafe(tc.a, tc.b) != tc.want {
			t.Errorf("tokenEqual(%q, %q) != %v", tc.a, tc.b, tc.want)
		}
	}
}

func BenchmarkTokenCompare(b *testing.B) {
	const n = 64 << 10
	secret := strings.Repeat("s", n)
	wrongFirst := "x" + secret[1:]
	wrongLast := secret[:n-1] + "x"
	for _, cmp := range []struct {
		name string
		eq   func(a, b string) bool
	}{{"==", tokenEqualUnsafe}, {"subtle", tokenEqual}} {
		b.Run(cmp.name, func(b *testing.B) {
			var first, last time.Duration
			for b.Loop() {
				t0 := time.Now()
				cmp.eq(wrongFirst, secret)
				t1 := time.Now()
				cmp.eq(wrongLast, secret)
				last += time.Since(t1)
				first += t1.Sub(t0)
			}
			b.ReportMetric(float64(last)/float64(first), "last/first")
		})
	}
}

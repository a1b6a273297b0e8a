//go:build solution

package clamp

import "errors"

// ErrRange is returned when lo > hi.
var ErrRange = errors.New("lo > hi")

// Clamp limits v to [lo, hi].
func Clamp(v, lo, hi int) (int, error) {
	if lo > hi {
		return 0, ErrRange
	}
	if v < lo {
		return lo, nil
	}
	if v > hi {
		return hi, nil
	}
	return v, nil
}

// Sum adds the first n values of xs, stopping at a negative one.
func Sum(xs []int, n int) int {
	total := 0
	for i := 0; i < n && i < len(xs); i++ {
		if xs[i] < 0 {
			break
		}
		total += xs[i]
	}
	return total
}

// Label is "big" for values of 100 or more. Its array index cannot be
// mutated into a program that compiles: those mutants are counted apart.
func Label(v int) string {
	var names [2]string
	names[1] = "big"
	names[0] = "sm" + "all"
	if v >= 100 {
		return names[1]
	}
	return names[0]
}

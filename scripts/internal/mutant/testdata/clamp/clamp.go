//go:build !solution

package clamp

import "errors"

var ErrRange = errors.New("lo > hi")

func Clamp(v, lo, hi int) (int, error) { return 0, errors.New("not implemented: clamp") }
func Sum(xs []int, n int) int          { return 0 }
func Label(v int) string               { return "" }

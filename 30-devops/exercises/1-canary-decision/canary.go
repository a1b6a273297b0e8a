//go:build !solution

package canarydecision

import "errors"

// Decide judges canary against baseline under p.
func Decide(baseline, canary Sample, p Policy) (Decision, error) {
	return Decision{}, errors.New("not implemented: edit exercises/1-canary-decision/canary.go")
}

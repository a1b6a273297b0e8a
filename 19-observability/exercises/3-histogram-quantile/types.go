// Package quantile is exercise 3 of chapter 19: estimate a quantile from
// cumulative Prometheus histogram buckets exactly as PromQL's
// histogram_quantile does, and compute the SLO burn rate that alerts use.
package quantile

// Bucket is one cumulative bucket of a classic Prometheus histogram: Count
// observations were less than or equal to UpperBound (the le label).
type Bucket struct {
	UpperBound float64
	Count      float64
}

// Window is what a burn-rate alert reads over one time window: the
// increase of the error counter and of the request counter.
type Window struct {
	Errors, Total float64
}

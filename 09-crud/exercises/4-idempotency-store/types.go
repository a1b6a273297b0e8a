// Package idempotency makes POST safe to retry: an Idempotency-Key header
// turns a repeated request into a replay of the first response.
package idempotency

// MaxKeyLength is the longest Idempotency-Key accepted; longer keys get 400.
const MaxKeyLength = 255

// ReplayedHeader is set to "true" on every replayed response.
const ReplayedHeader = "Idempotent-Replayed"

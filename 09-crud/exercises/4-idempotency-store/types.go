// Package idempotency makes POST safe to retry: an Idempotency-Key header
// turns a repeated request into a replay of the first response.
package idempotency

// MaxKeyLength is the longest Idempotency-Key accepted; longer keys get 400.
const MaxKeyLength = 255

// MaxBodyBytes is the largest request body a keyed POST may have: the store
// reads it whole to tell a retry from a different request. Larger bodies get
// 413 (never a silently truncated body).
const MaxBodyBytes = 1 << 20

// ReplayedHeader is set to "true" on every replayed response.
const ReplayedHeader = "Idempotent-Replayed"

// Package backoffjitter decides when a failed email is sent again, and when
// it is given up on.
package backoffjitter

import "time"

// Policy is a retry policy with exponential backoff and full jitter.
type Policy struct {
	Base        time.Duration // the ceiling of the first retry's delay
	Cap         time.Duration // no delay ceiling grows past this
	MaxAttempts int           // after this many failed attempts, dead-letter
}

//go:build solution

package retryrouting

import (
	"errors"
	"fmt"
)

// Route returns the attempt that just failed (1 for a first delivery) and
// the queue the job must be published to next.
func Route(h Headers, p Policy) (attempt int, queue string, err error) {
	if p.DLQ == "" {
		return 0, "", errors.New("policy has no dead-letter queue")
	}
	retries := map[string]bool{}
	for _, q := range p.Retry {
		retries[q] = true
	}
	attempt = 1
	if raw, ok := h["x-death"]; ok {
		deaths, ok := raw.([]any)
		if !ok {
			return 0, "", fmt.Errorf("x-death is %T, want a list", raw)
		}
		for _, d := range deaths {
			t, ok := d.(Headers)
			if !ok {
				return 0, "", fmt.Errorf("x-death entry is %T, want a table", d)
			}
			q, _ := t["queue"].(string)
			reason, _ := t["reason"].(string)
			n, _ := t["count"].(int64)
			// Only a trip through one of our delay queues was a retry; a
			// rejection elsewhere or an expiry in another queue was not.
			if reason == "expired" && retries[q] {
				attempt += int(n)
			}
		}
	}
	if attempt > len(p.Retry) {
		return attempt, p.DLQ, nil
	}
	return attempt, p.Retry[attempt-1], nil
}

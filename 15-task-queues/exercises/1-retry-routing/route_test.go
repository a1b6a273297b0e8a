package retryrouting

import (
	"strings"
	"testing"
)

func death(queue, reason string, count int64) Headers {
	return Headers{"queue": queue, "reason": reason, "count": count, "exchange": ""}
}

var ladder = Policy{Retry: []string{"retry.1", "retry.2", "retry.3"}, DLQ: "dlq"}

func TestRouteByAttempt(t *testing.T) {
	for _, tc := range []struct {
		name    string
		h       Headers
		attempt int
		queue   string
	}{
		{"first failure, no headers", Headers{}, 1, "retry.1"},
		{"nil headers", nil, 1, "retry.1"},
		{"after one retry", Headers{"x-death": []any{death("retry.1", "expired", 1)}}, 2, "retry.2"},
		{"after two retries", Headers{"x-death": []any{death("retry.2", "expired", 1), death("retry.1", "expired", 1)}}, 3, "retry.3"},
		{"ladder used up", Headers{"x-death": []any{death("retry.3", "expired", 1), death("retry.2", "expired", 1), death("retry.1", "expired", 1)}}, 4, "dlq"},
		{"counts add up", Headers{"x-death": []any{death("retry.1", "expired", 2)}}, 3, "retry.3"},
		{"a rejection is not a retry", Headers{"x-death": []any{death("retry.1", "rejected", 1)}}, 1, "retry.1"},
		{"an expiry in another queue is not a retry", Headers{"x-death": []any{death("delayed", "expired", 1)}}, 1, "retry.1"},
		{"mixed history", Headers{"x-death": []any{death("delayed", "expired", 1), death("retry.1", "expired", 1), death("jobs", "rejected", 3)}}, 2, "retry.2"},
	} {
		attempt, queue, err := Route(tc.h, ladder)
		if err != nil || attempt != tc.attempt || queue != tc.queue {
			t.Errorf("%s: Route = %d, %q, %v; want %d, %q", tc.name, attempt, queue, err, tc.attempt, tc.queue)
		}
	}
}

func TestRouteNoRetries(t *testing.T) {
	attempt, queue, err := Route(Headers{}, Policy{DLQ: "dlq"})
	if err != nil || attempt != 1 || queue != "dlq" {
		t.Errorf("Route with no retry queues = %d, %q, %v; want 1, dlq", attempt, queue, err)
	}
}

func TestRouteBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		h    Headers
		p    Policy
	}{
		{"x-death not a list", Headers{"x-death": "oops"}, ladder},
		{"entry not a table", Headers{"x-death": []any{"oops"}}, ladder},
		{"no DLQ", Headers{}, Policy{Retry: []string{"retry.1"}}},
	} {
		attempt, queue, err := Route(tc.h, tc.p)
		if err == nil || strings.Contains(err.Error(), "not implemented") || attempt != 0 || queue != "" {
			t.Errorf("%s: Route = %d, %q, %v; want 0, \"\" and an error saying what is wrong", tc.name, attempt, queue, err)
		}
	}
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// demoHandler is the server's job handler: "echo" succeeds, "fail" always
// fails (to watch the retries and the DLQ), "flaky" fails until attempt
// payload.succeed_on, "sleep" takes payload.ms milliseconds.
func demoHandler(ctx context.Context, j job, attempt int) error {
	var p struct {
		SucceedOn int `json:"succeed_on"`
		MS        int `json:"ms"`
	}
	if len(j.Payload) > 0 {
		_ = json.Unmarshal(j.Payload, &p)
	}
	switch j.Kind {
	case "fail":
		return errors.New("this job always fails")
	case "flaky":
		if attempt < p.SucceedOn {
			return errors.New("not yet")
		}
	case "sleep":
		select {
		case <-time.After(time.Duration(min(p.MS, 10000)) * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

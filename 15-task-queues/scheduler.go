package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// newScheduler builds a cron scheduler (robfig/cron) from "SPEC => kind"
// entries. A spec may start with CRON_TZ=Area/City to be read in that zone;
// robfig/cron computes the next run in the zone's wall-clock time, so the
// DST days follow its rules (exercise 3 builds the calculator from scratch).
func newScheduler(entries []string, pub *publisher, logger *slog.Logger) (*cron.Cron, error) {
	c := cron.New(cron.WithLocation(time.UTC))
	for _, e := range entries {
		spec, kind, ok := strings.Cut(e, "=>")
		spec, kind = strings.TrimSpace(spec), strings.TrimSpace(kind)
		if !ok || spec == "" || kind == "" {
			return nil, fmt.Errorf("schedule %q: want 'SPEC => kind'", e)
		}
		_, err := c.AddFunc(spec, func() {
			j := job{ID: newID(), Kind: kind}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := pub.Publish(ctx, j, "jobs."+kind, 1, 0); err != nil {
				logger.Error("scheduled job not enqueued", "kind", kind, "err", err)
				return
			}
			logger.Info("scheduled job enqueued", "id", j.ID, "kind", kind)
		})
		if err != nil {
			return nil, fmt.Errorf("schedule %q: %w", spec, err)
		}
	}
	return c, nil
}

func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // never fails since Go 1.24
	return hex.EncodeToString(b)
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"workbook/serve/problem"
)

// dependency is one thing the service cannot serve without.
type dependency struct {
	name  string
	check func(context.Context) error
}

// checkResult is one line of the readiness report. It says "ok", "failed"
// or "timeout" — never the dependency's error text, which goes to the log.
type checkResult struct {
	Name       string  `json:"name"`
	Status     string  `json:"status"`
	DurationMS float64 `json:"duration_ms"`
}

// readyHandler asks every dependency in turn, each under its own timeout,
// so one that hangs costs at most timeout and /readyz answers in bounded
// time. (Exercise 4 runs them concurrently, caches and tells critical from
// optional.)
func readyHandler(deps []dependency, timeout time.Duration, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var results []checkResult
		var failed []string
		for _, d := range deps {
			ctx, cancel := context.WithTimeout(r.Context(), timeout)
			start := time.Now()
			err := d.check(ctx)
			cancel()
			res := checkResult{Name: d.name, Status: "ok", DurationMS: float64(time.Since(start).Microseconds()) / 1000}
			if err != nil {
				res.Status = "failed"
				if errors.Is(err, context.DeadlineExceeded) {
					res.Status = "timeout"
				}
				failed = append(failed, d.name+" "+res.Status)
				logger.WarnContext(r.Context(), "dependency not ready", "dependency", d.name, "err", err)
			}
			results = append(results, res)
		}
		if len(failed) > 0 {
			problem.Error(w, r, http.StatusServiceUnavailable, "not ready: "+strings.Join(failed, ", "))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"status": "ready", "checks": results})
	})
}

// httpCheck is a dependency check that GETs url and wants a 2xx.
func httpCheck(client *http.Client, url string) func(context.Context) error {
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return fmt.Errorf("%s answered %s", url, resp.Status)
		}
		return nil
	}
}

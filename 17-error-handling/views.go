package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/sony/gobreaker/v2"

	"workbook/serve/problem"
)

// viewsClient calls the analytics dependency the way a remote call should
// be made: a deadline over the whole call, retries with exponential backoff
// and jitter (cenkalti/backoff) for transient failures, a circuit breaker
// (sony/gobreaker) that stops calling a dependency that keeps failing, and
// the last good value as a fallback.
type viewsClient struct {
	dep        *analytics
	breaker    *gobreaker.CircuitBreaker[int]
	budget     time.Duration // the whole call, retries included
	perAttempt time.Duration
	maxRetries uint64
	openFor    time.Duration          // how long the breaker stays open
	newBackOff func() backoff.BackOff // a fresh policy per call (they are stateful)

	mu   sync.Mutex
	last map[int]lastViews
}

// lastViews is the last value the dependency gave for an article.
type lastViews struct {
	views int
	at    time.Time
}

func newViewsClient(dep *analytics, budget, openFor time.Duration, logger *slog.Logger) *viewsClient {
	c := &viewsClient{
		dep: dep, budget: budget, perAttempt: budget / 3, maxRetries: 3, openFor: openFor,
		last: map[int]lastViews{},
		newBackOff: func() backoff.BackOff {
			return backoff.NewExponentialBackOff(
				backoff.WithInitialInterval(50*time.Millisecond),
				backoff.WithMultiplier(2),
				backoff.WithMaxInterval(500*time.Millisecond),
				backoff.WithMaxElapsedTime(0), // the context's deadline bounds the time
			)
		},
	}
	c.breaker = gobreaker.NewCircuitBreaker[int](gobreaker.Settings{
		Name:        "analytics",
		MaxRequests: 1, // one probe in half-open
		Timeout:     openFor,
		ReadyToTrip: func(n gobreaker.Counts) bool { return n.ConsecutiveFailures >= 5 },
		// The caller giving up says nothing about the dependency's health.
		IsExcluded: func(err error) bool { return errors.Is(err, context.Canceled) },
		OnStateChange: func(name string, from, to gobreaker.State) {
			logger.Warn("circuit breaker changed state", "breaker", name, "from", from.String(), "to", to.String())
		},
	})
	return c
}

// fetch asks the dependency for an article's views. The breaker wraps each
// attempt, so it sees the dependency's real failure rate, and its refusal
// (open, or half-open and busy) is permanent: retrying it is pointless.
func (c *viewsClient) fetch(ctx context.Context, id int) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, c.budget)
	defer cancel()
	attempts := 0
	var last error
	op := func() (int, error) {
		attempts++
		n, err := c.breaker.Execute(func() (int, error) {
			actx, cancel := context.WithTimeout(ctx, c.perAttempt)
			defer cancel()
			return c.dep.Views(actx, id)
		})
		if err == nil {
			return n, nil
		}
		if errors.Is(err, gobreaker.ErrOpenState) || errors.Is(err, gobreaker.ErrTooManyRequests) {
			return 0, backoff.Permanent(err) // the breaker refused: no call was made
		}
		last = err // the dependency's own failure
		if errors.Is(err, context.Canceled) {
			return 0, backoff.Permanent(err)
		}
		return 0, err
	}
	b := backoff.WithContext(backoff.WithMaxRetries(c.newBackOff(), c.maxRetries), ctx)
	n, err := backoff.RetryWithData(op, b)
	if err != nil {
		// backoff returns the error that stopped it: ctx.Err() alone when the
		// deadline ended the wait, the breaker's refusal when it opened. Join
		// the dependency's last own error back in, so the log says why.
		if last != nil && !errors.Is(err, last) {
			err = errors.Join(err, last)
		}
		return 0, fmt.Errorf("analytics views of article %d, %d attempt(s): %w", id, attempts, err)
	}
	c.mu.Lock()
	c.last[id] = lastViews{views: n, at: time.Now()}
	c.mu.Unlock()
	return n, nil
}

// stale returns the last good value for id, if there is one.
func (c *viewsClient) stale(id int) (lastViews, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.last[id]
	return v, ok
}

// staleHeader marks a fallback answer. Not Warning: RFC 9111 §5.5 obsoletes
// that field ("110 Response is stale" included).
const staleHeader = "X-Served-Stale"

// getViews answers an article's view count, or the last one known with
// X-Served-Stale when the dependency fails, or 503 + Retry-After when there
// is nothing to fall back on.
func (s *server) getViews(w http.ResponseWriter, r *http.Request) error {
	a, err := s.articleFromPath(r)
	if err != nil {
		return err
	}
	n, err := s.views.fetch(r.Context(), a.ID)
	if err == nil {
		writeJSON(w, http.StatusOK, map[string]any{"id": a.ID, "views": n})
		return nil
	}
	if r.Context().Err() != nil {
		return err // the client is gone: fail logs it and writes nothing
	}
	if old, ok := s.views.stale(a.ID); ok {
		// A degraded success: one Warn line, the cause, and a marked answer.
		s.warn(r, "analytics failed; served the last known views", "err", err.Error())
		w.Header().Set(staleHeader, "true")
		writeJSON(w, http.StatusOK, map[string]any{"id": a.ID, "views": old.views, "stale": true, "asOf": old.at.UTC().Format(time.RFC3339)})
		return nil
	}
	retry := time.Second
	if s.views.breaker.State() == gobreaker.StateOpen {
		retry = s.views.openFor // no call will pass before the breaker half-opens
	}
	return &appError{kind: kindSystem, code: codeDependencyUnavailable, retryAfter: retry,
		detail: "view counts are unavailable right now; retry later", err: err}
}

// dependencyState is the body of GET and PUT /dependency.
type dependencyState struct {
	Mode    string `json:"mode"`
	Breaker string `json:"breaker,omitempty"`
	Calls   int    `json:"calls,omitempty"`
}

func (s *server) getDependency(w http.ResponseWriter, r *http.Request) error {
	mode, calls := s.views.dep.state()
	writeJSON(w, http.StatusOK, dependencyState{Mode: mode, Breaker: s.views.breaker.State().String(), Calls: calls})
	return nil
}

// setDependency switches the fake dependency's failure mode (a demo knob).
func (s *server) setDependency(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Mode string `json:"mode"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if !slices.Contains(analyticsModes, in.Mode) {
		e := userError(codeValidationFailed, "the request has 1 invalid field; see errors")
		e.fields = []problem.FieldError{{Pointer: "/mode", Detail: "mode must be one of " + strings.Join(analyticsModes, ", ")}}
		return e
	}
	s.views.dep.setMode(in.Mode)
	return s.getDependency(w, r)
}

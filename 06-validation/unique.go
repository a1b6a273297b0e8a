package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"workbook/serve/problem"
)

// errCheckTimeout means stored state could not be consulted in time. It is
// not the client's fault, so it maps to 503, never to a validation error.
var errCheckTimeout = errors.New("uniqueness check timed out")

// uniqueCheck is one contextual rule: "field's value is not already stored".
type uniqueCheck struct {
	field string
	taken func(context.Context) (bool, error)
}

// checkUnique runs the lookups concurrently under ONE deadline and returns a
// field error per value already taken, ordered by field.
//
// The select on ctx.Done() is what turns a slow repository into a prompt
// error instead of a hung request: we stop waiting at the deadline even if a
// lookup ignores its context. The channel is buffered so a late lookup can
// still send and its goroutine exits.
func (s *server) checkUnique(ctx context.Context, checks ...uniqueCheck) ([]fieldError, error) {
	ctx, cancel := context.WithTimeout(ctx, s.checkTimeout)
	defer cancel()

	type result struct {
		field string
		taken bool
		err   error
	}
	results := make(chan result, len(checks))
	for _, c := range checks {
		go func() {
			taken, err := c.taken(ctx)
			results <- result{c.field, taken, err}
		}()
	}

	var errs []fieldError
	for range checks {
		select {
		case res := <-results:
			if res.err != nil {
				if errors.Is(res.err, context.DeadlineExceeded) {
					return nil, errCheckTimeout
				}
				return nil, fmt.Errorf("check %s: %w", res.field, res.err)
			}
			if res.taken {
				errs = append(errs, fieldError{Field: res.field, Code: "unique", Message: "is already taken"})
			}
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, errCheckTimeout
			}
			return nil, ctx.Err()
		}
	}
	sortErrors(errs)
	return errs, nil
}

// writeCheckError answers a failed contextual check. A timeout is ours (503
// with Retry-After); a client that went away gets nothing; anything else is
// logged in full and reported without internals.
func (s *server) writeCheckError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, errCheckTimeout):
		s.log.Warn("uniqueness check timed out", "path", r.URL.Path, "timeout", s.checkTimeout.String())
		w.Header().Set("Retry-After", "1")
		problem.Error(w, r, http.StatusServiceUnavailable, "could not check uniqueness within "+s.checkTimeout.String()+"; please retry")
	case errors.Is(err, context.Canceled):
		s.log.Info("client went away during uniqueness check", "path", r.URL.Path)
	default:
		s.log.Error("uniqueness check failed", "path", r.URL.Path, "err", err)
		problem.Error(w, r, http.StatusInternalServerError, "internal error")
	}
}

// logInvalid records which rules failed (never the values) for monitoring:
// a spike in one code often means a broken client or a probe.
func (s *server) logInvalid(r *http.Request, errs []fieldError) {
	sortErrors(errs)
	codes := make([]string, 0, len(errs))
	for _, e := range errs {
		codes = append(codes, e.Field+":"+e.Code)
	}
	s.log.Info("validation failed", "path", r.URL.Path, "errors", codes)
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"workbook/serve/problem"
)

// app is the server's state: one of each pattern.
type app struct {
	agg      *aggregator
	pool     *pool
	profiles *profiles
	render   *renderer
	ledger   *ledger
	stats    *stats
	logger   *slog.Logger
}

// profileLatency is how long the fake profile service takes.
const profileLatency = 200 * time.Millisecond

// poolBudget bounds one POST /hash request.
const poolBudget = 5 * time.Second

// maxBody bounds a request body.
const maxBody = 64 << 10

var errPoolClosed = errors.New("worker pool is closed")

func newApp(cfg config, logger *slog.Logger) *app {
	st := &stats{}
	return &app{
		agg:      &aggregator{limit: cfg.fanoutLimit, perCall: cfg.callTimeout, stats: st},
		pool:     newPool(cfg.workers, st),
		profiles: &profiles{latency: profileLatency, stats: st},
		render:   newRenderer(cfg.renderCapacity, st),
		ledger:   newLedger(map[string]int64{"alice": 100, "bob": 100, "carol": 100}),
		stats:    st,
		logger:   logger,
	}
}

func (a *app) close() { a.pool.close() }

// routes is the chapter's handler tree.
func routes(a *app) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /aggregate", a.handleAggregate)
	mux.HandleFunc("POST /hash", a.handleHash)
	mux.HandleFunc("GET /profiles/{username}", a.handleProfile)
	mux.HandleFunc("GET /render", a.handleRender)
	mux.HandleFunc("POST /transfers", a.handleTransfer)
	mux.HandleFunc("GET /accounts", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, a.ledger.balances())
	})
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, a.stats.snapshot())
	})
	return problem.Routes(mux)
}

// nameList parses a comma-separated query parameter of source names.
func nameList(v string) ([]string, error) {
	if v == "" {
		return nil, nil
	}
	names := strings.Split(v, ",")
	return names, knownSources(names)
}

// handleAggregate is GET /aggregate?sources=a,b&fail=c&slow=d.
func (a *app) handleAggregate(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	names := upstreamOrder
	f := fault{fail: map[string]bool{}, slow: map[string]bool{}}
	for _, p := range []struct {
		key string
		set func([]string)
	}{
		{"sources", func(n []string) { names = n }},
		{"fail", func(n []string) {
			for _, s := range n {
				f.fail[s] = true
			}
		}},
		{"slow", func(n []string) {
			for _, s := range n {
				f.slow[s] = true
			}
		}},
	} {
		if !q.Has(p.key) {
			continue
		}
		n, err := nameList(q.Get(p.key))
		if err != nil || len(n) == 0 {
			problem.Error(w, r, http.StatusBadRequest, fmt.Sprintf("%s must be a comma-separated list of sources %v", p.key, upstreamOrder))
			return
		}
		p.set(n)
	}
	a.stats.aggregateRequests.Add(1)
	ctx, cancel := context.WithTimeout(r.Context(), aggregateBudget)
	defer cancel()
	res, err := a.agg.fetch(ctx, names, f)
	var se *sourceError
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, res)
	case r.Context().Err() != nil:
		a.logger.Info("aggregate: client went away", "err", err) // nobody to answer
	case ctx.Err() != nil:
		problem.Error(w, r, http.StatusGatewayTimeout, "the sources did not answer within "+aggregateBudget.String())
	case errors.As(err, &se):
		a.logger.Warn("aggregate: source failed, others cancelled", "source", se.source, "err", se.err)
		problem.Error(w, r, http.StatusBadGateway, "source "+se.source+" failed; the other calls were cancelled")
	default:
		a.logger.Error("aggregate", "err", err)
		problem.Error(w, r, http.StatusInternalServerError, "the aggregate failed")
	}
}

// hashRequest is the POST /hash body.
type hashRequest struct {
	Items  []string `json:"items"`
	Rounds int      `json:"rounds"`
}

// validate returns every field's problem.
func (h hashRequest) validate() []problem.FieldError {
	var errs []problem.FieldError
	if len(h.Items) == 0 || len(h.Items) > 64 {
		errs = append(errs, problem.FieldError{Pointer: "/items", Detail: "must hold 1 to 64 items"})
	}
	for i, it := range h.Items {
		if it == "" || len(it) > 256 {
			errs = append(errs, problem.FieldError{Pointer: "/items/" + strconv.Itoa(i), Detail: "must be 1 to 256 bytes"})
		}
	}
	if h.Rounds < 1 || h.Rounds > 100_000 {
		errs = append(errs, problem.FieldError{Pointer: "/rounds", Detail: "must be 1 to 100000"})
	}
	return errs
}

// handleHash is POST /hash: every item hashed by the worker pool.
func (a *app) handleHash(w http.ResponseWriter, r *http.Request) {
	var in hashRequest
	if !decodeJSON(w, r, &in) {
		return
	}
	if errs := in.validate(); len(errs) > 0 {
		p := problem.New(http.StatusUnprocessableEntity, "the request has invalid fields")
		p.Errors = errs
		problem.Write(w, r, p)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), poolBudget)
	defer cancel()
	res, err := a.pool.hash(ctx, in.Items, in.Rounds)
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, map[string]any{"workers": a.pool.workers, "results": res})
	case r.Context().Err() != nil:
		a.logger.Info("hash: client went away", "err", err)
	default:
		a.logger.Warn("hash", "err", err)
		w.Header().Set("Retry-After", "1")
		problem.Error(w, r, http.StatusServiceUnavailable, "the worker pool did not finish in time; try again")
	}
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// handleProfile is GET /profiles/{username}, deduplicated by singleflight.
func (a *app) handleProfile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("username")
	if !usernamePattern.MatchString(name) {
		problem.Error(w, r, http.StatusBadRequest, "username must be 1 to 32 lowercase letters, digits or _")
		return
	}
	res, err := a.profiles.get(r.Context(), name)
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, res)
	case r.Context().Err() != nil:
		a.logger.Info("profile: client went away", "err", err)
	default:
		a.logger.Warn("profile fetch", "username", name, "err", err)
		problem.Error(w, r, http.StatusBadGateway, "the profile service did not answer")
	}
}

// handleRender is GET /render?weight=N, bounded by the weighted semaphore.
func (a *app) handleRender(w http.ResponseWriter, r *http.Request) {
	weight, err := strconv.ParseInt(r.URL.Query().Get("weight"), 10, 64)
	if err != nil || weight < 1 || weight > a.render.capacity {
		problem.Error(w, r, http.StatusBadRequest, fmt.Sprintf("weight must be an integer from 1 to %d", a.render.capacity))
		return
	}
	took, err := a.render.render(r.Context(), weight)
	var busy errBusy
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, map[string]any{"weight": weight, "took_ms": took.Milliseconds()})
	case errors.As(err, &busy):
		w.Header().Set("Retry-After", "1")
		problem.Error(w, r, http.StatusServiceUnavailable, "render capacity is full; retry after 1 second")
	default:
		a.logger.Info("render: client went away", "err", err)
	}
}

// transferRequest is the POST /transfers body.
type transferRequest struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Amount int64  `json:"amount"`
}

// handleTransfer is POST /transfers, the lock-ordering example.
func (a *app) handleTransfer(w http.ResponseWriter, r *http.Request) {
	var in transferRequest
	if !decodeJSON(w, r, &in) {
		return
	}
	var errs []problem.FieldError
	if a.ledger.accounts[in.From] == nil {
		errs = append(errs, problem.FieldError{Pointer: "/from", Detail: "must name an account"})
	}
	if a.ledger.accounts[in.To] == nil {
		errs = append(errs, problem.FieldError{Pointer: "/to", Detail: "must name an account"})
	} else if in.To == in.From {
		errs = append(errs, problem.FieldError{Pointer: "/to", Detail: "must differ from from"})
	}
	if in.Amount < 1 {
		errs = append(errs, problem.FieldError{Pointer: "/amount", Detail: "must be at least 1"})
	}
	if len(errs) > 0 {
		p := problem.New(http.StatusUnprocessableEntity, "the transfer has invalid fields")
		p.Errors = errs
		problem.Write(w, r, p)
		return
	}
	switch err := a.ledger.transfer(in.From, in.To, in.Amount); {
	case err == nil:
		a.stats.transfers.Add(1)
		writeJSON(w, http.StatusOK, a.ledger.balances())
	case errors.Is(err, errInsufficient):
		problem.Error(w, r, http.StatusConflict, in.From+" has less than "+strconv.FormatInt(in.Amount, 10))
	default:
		a.logger.Error("transfer", "err", err)
		problem.Error(w, r, http.StatusInternalServerError, "the transfer failed")
	}
}

// decodeJSON reads one JSON object into v, answering 415, 413 or 400 itself.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "send the body as application/json")
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			problem.Error(w, r, http.StatusRequestEntityTooLarge, "the body must be at most 64 KiB")
			return false
		}
		problem.Error(w, r, http.StatusBadRequest, "the body is not the expected JSON object")
		return false
	}
	if dec.More() {
		problem.Error(w, r, http.StatusBadRequest, "the body must hold one JSON object")
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// readiness answers /readyz: nil when the pod may take traffic.
type readiness struct {
	ping    func(context.Context) error // nil: no database configured
	timeout time.Duration
}

// errDatabase is what /readyz says when the ping fails; the driver's
// message goes nowhere near the client.
var errDatabase = errors.New("the database does not answer")

func (r readiness) check(ctx context.Context) error {
	if r.ping == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	if err := r.ping(ctx); err != nil {
		return errDatabase
	}
	return nil
}

// newReadiness opens a pool for databaseURL (pgxpool connects lazily, so a
// database that is down at start-up only makes /readyz fail, it does not
// stop the process) and returns the check and the pool's Close.
func newReadiness(databaseURL string, timeout time.Duration) (readiness, func(), error) {
	if databaseURL == "" {
		return readiness{timeout: timeout}, func() {}, nil
	}
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return readiness{}, nil, errors.New("DATABASE_URL does not parse as a PostgreSQL URL")
	}
	cfg.MaxConns = 2 // probes only
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return readiness{}, nil, err
	}
	return readiness{ping: pool.Ping, timeout: timeout}, pool.Close, nil
}

// probe GETs url and wants a 200.
func probe(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", url, resp.Status)
	}
	return nil
}

// dialable turns a listen address into one to dial: ":8030" and
// "0.0.0.0:8030" listen on every interface, and the probe asks loopback.
func dialable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

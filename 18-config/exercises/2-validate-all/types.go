// Package validateall is exercise 2 of chapter 18: validate a whole
// configuration and report every problem, each with its path.
package validateall

import (
	"errors"
	"time"
)

// Config is a service's configuration after the layers are merged.
type Config struct {
	Env       string // dev, staging or prod
	Addr      string // host:port to listen on
	LogLevel  string // debug, info, warn or error
	DB        DB
	Upstreams []Upstream
}

// DB is the database section.
type DB struct {
	URL      string        // postgres:// or postgresql:// with a host
	MaxConns int           // pool size
	Timeout  time.Duration // per-query deadline
}

// Upstream is one backend the service proxies to.
type Upstream struct {
	Name   string
	URL    string // http:// or https:// with a host
	Weight int
}

// The kinds of problem. Each FieldError wraps exactly one of them.
var (
	ErrRequired  = errors.New("is required")
	ErrInvalid   = errors.New("is not valid")
	ErrRange     = errors.New("is out of range")
	ErrDuplicate = errors.New("is a duplicate")
	ErrInsecure  = errors.New("is not allowed in prod")
)

// FieldError is one problem: the path of the field, as the config file
// spells it ("db.max_conns", "upstreams[1].url"), and what is wrong.
type FieldError struct {
	Path string
	Err  error // wraps one of the Err… kinds, e.g. fmt.Errorf("%w: got 0, want 1 to 100", ErrRange)
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

//go:build solution

package validateall

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// Validate checks c and returns nil, or every problem as *FieldError values
// joined in field order.
func Validate(c Config) error {
	var errs []error
	add := func(path string, kind error, format string, args ...any) {
		err := kind
		if format != "" {
			err = fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)
		}
		errs = append(errs, &FieldError{Path: path, Err: err})
	}
	prod := c.Env == "prod"

	switch {
	case c.Env == "":
		add("env", ErrRequired, "")
	case !slices.Contains([]string{"dev", "staging", "prod"}, c.Env):
		add("env", ErrInvalid, "%q, want dev, staging or prod", c.Env)
	}

	if c.Addr == "" {
		add("addr", ErrRequired, "")
	} else if _, port, err := net.SplitHostPort(c.Addr); err != nil {
		add("addr", ErrInvalid, "want host:port")
	} else if n, err := strconv.Atoi(port); err != nil {
		add("addr", ErrInvalid, "port %q is not a number", port)
	} else if n < 1 || n > 65535 {
		add("addr", ErrRange, "port %d, want 1 to 65535", n)
	}

	switch {
	case c.LogLevel == "":
		add("log_level", ErrRequired, "")
	case !slices.Contains([]string{"debug", "info", "warn", "error"}, c.LogLevel):
		add("log_level", ErrInvalid, "%q, want debug, info, warn or error", c.LogLevel)
	}

	if c.DB.URL == "" {
		add("db.url", ErrRequired, "")
	} else if u, err := url.Parse(c.DB.URL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		add("db.url", ErrInvalid, "want postgres://host/db")
	} else if prod && u.Query().Get("sslmode") != "verify-full" {
		add("db.url", ErrInsecure, "sslmode must be verify-full")
	}
	if c.DB.MaxConns < 1 || c.DB.MaxConns > 100 {
		add("db.max_conns", ErrRange, "%d, want 1 to 100", c.DB.MaxConns)
	}
	if c.DB.Timeout <= 0 || c.DB.Timeout > 30*time.Second {
		add("db.timeout", ErrRange, "%s, want more than 0 and at most 30s", c.DB.Timeout)
	}

	if len(c.Upstreams) == 0 {
		add("upstreams", ErrRequired, "at least one")
	}
	seen := map[string]bool{}
	for i, up := range c.Upstreams {
		at := fmt.Sprintf("upstreams[%d].", i)
		switch {
		case up.Name == "":
			add(at+"name", ErrRequired, "")
		case seen[up.Name]:
			add(at+"name", ErrDuplicate, "%q", up.Name)
		}
		seen[up.Name] = true
		if up.URL == "" {
			add(at+"url", ErrRequired, "")
		} else if u, err := url.Parse(up.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			add(at+"url", ErrInvalid, "want http(s)://host")
		} else if prod && u.Scheme != "https" {
			add(at+"url", ErrInsecure, "want https")
		}
		if up.Weight < 1 || up.Weight > 100 {
			add(at+"weight", ErrRange, "%d, want 1 to 100", up.Weight)
		}
	}
	return errors.Join(errs...)
}

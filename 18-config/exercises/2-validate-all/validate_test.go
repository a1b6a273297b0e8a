package validateall

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

const file = "exercises/2-validate-all/validate.go"

func valid() Config {
	return Config{
		Env: "dev", Addr: "127.0.0.1:8080", LogLevel: "info",
		DB: DB{URL: "postgres://app@127.0.0.1:5432/app?sslmode=disable", MaxConns: 10, Timeout: 5 * time.Second},
		Upstreams: []Upstream{
			{Name: "search", URL: "http://127.0.0.1:9200", Weight: 1},
			{Name: "mail", URL: "https://mail.internal", Weight: 100},
		},
	}
}

type want struct {
	path string
	kind error
}

// problems unpacks Validate's result into its FieldErrors, in order.
func problems(t *testing.T, err error) []*FieldError {
	t.Helper()
	if err == nil {
		return nil
	}
	multi, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("Validate returned %v (%T), want errors.Join of *FieldError (edit %s)", err, err, file)
	}
	var out []*FieldError
	for _, e := range multi.Unwrap() {
		fe, ok := e.(*FieldError)
		if !ok {
			t.Fatalf("Validate joined %v (%T), want only *FieldError values (edit %s)", e, e, file)
		}
		out = append(out, fe)
	}
	return out
}

func check(t *testing.T, c Config, wants ...want) {
	t.Helper()
	err := Validate(c)
	if len(wants) == 0 {
		if err != nil {
			t.Errorf("Validate(%+v) = %v, want nil (edit %s)", c, err, file)
		}
		return
	}
	if err == nil {
		t.Errorf("Validate(%+v) = nil, want %v (edit %s)", c, wants, file)
		return
	}
	got := problems(t, err)
	var gotS, wantS []string
	for _, fe := range got {
		kind := "other"
		for _, k := range []error{ErrRequired, ErrInvalid, ErrRange, ErrDuplicate, ErrInsecure} {
			if errors.Is(fe, k) {
				kind = k.Error()
			}
		}
		gotS = append(gotS, fe.Path+" "+kind)
	}
	for _, w := range wants {
		wantS = append(wantS, w.path+" "+w.kind.Error())
	}
	if strings.Join(gotS, "\n") != strings.Join(wantS, "\n") {
		t.Errorf("Validate problems:\n%s\nwant:\n%s\n(edit %s)", strings.Join(gotS, "\n"), strings.Join(wantS, "\n"), file)
	}
}

func TestValidConfigsAreNil(t *testing.T) {
	check(t, valid())
	prod := valid()
	prod.Env = "prod"
	prod.DB.URL = "postgresql://app@db.prod/app?sslmode=verify-full"
	prod.Upstreams[0].URL = "https://search.prod"
	check(t, prod)
	staging := valid()
	staging.Env = "staging" // dev-grade URLs are fine outside prod
	check(t, staging)
}

// TestEveryProblemAtOnce: one call reports all of them, in field order.
func TestEveryProblemAtOnce(t *testing.T) {
	c := Config{
		Env: "qa", Addr: "8080", LogLevel: "loud",
		DB:        DB{URL: "mysql://db/app", MaxConns: 0, Timeout: 0},
		Upstreams: []Upstream{{Name: "", URL: "", Weight: 0}, {Name: "a", URL: "ftp://x", Weight: 101}, {Name: "a", URL: "http://b", Weight: 5}},
	}
	check(t, c,
		want{"env", ErrInvalid}, want{"addr", ErrInvalid}, want{"log_level", ErrInvalid},
		want{"db.url", ErrInvalid}, want{"db.max_conns", ErrRange}, want{"db.timeout", ErrRange},
		want{"upstreams[0].name", ErrRequired}, want{"upstreams[0].url", ErrRequired}, want{"upstreams[0].weight", ErrRange},
		want{"upstreams[1].url", ErrInvalid}, want{"upstreams[1].weight", ErrRange},
		want{"upstreams[2].name", ErrDuplicate},
	)
	check(t, Config{},
		want{"env", ErrRequired}, want{"addr", ErrRequired}, want{"log_level", ErrRequired}, want{"db.url", ErrRequired},
		want{"db.max_conns", ErrRange}, want{"db.timeout", ErrRange}, want{"upstreams", ErrRequired},
	)
}

func TestOneFieldAtATime(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Config)
		wants  []want
	}{
		{"port 1", func(c *Config) { c.Addr = ":1" }, nil},
		{"port 65535", func(c *Config) { c.Addr = "localhost:65535" }, nil},
		{"port 0", func(c *Config) { c.Addr = "127.0.0.1:0" }, []want{{"addr", ErrRange}}},
		{"port 65536", func(c *Config) { c.Addr = "127.0.0.1:65536" }, []want{{"addr", ErrRange}}},
		{"port name", func(c *Config) { c.Addr = "127.0.0.1:http" }, []want{{"addr", ErrInvalid}}},
		{"each level", func(c *Config) { c.LogLevel = "debug" }, nil},
		{"warn", func(c *Config) { c.LogLevel = "warn" }, nil},
		{"error", func(c *Config) { c.LogLevel = "error" }, nil},
		{"level case", func(c *Config) { c.LogLevel = "INFO" }, []want{{"log_level", ErrInvalid}}},
		{"db without host", func(c *Config) { c.DB.URL = "postgres:///app" }, []want{{"db.url", ErrInvalid}}},
		{"db bad url", func(c *Config) { c.DB.URL = "postgres://[::1" }, []want{{"db.url", ErrInvalid}}},
		{"max conns 1", func(c *Config) { c.DB.MaxConns = 1 }, nil},
		{"max conns 100", func(c *Config) { c.DB.MaxConns = 100 }, nil},
		{"max conns 101", func(c *Config) { c.DB.MaxConns = 101 }, []want{{"db.max_conns", ErrRange}}},
		{"max conns -1", func(c *Config) { c.DB.MaxConns = -1 }, []want{{"db.max_conns", ErrRange}}},
		{"timeout 1ns", func(c *Config) { c.DB.Timeout = 1 }, nil},
		{"timeout 30s", func(c *Config) { c.DB.Timeout = 30 * time.Second }, nil},
		{"timeout over 30s", func(c *Config) { c.DB.Timeout = 30*time.Second + 1 }, []want{{"db.timeout", ErrRange}}},
		{"timeout negative", func(c *Config) { c.DB.Timeout = -time.Second }, []want{{"db.timeout", ErrRange}}},
		{"upstream without host", func(c *Config) { c.Upstreams[1].URL = "https://" }, []want{{"upstreams[1].url", ErrInvalid}}},
		{"upstream bad url", func(c *Config) { c.Upstreams[0].URL = "http://[::1" }, []want{{"upstreams[0].url", ErrInvalid}}},
		{"weight 0", func(c *Config) { c.Upstreams[1].Weight = 0 }, []want{{"upstreams[1].weight", ErrRange}}},
		{"weight 101", func(c *Config) { c.Upstreams[0].Weight = 101 }, []want{{"upstreams[0].weight", ErrRange}}},
		{"no upstreams", func(c *Config) { c.Upstreams = nil }, []want{{"upstreams", ErrRequired}}},
		{"duplicate names", func(c *Config) { c.Upstreams[1].Name = "search" }, []want{{"upstreams[1].name", ErrDuplicate}}},
		{"prod plain db", func(c *Config) {
			c.Env = "prod"
			c.Upstreams[0].URL = "https://a"
			c.DB.URL = "postgres://db/app?sslmode=require"
		}, []want{{"db.url", ErrInsecure}}},
		{"prod http upstream", func(c *Config) {
			c.Env = "prod"
			c.DB.URL = "postgres://db/app?sslmode=verify-full"
		}, []want{{"upstreams[0].url", ErrInsecure}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := valid()
			tc.change(&c)
			check(t, c, tc.wants...)
		})
	}
}

// TestErrorsIsAndAsSeeThroughTheList: callers can still ask "is any of
// these a missing field?" and "which field?".
func TestErrorsIsAndAsSeeThroughTheList(t *testing.T) {
	c := valid()
	c.Addr, c.DB.MaxConns = "", 500
	err := Validate(c)
	if !errors.Is(err, ErrRequired) || !errors.Is(err, ErrRange) || errors.Is(err, ErrDuplicate) {
		t.Errorf("errors.Is through %v: Required %v, Range %v, Duplicate %v (edit %s)",
			err, errors.Is(err, ErrRequired), errors.Is(err, ErrRange), errors.Is(err, ErrDuplicate), file)
	}
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Path != "addr" {
		t.Errorf("errors.As(%v) = %v, want the first problem, addr (edit %s)", err, fe, file)
	}
	// One line per problem, each starting with its path; a missing field
	// says only that, a bad value names itself.
	lines := strings.Split(fmt.Sprint(err), "\n")
	if len(lines) != 2 || lines[0] != "addr: is required" || !strings.HasPrefix(lines[1], "db.max_conns: is out of range: ") || !strings.Contains(lines[1], "500") {
		t.Errorf("Validate(...).Error() = %q, want \"addr: is required\" then \"db.max_conns: is out of range: …500…\" (edit %s)", fmt.Sprint(err), file)
	}
}

package testinfra

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestRequired(t *testing.T) {
	tests := []struct {
		list, service string
		want          bool
	}{
		{"", "postgres", false},
		{"postgres", "postgres", true},
		{"postgres,rabbitmq,memcached,smtp", "smtp", true},
		{" Postgres , RabbitMQ ", "rabbitmq", true},
		{"postgresql", "postgres", false},
		{"all", "s3", true},
		{"memcached", "postgres", false},
	}
	for _, tc := range tests {
		if got := required(tc.list, tc.service); got != tc.want {
			t.Errorf("required(%q, %q) = %v, want %v", tc.list, tc.service, got, tc.want)
		}
	}
}

func TestUniqueName(t *testing.T) {
	valid := regexp.MustCompile(`^wb_[a-z0-9_]+_[0-9a-f]{8}$`)
	a, b := uniqueName(t, "_"), uniqueName(t, "_")
	if a == b {
		t.Errorf("uniqueName returned %q twice", a)
	}
	if !valid.MatchString(a) {
		t.Errorf("uniqueName = %q, want it to match %v", a, valid)
	}
	t.Run("a very long subtest name with Spaces/Slashes and ÜNICODE that goes on and on", func(t *testing.T) {
		n := uniqueName(t, "_")
		if len(n) > 63 {
			t.Errorf("uniqueName = %q (%d bytes), want at most 63 (PostgreSQL identifier limit)", n, len(n))
		}
		if !valid.MatchString(n) {
			t.Errorf("uniqueName = %q, want it to match %v", n, valid)
		}
	})
}

func TestWithDatabase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "postgres://postgres@127.0.0.1:5432/wb_x?sslmode=disable"},
		{"postgresql://u:p@db/", "postgresql://u:p@db/wb_x"},
	}
	for _, tc := range tests {
		got, err := withDatabase(tc.in, "wb_x")
		if err != nil || got != tc.want {
			t.Errorf("withDatabase(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := withDatabase("host=127.0.0.1 dbname=x", "wb_x"); err == nil || !strings.Contains(err.Error(), "postgres://") {
		t.Errorf("withDatabase(key=value DSN) error = %v, want one asking for a postgres:// URL", err)
	}
}

// recorder captures what unavailable does without ending the real test.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Skip(args ...any)          { r.skipped = strings.TrimSpace(fmt.Sprint(args...)) }
func (r *recorder) Fatalf(f string, a ...any) { r.failed = fmt.Sprintf(f, a...) }

func TestUnavailableSkipsOrFails(t *testing.T) {
	t.Setenv(RequireEnv, "")
	r := &recorder{TB: t}
	unavailable(r, postgresService, "no Docker engine")
	if !strings.Contains(r.skipped, "WORKBOOK_POSTGRES_URL=") || !strings.Contains(r.skipped, "docker compose up -d postgres") || strings.Contains(r.skipped, "\n") {
		t.Errorf("skip message = %q, want one line naming WORKBOOK_POSTGRES_URL and the compose service", r.skipped)
	}
	if r.failed != "" {
		t.Errorf("unavailable failed the test (%q) though nothing requires postgres", r.failed)
	}

	t.Setenv(RequireEnv, "rabbitmq,postgres")
	r = &recorder{TB: t}
	unavailable(r, postgresService, "no Docker engine")
	if r.failed == "" || !strings.Contains(r.failed, RequireEnv) {
		t.Errorf("with %s=postgres, unavailable failed with %q, want a failure naming %s", RequireEnv, r.failed, RequireEnv)
	}
}

func TestChromiumSkipsOrFails(t *testing.T) {
	t.Setenv("WORKBOOK_CHROMIUM", "")
	t.Setenv("PATH", t.TempDir()) // nothing to find
	t.Setenv(ToolsEnv, "protoc")
	r := &recorder{TB: t}
	if got := Chromium(r); got != "" || !strings.Contains(r.skipped, "apt-get install -y chromium") || r.failed != "" {
		t.Errorf("without chromium: path %q, skip %q, fail %q; want a skip saying how to install it", got, r.skipped, r.failed)
	}

	t.Setenv(ToolsEnv, "protoc, chromium")
	r = &recorder{TB: t}
	Chromium(r)
	if !strings.Contains(r.failed, ToolsEnv) {
		t.Errorf("with %s naming chromium, failure = %q, want one naming %s", ToolsEnv, r.failed, ToolsEnv)
	}

	bin := filepath.Join(t.TempDir(), "chromium")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", filepath.Dir(bin))
	r = &recorder{TB: t}
	if got := Chromium(r); got != bin || r.failed != "" || r.skipped != "" {
		t.Errorf("with chromium on PATH: got %q (fail %q, skip %q), want %q", got, r.failed, r.skipped, bin)
	}
}

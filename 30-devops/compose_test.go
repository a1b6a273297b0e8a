package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// loadCompose loads compose.yaml with compose-go — the loader Docker
// Compose runs: schema validation, ${VAR} interpolation, defaults — with
// env as the environment.
func loadCompose(t *testing.T, env map[string]string) (*types.Project, error) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir:  wd,
		ConfigFiles: []types.ConfigFile{{Filename: filepath.Join(wd, "compose.yaml")}},
		Environment: env,
	})
}

func TestCompose(t *testing.T) {
	if _, err := loadCompose(t, map[string]string{}); err == nil || !strings.Contains(err.Error(), "set POSTGRES_PASSWORD") {
		t.Errorf("compose.yaml without POSTGRES_PASSWORD loads (%v); the password must be required, not defaulted", err)
	}
	p, err := loadCompose(t, map[string]string{"POSTGRES_PASSWORD": "pw-from-env"})
	if err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	db, okDB := p.Services["postgres"]
	app, okApp := p.Services["server"]
	if !okDB || !okApp || len(p.Services) != 2 {
		t.Fatalf("services %v, want postgres and server", p.ServiceNames())
	}
	for _, s := range []types.ServiceConfig{db, app} {
		if s.HealthCheck == nil || len(s.HealthCheck.Test) < 2 || s.HealthCheck.Disable || s.HealthCheck.Interval == nil || s.HealthCheck.Retries == nil {
			t.Errorf("%s: healthcheck %+v, want a test, an interval and retries", s.Name, s.HealthCheck)
		}
	}
	if dep, ok := app.DependsOn["postgres"]; !ok || dep.Condition != types.ServiceConditionHealthy {
		t.Errorf("server depends_on postgres = %+v; want condition service_healthy, or it starts before the database answers", app.DependsOn)
	}
	if !strings.HasSuffix(db.Image, "-alpine") || strings.Contains(db.Image, "latest") || !strings.Contains(db.Image, ":15.") {
		t.Errorf("postgres image %q, want a pinned 15.x tag (pg_dump must be at least the server's major version)", db.Image)
	}
	if app.Build == nil || app.Build.Dockerfile != "30-devops/Dockerfile" {
		t.Fatalf("server build = %+v, want this chapter's Dockerfile", app.Build)
	}
	if ctx, _ := filepath.Abs(".."); app.Build.Context != ctx {
		t.Errorf("build context %q, want the repository root %q (go.mod replaces ../serve)", app.Build.Context, ctx)
	}
	if got := app.HealthCheck.Test; len(got) != 3 || got[0] != "CMD" || got[1] != "/usr/local/bin/server" || got[2] != "healthcheck" {
		t.Errorf("server healthcheck %q: distroless has no shell, use CMD with the binary's healthcheck", got)
	}
	if url := app.Environment["DATABASE_URL"]; url == nil || !strings.Contains(*url, "pw-from-env@postgres:5432") {
		t.Errorf("DATABASE_URL = %v, want the password from the environment and the postgres service", url)
	}
	for _, port := range app.Ports {
		if port.HostIP != "127.0.0.1" {
			t.Errorf("port %s published on %q, want 127.0.0.1 only", port.Published, port.HostIP)
		}
	}
	if !app.ReadOnly || len(app.CapDrop) != 1 || app.CapDrop[0] != "ALL" {
		t.Errorf("server read_only %v, cap_drop %v; want the same lockdown as the Kubernetes securityContext", app.ReadOnly, app.CapDrop)
	}
}

package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestConfigDefaults(t *testing.T) {
	c, err := loadConfig(nil, envOf(nil))
	if err != nil {
		t.Fatalf("loadConfig with no input = %v, want nil: the defaults must work on a laptop", err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DatabaseURL != "" || c.Tracing != "off" || c.BcryptCost != 12 {
		t.Errorf("defaults = addr %q, db %q, tracing %q, bcrypt %d; want 127.0.0.1:8080, memory, off, 12", c.Addr, c.DatabaseURL, c.Tracing, c.BcryptCost)
	}
}

func TestConfigFlagsOverrideEnv(t *testing.T) {
	c, err := loadConfig([]string{"-addr", "127.0.0.1:9999", "-write-timeout", "3s"},
		envOf(map[string]string{"ADDR": "127.0.0.1:7777", "IDLE_TIMEOUT": "2m", "CORS_ORIGINS": "https://a.example, https://b.example"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9999" || c.WriteTimeout != 3*time.Second || c.IdleTimeout != 2*time.Minute || len(c.CORSOrigins) != 2 {
		t.Errorf("config = %+v, want the flag's addr, the env's idle timeout and two origins", c)
	}
}

func TestConfigReportsEveryProblem(t *testing.T) {
	_, err := loadConfig(nil, envOf(map[string]string{
		"ADDR": "no-port", "JWT_SECRET": "short", "BCRYPT_COST": "4", "READ_TIMEOUT": "soon",
		"TRACING": "jaeger", "DATABASE_URL": "mysql://x", "LOG_LEVEL": "loud",
	}))
	if err == nil {
		t.Fatal("loadConfig with bad values = nil, want an error")
	}
	for _, name := range []string{"ADDR", "JWT_SECRET", "BCRYPT_COST", "READ_TIMEOUT", "TRACING", "DATABASE_URL", "LOG_LEVEL"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("loadConfig error does not mention %s:\n%v", name, err)
		}
	}
}

func TestConfigRedactsSecrets(t *testing.T) {
	c, err := loadConfig(nil, envOf(map[string]string{
		"DATABASE_URL": "postgres://app:hunter2hunter2@db:5432/conduit",
		"JWT_SECRET":   "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("starting", "config", c)
	for _, secret := range []string{"hunter2hunter2", "s3cr3t"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("logged config contains %q:\n%s", secret, buf.String())
		}
	}
	if !strings.Contains(buf.String(), "db:5432/conduit") {
		t.Errorf("logged config = %s, want the database host kept", buf.String())
	}
}

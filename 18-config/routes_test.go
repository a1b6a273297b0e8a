package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"workbook/serve/problem/problemtest"
)

const (
	testPassword = "pa55-w0rd-never-shown"
	testAPIKey   = "0123456789abcdef0123456789abcdef" // 32 characters
)

func newTestLive(t *testing.T, in inputs, logs io.Writer) *live {
	t.Helper()
	first, err := load(in)
	if err != nil {
		t.Fatal(err)
	}
	level := new(slog.LevelVar)
	return newLive(first, func() (*loaded, error) { return load(in) },
		func(l *loaded) { level.Set(l.settings.LogLevel) }, newLogger("text", logs, level), time.Now)
}

func get(t *testing.T, h http.Handler, target, auth string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestConfigEndpointShowsProvenance: every key, its value and its source;
// secrets redacted.
func TestConfigEndpointShowsProvenance(t *testing.T) {
	env := map[string]string{"GREETING": "hi", "DB_PASSWORD": testPassword, "API_KEY_FILE": "/run/secrets/api"}
	files := map[string]string{"app.conf": "log_level = warn\n", "/run/secrets/api": testAPIKey + "\n"}
	lv := newTestLive(t, memInputs("dev", "app.conf", env, files, map[string]string{"cookie_secure": "true"}), io.Discard)
	rec := get(t, problemtest.WatchErrors(t, routes(lv)), "/config", "")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET /config = %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if body := rec.Body.String(); strings.Contains(body, testPassword) || strings.Contains(body, testAPIKey) {
		t.Fatalf("GET /config shows a secret:\n%s", body)
	}
	var got configView
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := []setting{
		{"greeting", "hi", "env GREETING"},
		{"log_level", "warn", "file app.conf:1"},
		{"cookie_secure", "true", "flag -cookie-secure"},
		{"db_url", "postgres://app@127.0.0.1:5432/app?sslmode=disable", "default (dev)"},
		{"db_password", "[redacted]", "env DB_PASSWORD"},
		{"api_key", "[redacted]", "env API_KEY_FILE"},
	}
	if got.Env != "dev" || len(got.Settings) != len(want) {
		t.Fatalf("GET /config = %+v", got)
	}
	for i, s := range got.Settings {
		if s != want[i] {
			t.Errorf("setting %d = %+v, want %+v", i, s, want[i])
		}
	}
	if got.Reload.Trigger != "start-up" || got.Reload.Reloads != 0 {
		t.Errorf("reload status = %+v", got.Reload)
	}
	// An unset secret is shown as unset, not as redacted.
	lv = newTestLive(t, memInputs("dev", "", nil, nil, nil), io.Discard)
	json.Unmarshal(get(t, routes(lv), "/config", "").Body.Bytes(), &got)
	if s := got.Settings[5]; s != (setting{"api_key", "", "unset"}) {
		t.Errorf("unset api_key shown as %+v", s)
	}
}

func TestRoutes(t *testing.T) {
	env := map[string]string{"API_KEY": testAPIKey, "GREETING": "hey"}
	h := problemtest.WatchErrors(t, routes(newTestLive(t, memInputs("dev", "", env, nil, map[string]string{"cookie_secure": "true"}), io.Discard)))
	rec := get(t, h, "/hello", "")
	if rec.Code != 200 || rec.Body.String() != "hey\n" || !strings.Contains(rec.Header().Get("Set-Cookie"), "Secure") {
		t.Errorf("GET /hello = %d %q, cookie %q", rec.Code, rec.Body, rec.Header().Get("Set-Cookie"))
	}
	if rec := get(t, h, "/admin", "Bearer "+testAPIKey); rec.Code != 200 {
		t.Errorf("GET /admin with the key = %d", rec.Code)
	}
	for _, auth := range []string{"", "Bearer wrong", testAPIKey, "Bearer " + testAPIKey + "x"} {
		rec := get(t, h, "/admin", auth)
		problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 401, "/admin")
		if rec.Header().Get("WWW-Authenticate") == "" {
			t.Error("401 without WWW-Authenticate")
		}
	}
	req := httptest.NewRequest("PUT", "/config", strings.NewReader("{}"))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 405, "/config")
	if rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("405 Allow = %q", rec.Header().Get("Allow"))
	}
	rec = get(t, h, "/nope", "")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 404, "/nope")

	// Dev without a key: /admin is off, and says how to turn it on.
	h = routes(newTestLive(t, memInputs("dev", "", nil, nil, nil), io.Discard))
	rec = get(t, h, "/admin", "Bearer ")
	problemtest.Want(t, rec.Code, rec.Header(), rec.Body.String(), 503, "/admin")
	if rec := get(t, h, "/hello", ""); strings.Contains(rec.Header().Get("Set-Cookie"), "Secure") {
		t.Error("dev default cookie_secure=false still set Secure")
	}
}

// TestSecretsNeverLogged: the start-up view, a reload and a rejected reload
// log nothing secret.
func TestSecretsNeverLogged(t *testing.T) {
	var logs bytes.Buffer
	files := map[string]string{"app.conf": "greeting = a\n", "/s/db": testPassword}
	in := memInputs("dev", "app.conf", map[string]string{"DB_PASSWORD_FILE": "/s/db", "API_KEY": testAPIKey}, files, nil)
	lv := newTestLive(t, in, &logs)
	for _, s := range view(lv.current(), reloadStatus{}).Settings {
		lv.logger.Info("config", "key", s.Key, "value", s.Value, "source", s.Source)
	}
	lv.logger.Info("settings", "settings", lv.current().settings) // even a careless whole-struct log
	jsonLogs := newLogger("json", &logs, new(slog.LevelVar))
	jsonLogs.Info("settings", "settings", lv.current().settings)
	files["/s/db"] = testPassword + "-rotated"
	if err := lv.reload("test"); err != nil {
		t.Fatal(err)
	}
	files["app.conf"] = "db_password = " + testPassword + "\njust " + testPassword + "\n"
	if err := lv.reload("test"); err == nil {
		t.Fatal("a config file holding a secret was accepted")
	}
	if strings.Contains(logs.String(), testPassword) || strings.Contains(logs.String(), testAPIKey) {
		t.Fatalf("a secret reached the log:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `changed=[db_password]`) {
		t.Errorf("the rotation is not logged by key name:\n%s", logs.String())
	}
}

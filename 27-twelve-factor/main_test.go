package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"workbook/testinfra"
)

// beMain makes the test binary run main() instead of the tests: a real
// process of the app, started by TestProcess…, without a go build step.
const beMain = "TWELVE_FACTOR_BE_MAIN"

func TestMain(m *testing.M) {
	hashIterations = 1000 // quick logins in tests; stored hashes carry their count
	if os.Getenv(beMain) == "1" {
		os.Args = append([]string{os.Args[0]}, strings.Fields(os.Getenv("TWELVE_FACTOR_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// runCmd runs one command of the app in-process and returns its exit
// status and its stdout (the log stream).
func runCmd(t *testing.T, env map[string]string, stdin string, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(t.Context(), args, envMap(env), strings.NewReader(stdin), &out, &errOut)
	if errOut.Len() > 0 {
		t.Logf("stderr of %v: %s", args, errOut.String())
	}
	return code, out.String()
}

func TestParseConfig(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     map[string]string
		args    []string
		want    func(config) bool
		wantErr string
	}{
		{"defaults", nil, nil, func(c config) bool {
			return c.addr == "127.0.0.1:8027" && c.databaseURL == "memory://" && c.sessionStoreURL == "memory://" &&
				c.logFormat == "json" && c.command == "web" && c.sessionTTL == 24*time.Hour
		}, ""},
		{"PORT and HOST", map[string]string{"PORT": "9000", "HOST": "0.0.0.0"}, nil, func(c config) bool { return c.addr == "0.0.0.0:9000" }, ""},
		{"ADDR wins over PORT", map[string]string{"PORT": "9000", "ADDR": "127.0.0.1:9100"}, nil, func(c config) bool { return c.addr == "127.0.0.1:9100" }, ""},
		{"postgres URLs", map[string]string{"DATABASE_URL": "postgres://u:p@db/app", "SESSION_STORE_URL": "postgresql://s/sessions"}, []string{"migrate"},
			func(c config) bool { return c.databaseURL == "postgres://u:p@db/app" && c.command == "migrate" }, ""},
		{"a flag beats its variable", map[string]string{"LOG_FORMAT": "json"}, []string{"-log-format", "text", "create-user", "bob"},
			func(c config) bool {
				return c.logFormat == "text" && c.command == "create-user" && len(c.args) == 1 && c.args[0] == "bob"
			}, ""},
		{"unknown scheme", map[string]string{"DATABASE_URL": "mysql://db/app"}, nil, nil, `DATABASE_URL: scheme "mysql" is not supported`},
		{"no scheme", map[string]string{"SESSION_STORE_URL": "localhost:5432"}, nil, nil, "SESSION_STORE_URL"},
		{"bad duration", map[string]string{"SESSION_TTL": "a day"}, nil, nil, `SESSION_TTL="a day" is not a duration`},
		{"zero ttl", map[string]string{"SESSION_TTL": "0s"}, nil, nil, "must be positive"},
		{"bad log format", map[string]string{"LOG_FORMAT": "xml"}, nil, nil, "log format"},
		{"unknown command", nil, []string{"deploy"}, nil, `unknown command "deploy"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parseConfig(tc.args, envMap(tc.env), io.Discard)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseConfig = %v, want an error containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || !tc.want(cfg) {
				t.Fatalf("parseConfig = %+v, %v", cfg, err)
			}
		})
	}
	if _, err := parseConfig([]string{"-h"}, envMap(nil), io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
}

func TestRedactedHidesPasswords(t *testing.T) {
	cfg, err := parseConfig(nil, envMap(map[string]string{
		"DATABASE_URL":      "postgres://app:hunter2-secret@db:5432/notes?sslmode=disable",
		"SESSION_STORE_URL": "postgres://sessions@db/sessions?password=other-secret",
	}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	r := cfg.redacted()
	all, _ := json.Marshal(r)
	for _, secret := range []string{"hunter2-secret", "other-secret"} {
		if strings.Contains(string(all), secret) {
			t.Errorf("redacted config %s shows %q", all, secret)
		}
	}
	if r["database_url"] != "postgres://app:xxxxx@db:5432/notes?sslmode=disable" {
		t.Errorf("database_url = %q, want the URL with its password replaced", r["database_url"])
	}
}

func TestReleaseManifest(t *testing.T) {
	env := map[string]string{"DATABASE_URL": "postgres://app:s3cret-pw@db/notes"}
	code, out := runCmd(t, env, "", "release")
	if code != 0 {
		t.Fatalf("release exited %d: %s", code, out)
	}
	var m manifest
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("release printed %q: %v", out, err)
	}
	if strings.Contains(out, "s3cret-pw") {
		t.Errorf("manifest shows the database password:\n%s", out)
	}
	if m.Build.GoVersion == "" || m.Config["database_url"] != "postgres://app:xxxxx@db/notes" {
		t.Errorf("manifest = %+v, want build info and the redacted config", m)
	}
	again, _ := newManifest(m.Build, m.Config)
	if again.SHA256 != m.SHA256 || len(m.SHA256) != 64 {
		t.Errorf("sha256 %q does not match its content (recomputed %q)", m.SHA256, again.SHA256)
	}
	_, out2 := runCmd(t, env, "", "release")
	env["SESSION_TTL"] = "1h"
	_, out3 := runCmd(t, env, "", "release")
	var m2, m3 manifest
	_ = json.Unmarshal([]byte(out2), &m2)
	_ = json.Unmarshal([]byte(out3), &m3)
	if m2.SHA256 != m.SHA256 {
		t.Errorf("the same build and config gave two hashes: %s, %s", m.SHA256, m2.SHA256)
	}
	if m3.SHA256 == m.SHA256 {
		t.Errorf("a changed SESSION_TTL kept the hash %s", m.SHA256)
	}
}

// pgEnv is an environment whose store and session store are fresh
// PostgreSQL databases, already migrated by the migrate command.
func pgEnv(t *testing.T) map[string]string {
	t.Helper()
	env := map[string]string{"DATABASE_URL": testinfra.Postgres(t), "SESSION_STORE_URL": testinfra.Postgres(t)}
	if code, out := runCmd(t, env, "", "migrate"); code != 0 {
		t.Fatalf("migrate exited %d:\n%s", code, out)
	}
	return env
}

// logLines decodes a JSON log stream, failing on any line that is not JSON.
func logLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for line := range strings.Lines(out) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		lines = append(lines, m)
	}
	return lines
}

func TestMigrateIsIdempotent(t *testing.T) {
	env := map[string]string{"DATABASE_URL": testinfra.Postgres(t), "SESSION_STORE_URL": testinfra.Postgres(t)}
	for run, want := range []float64{1, 0, 0} {
		code, out := runCmd(t, env, "", "migrate")
		if code != 0 {
			t.Fatalf("migrate run %d exited %d:\n%s", run+1, code, out)
		}
		got := map[string]float64{}
		for _, l := range logLines(t, out) {
			if l["msg"] == "migrated" {
				got[l["component"].(string)] = l["applied"].(float64)
			}
		}
		if got["store"] != want || got["sessions"] != want || len(got) != 2 {
			t.Errorf("migrate run %d applied %v, want %v for store and sessions", run+1, got, want)
		}
	}
	// memory:// has no schema: migrate says so and succeeds.
	code, out := runCmd(t, nil, "", "migrate")
	if code != 0 || !strings.Contains(out, "nothing to do") {
		t.Errorf("migrate on memory:// = %d %s", code, out)
	}
}

func TestCreateUserCommand(t *testing.T) {
	env := pgEnv(t)
	if code, out := runCmd(t, env, "correct horse battery\n", "create-user", "alice"); code != 0 {
		t.Fatalf("create-user exited %d: %s", code, out)
	}
	if code, _ := runCmd(t, env, "another password\n", "create-user", "alice"); code != 1 {
		t.Errorf("create-user of an existing name exited %d, want 1", code)
	}
	if code, _ := runCmd(t, env, "short\n", "create-user", "bob"); code != 1 {
		t.Errorf("create-user with a short password exited %d, want 1", code)
	}
	if code, _ := runCmd(t, nil, "correct horse battery\n", "create-user", "carol"); code != 1 {
		t.Errorf("create-user on memory:// exited %d, want 1", code)
	}
	// The web process sees the user the admin process created.
	srv := startServer(t, env)
	srv.login(t, "alice", "correct horse battery")
}

func TestWorkerPurgeIsIdempotent(t *testing.T) {
	for name, newSessions := range map[string]func(t *testing.T) SessionStore{
		"memory": func(*testing.T) SessionStore { return newMemSessions() },
		"postgres": func(t *testing.T) SessionStore {
			b := openTestBackends(t, pgEnv(t))
			return b.sessions
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := newSessions(t)
			ctx := t.Context()
			now := time.Now().Truncate(time.Second)
			_ = s.Create(ctx, "old", "alice", now.Add(-time.Minute))
			_ = s.Create(ctx, "new", "alice", now.Add(time.Hour))
			for i, want := range []int64{1, 0} {
				if n, err := s.PurgeExpired(ctx, now); n != want || err != nil {
					t.Errorf("purge %d = %d, %v; want %d", i+1, n, err, want)
				}
			}
			if u, err := s.Lookup(ctx, "new", now); u != "alice" || err != nil {
				t.Errorf("the live session after purges = %q, %v", u, err)
			}
		})
	}
}

func TestWorkerProcess(t *testing.T) {
	env := pgEnv(t)
	env["WORKER_INTERVAL"] = "20ms"
	ctx, cancel := context.WithCancel(t.Context())
	var out bytes.Buffer
	done := make(chan int, 1)
	w := &syncWriter{w: &out}
	go func() { done <- run(ctx, []string{"worker"}, envMap(env), nil, w, io.Discard) }()
	deadline := time.After(10 * time.Second)
	for strings.Count(w.String(), "purged expired sessions") < 2 {
		select {
		case <-deadline:
			t.Fatalf("worker did not purge twice in 10 s:\n%s", w.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("worker exited %d after cancel", code)
	}
	if !strings.Contains(w.String(), "worker stopped") {
		t.Errorf("no 'worker stopped' line:\n%s", w.String())
	}
	if code, _ := runCmd(t, nil, "", "worker"); code != 1 {
		t.Errorf("worker on memory:// sessions exited %d, want 1", code)
	}
}

// TestProcessLogsJSONAndStopsOnSIGTERM starts the app as a real process
// configured by its environment alone, reads its stdout, and stops it the
// way a platform does.
func TestProcessLogsJSONAndStopsOnSIGTERM(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), beMain+"=1", "HOST=127.0.0.1", "PORT=0", "DATABASE_URL=memory://", "SESSION_STORE_URL=memory://")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var seen []string
	next := func() map[string]any {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("stdout closed; lines so far %q; stderr %s", seen, stderr.String())
			}
			seen = append(seen, l)
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("stdout line %q is not JSON: %v", l, err)
			}
			for _, k := range []string{"time", "level", "msg"} {
				if _, ok := m[k]; !ok {
					t.Errorf("log line %q has no %q", l, k)
				}
			}
			return m
		case <-time.After(15 * time.Second):
			t.Fatalf("no log line in 15 s; lines so far %q", seen)
			return nil
		}
	}
	first := next()
	if first["msg"] != "listening" || first["process"] != "web" {
		t.Fatalf("first line = %v, want the listening event", first)
	}
	if _, ok := first["startup_ms"].(float64); !ok {
		t.Errorf("listening line %v has no numeric startup_ms", first)
	}
	addr := first["addr"].(string)
	resp, err := http.Get(addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /healthz = %d", resp.StatusCode)
	}
	if l := next(); l["msg"] != "request" || l["path"] != "/healthz" || l["status"] != float64(200) {
		t.Errorf("request line = %v", l)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if l := next(); l["msg"] != "shutting down" {
		t.Errorf("after SIGTERM: %v, want shutting down", l)
	}
	for l := range lines { // the rest of the stream: JSON too
		if !json.Valid([]byte(l)) {
			t.Errorf("stdout line %q is not JSON", l)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit after SIGTERM: %v, want status 0; stderr %s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("the web process wrote to stderr: %s", stderr.String())
	}
}

// syncWriter lets a test read a log stream another goroutine writes.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}

// TestProcfileNamesRealCommands keeps the Procfile true: every command it
// runs is one this binary accepts.
func TestProcfileNamesRealCommands(t *testing.T) {
	data, err := os.ReadFile("Procfile")
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]bool{}
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, command, _ := strings.Cut(line, ":")
		types[name] = true
		for part := range strings.SplitSeq(command, "&&") {
			f := strings.Fields(part)
			if len(f) == 0 || f[0] != "27-twelve-factor" {
				t.Errorf("%s: %q does not run this binary", name, part)
				continue
			}
			if _, err := parseConfig(f[1:], envMap(nil), io.Discard); err != nil {
				t.Errorf("%s: %q: %v", name, part, err)
			}
		}
	}
	for _, want := range []string{"web", "worker", "release"} {
		if !types[want] {
			t.Errorf("the Procfile has no %s process type", want)
		}
	}
}

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// TestMain lets a test run the real main in a child process: the child is
// this test binary with RUN_18_CONFIG set, its arguments one per line.
func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv("RUN_18_CONFIG"); ok {
		os.Args = append([]string{"18-config"}, strings.Fields(args)...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestParseConfig(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		name    string
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{"defaults", nil, nil, config{"127.0.0.1:8018", "text", "dev", "", map[string]string{}}, false},
		{"env", nil, map[string]string{"ADDR": ":1", "LOG_FORMAT": "json", "APP_ENV": "prod", "CONFIG_FILE": "a.conf", "GREETING": "not here"},
			config{":1", "json", "prod", "a.conf", map[string]string{}}, false},
		{"flags", []string{"-env", "staging", "-greeting", "hi", "-cookie-secure", "-log-level=warn"}, map[string]string{"APP_ENV": "prod"},
			config{"127.0.0.1:8018", "text", "staging", "", map[string]string{"greeting": "hi", "cookie_secure": "true", "log_level": "warn"}}, false},
		{"bool flag false", []string{"-cookie-secure=false"}, nil,
			config{"127.0.0.1:8018", "text", "dev", "", map[string]string{"cookie_secure": "false"}}, false},
		{"unknown env", []string{"-env", "qa"}, nil, config{}, true},
		{"bad log format", nil, map[string]string{"LOG_FORMAT": "xml"}, config{}, true},
		{"no secret flags", []string{"-db-password", "x"}, nil, config{}, true},
		{"stray argument", []string{"extra"}, nil, config{}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseConfig(tc.args, env(tc.env), io.Discard)
			same := got.addr == tc.want.addr && got.logFormat == tc.want.logFormat && got.env == tc.want.env &&
				got.file == tc.want.file && maps.Equal(got.flags, tc.want.flags)
			if (err != nil) != tc.wantErr || (!tc.wantErr && !same) {
				t.Errorf("parseConfig(%q) = %+v, %v; want %+v, error %v", tc.args, got, err, tc.want, tc.wantErr)
			}
		})
	}
	var usage bytes.Buffer
	secrets := map[string]string{"DB_PASSWORD": testPassword, "API_KEY": testAPIKey}
	if _, err := parseConfig([]string{"-h"}, env(secrets), &usage); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
	if strings.Contains(usage.String(), testPassword) || strings.Contains(usage.String(), testAPIKey) || !strings.Contains(usage.String(), "env GREETING") {
		t.Errorf("-h usage:\n%s", usage.String())
	}
}

// child runs main in a child process with exactly env (plus nothing else).
func child(env map[string]string, args string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = []string{"RUN_18_CONFIG=" + args}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}

// TestStartupListsEveryProblemAndExits2 runs the real main with a bad prod
// configuration.
func TestStartupListsEveryProblemAndExits2(t *testing.T) {
	cmd := child(map[string]string{"APP_ENV": "prod", "API_KEY": "hunter2", "DB_URL": "mysql://x"}, "-cookie-secure=false -log-level debug")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("exit = %v, want status 2; stderr:\n%s", err, stderr.String())
	}
	out := stderr.String()
	for _, want := range []string{
		"invalid configuration:",
		"  - db_url (env DB_URL): must be a postgres://host/db URL",
		"  - api_key (env API_KEY): must be at least 32 characters",
		"  - db_password (unset): is required in prod",
		"  - cookie_secure (flag -cookie-secure): must be true in prod",
		"  - log_level (flag -log-level): must be info or above in prod",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stderr lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "hunter2") {
		t.Errorf("stderr shows the API key:\n%s", out)
	}
}

// TestServerEndToEnd runs the real server, then reloads it by editing its
// file and by sending SIGHUP to it (the child, never this process), and
// checks that no secret reaches its output.
func TestServerEndToEnd(t *testing.T) {
	dir := t.TempDir()
	file, pwFile := filepath.Join(dir, "app.conf"), filepath.Join(dir, "db_password")
	write(t, file, "greeting = one\n")
	write(t, pwFile, testPassword+"\n")
	cmd := child(map[string]string{"CONFIG_FILE": file, "DB_PASSWORD_FILE": pwFile, "API_KEY": testAPIKey}, "-addr 127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var (
		mu   sync.Mutex
		logs strings.Builder
	)
	addr := make(chan string, 1)
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			mu.Lock()
			logs.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if m := regexp.MustCompile(`msg=listening addr=(http://\S+)`).FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		<-copied
		cmd.Wait()
		mu.Lock()
		defer mu.Unlock()
		all := logs.String() + stderr.String()
		if strings.Contains(all, testPassword) || strings.Contains(all, testAPIKey) {
			t.Errorf("a secret reached the server's output:\n%s", all)
		}
		if !strings.Contains(all, `msg="config reloaded" trigger=SIGHUP`) || !strings.Contains(all, "changed=[db_password]") {
			t.Errorf("no SIGHUP reload, or no rotation, logged:\n%s", all)
		}
	}()
	var base string
	select {
	case base = <-addr:
	case <-copied:
		t.Fatalf("the server exited:\n%s", stderr.String())
	}
	status := func() configView {
		t.Helper()
		resp, err := http.Get(base + "/config")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v configView
		if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := status(); v.Settings[0] != (setting{"greeting", "one", "file " + file + ":1"}) {
		t.Errorf("at start-up greeting = %+v", v.Settings[0])
	}
	write(t, file, "\ngreeting = two\n")
	eventually(t, "greeting two, from line 2", func() bool { return status().Settings[0] == setting{"greeting", "two", "file " + file + ":2"} })

	// Rotate the password: the watcher sees its file change.
	write(t, pwFile, testPassword+"-2\n")
	eventually(t, "the rotation reloaded", func() bool { return status().Reload.Reloads >= 2 })
	// SIGHUP reloads with no file event at all.
	n := status().Reload.Reloads
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	eventually(t, "a SIGHUP reload", func() bool {
		r := status().Reload
		return r.Reloads == n+1 && r.Trigger == "SIGHUP"
	})
}

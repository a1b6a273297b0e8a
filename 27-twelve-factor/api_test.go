package main

import (
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

// testServer is one in-process instance of the web process, with its own
// backends (its own memory, when the URLs say memory://).
type testServer struct {
	*httptest.Server
	app *app
}

func openTestBackends(t *testing.T, env map[string]string) *backends {
	t.Helper()
	cfg, err := parseConfig(nil, envMap(env), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	b, err := openBackends(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.close)
	return b
}

func startServer(t *testing.T, env map[string]string) *testServer {
	t.Helper()
	b := openTestBackends(t, env)
	a := &app{store: b.store, sessions: b.sessions, sessionTTL: time.Hour, logger: discardLogger(), now: time.Now}
	srv := httptest.NewServer(problemtest.WatchErrors(t, routes(a)))
	t.Cleanup(srv.Close)
	return &testServer{srv, a}
}

type response struct {
	code   int
	header http.Header
	body   string
}

func (s *testServer) do(t *testing.T, method, path, token, contentType, body string) response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(b)}
}

func (s *testServer) json(t *testing.T, method, path, token, body string) response {
	t.Helper()
	return s.do(t, method, path, token, "application/json", body)
}

func (s *testServer) signup(t *testing.T, name, password string) {
	t.Helper()
	if r := s.json(t, "POST", "/users", "", `{"name":"`+name+`","password":"`+password+`"}`); r.code != 201 {
		t.Fatalf("signup %s = %d %s", name, r.code, r.body)
	}
}

func (s *testServer) login(t *testing.T, name, password string) string {
	t.Helper()
	r := s.json(t, "POST", "/sessions", "", `{"name":"`+name+`","password":"`+password+`"}`)
	var out struct {
		Token     string    `json:"token"`
		ExpiresAt time.Time `json:"expires_at"`
	}
	if r.code != 201 || json.Unmarshal([]byte(r.body), &out) != nil || out.Token == "" {
		t.Fatalf("login %s = %d %s", name, r.code, r.body)
	}
	return out.Token
}

// backendsUnderTest is the one variable the suite changes: the same tests
// run on memory:// and on a real PostgreSQL (factor X).
func backendsUnderTest() map[string]func(t *testing.T) map[string]string {
	return map[string]func(t *testing.T) map[string]string{
		"memory":   func(*testing.T) map[string]string { return map[string]string{} },
		"postgres": pgEnv,
	}
}

func TestNotesAPI(t *testing.T) {
	for name, env := range backendsUnderTest() {
		t.Run(name, func(t *testing.T) {
			s := startServer(t, env(t))
			if r := s.do(t, "GET", "/healthz", "", "", ""); r.code != 200 {
				t.Errorf("GET /healthz = %d %s", r.code, r.body)
			}
			s.signup(t, "alice", "correct horse")
			s.signup(t, "bob_2", "battery staple")

			r := s.json(t, "POST", "/users", "", `{"name":"alice","password":"another one"}`)
			problemtest.Want(t, r.code, r.header, r.body, 409, "/users")

			r = s.json(t, "POST", "/users", "", `{"name":"Al","password":"short"}`)
			p := problemtest.Want(t, r.code, r.header, r.body, 422, "/users")
			if len(p.Errors) != 2 || p.Errors[0].Pointer != "/name" || p.Errors[1].Pointer != "/password" {
				t.Errorf("422 errors = %+v, want /name and /password", p.Errors)
			}

			r = s.json(t, "POST", "/sessions", "", `{"name":"alice","password":"wrong horse"}`)
			problemtest.Want(t, r.code, r.header, r.body, 401, "/sessions")
			r = s.json(t, "POST", "/sessions", "", `{"name":"nobody","password":"correct horse"}`)
			problemtest.Want(t, r.code, r.header, r.body, 401, "/sessions")

			alice := s.login(t, "alice", "correct horse")
			bob := s.login(t, "bob_2", "battery staple")

			r = s.do(t, "GET", "/notes", "", "", "")
			problemtest.Want(t, r.code, r.header, r.body, 401, "/notes")
			if r.header.Get("WWW-Authenticate") != "Bearer" {
				t.Errorf("401 without WWW-Authenticate: Bearer: %v", r.header)
			}
			r = s.do(t, "GET", "/notes", "not-a-token", "", "")
			problemtest.Want(t, r.code, r.header, r.body, 401, "/notes")

			for _, body := range []string{"first", "second"} {
				if r := s.json(t, "POST", "/notes", alice, `{"body":"`+body+`"}`); r.code != 201 {
					t.Fatalf("POST /notes = %d %s", r.code, r.body)
				}
			}
			var list struct{ Notes []Note }
			r = s.do(t, "GET", "/notes", alice, "", "")
			if err := json.Unmarshal([]byte(r.body), &list); r.code != 200 || err != nil {
				t.Fatalf("GET /notes = %d %s", r.code, r.body)
			}
			if len(list.Notes) != 2 || list.Notes[0].Body != "second" || list.Notes[1].Body != "first" {
				t.Errorf("alice's notes = %+v, want second then first", list.Notes)
			}
			if r := s.do(t, "GET", "/notes", bob, "", ""); r.code != 200 || !strings.Contains(r.body, `"notes":[]`) {
				t.Errorf("bob's notes = %d %s, want an empty list", r.code, r.body)
			}

			for _, tc := range []struct {
				contentType, body string
				status            int
			}{
				{"application/json", `{"body":"   "}`, 422},
				{"application/json", `{"body":"` + strings.Repeat("x", 1001) + `"}`, 422},
				{"text/plain", `{"body":"x"}`, 415},
				{"application/json", `{"body":`, 400},
				{"application/json", `{"body":"x","owner":"bob_2"}`, 400},
				{"application/json", `{"body":"` + strings.Repeat("x", maxBody) + `"}`, 413},
			} {
				r := s.do(t, "POST", "/notes", alice, tc.contentType, tc.body)
				problemtest.Want(t, r.code, r.header, r.body, tc.status, "/notes")
			}

			// An expired session is refused: move this instance's clock.
			s.app.now = func() time.Time { return time.Now().Add(2 * time.Hour) }
			r = s.do(t, "GET", "/notes", alice, "", "")
			problemtest.Want(t, r.code, r.header, r.body, 401, "/notes")
		})
	}
}

// TestSessionSharedAcrossInstances runs two instances, each with its own
// process memory, against the same backing services: a login on one is
// valid on the other only when the session store is shared.
func TestSessionSharedAcrossInstances(t *testing.T) {
	env := pgEnv(t)
	a, b := startServer(t, env), startServer(t, env)
	a.signup(t, "alice", "correct horse")
	token := a.login(t, "alice", "correct horse")
	if r := b.json(t, "POST", "/notes", token, `{"body":"written through b"}`); r.code != 201 {
		t.Fatalf("instance b refused instance a's login: %d %s", r.code, r.body)
	}
	if r := a.do(t, "GET", "/notes", token, "", ""); r.code != 200 || !strings.Contains(r.body, "written through b") {
		t.Errorf("instance a does not see the note written through b: %d %s", r.code, r.body)
	}

	// The same pair with per-process sessions: b has never heard of the token.
	local := map[string]string{"DATABASE_URL": env["DATABASE_URL"], "SESSION_STORE_URL": "memory://"}
	c, d := startServer(t, local), startServer(t, local)
	token = c.login(t, "alice", "correct horse")
	r := d.do(t, "GET", "/notes", token, "", "")
	problemtest.Want(t, r.code, r.header, r.body, 401, "/notes")
	if r := c.do(t, "GET", "/notes", token, "", ""); r.code != 200 {
		t.Errorf("instance c refused its own login: %d", r.code)
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

package httpapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"workbook/capstone/memory"
	"workbook/capstone/service"
)

// newTestServer returns a Server on a fresh memory store, with the
// cheapest bcrypt cost and a generous auth rate limit; edit adjusts the Config.
func newTestServer(t *testing.T, edit ...func(*Config)) *Server {
	t.Helper()
	store := memory.New()
	c := Config{
		Users:     &service.Users{Store: store, Hasher: service.Bcrypt{Cost: 4}},
		Profiles:  &service.Profiles{Users: store, Follows: store},
		Articles:  &service.Articles{Store: store},
		Comments:  &service.Comments{Store: store, Articles: store},
		Tokens:    &Tokens{Secret: []byte("test-secret-test-secret-test-secret"), TTL: time.Hour},
		AuthRate:  rate.Inf,
		AuthBurst: 1,
	}
	for _, e := range edit {
		e(&c)
	}
	return New(c)
}

// call is one request of a table test.
type call struct {
	name   string
	method string
	path   string
	token  string // "" for none
	body   string // sent as application/json unless contentType says otherwise
	ctype  string
	want   int
}

// do serves one request and returns the recorded response.
func do(t *testing.T, h http.Handler, c call) *httptest.ResponseRecorder {
	t.Helper()
	var body *strings.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	} else {
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(c.method, c.path, body)
	if c.body != "" {
		ct := c.ctype
		if ct == "" {
			ct = "application/json"
		}
		r.Header.Set("Content-Type", ct)
	}
	if c.token != "" {
		r.Header.Set("Authorization", "Token "+c.token)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// runTable runs each call and checks its status; every 4xx/5xx must carry
// the RealWorld error shape with at least one non-empty message.
func runTable(t *testing.T, h http.Handler, calls []call) {
	t.Helper()
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			w := do(t, h, c)
			if w.Code != c.want {
				t.Fatalf("%s %s = %d %s, want %d", c.method, c.path, w.Code, w.Body, c.want)
			}
			if w.Code >= 400 {
				assertErrorShape(t, w)
			}
		})
	}
}

func assertErrorShape(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error Content-Type = %q, want application/json", ct)
	}
	var e struct {
		Errors struct {
			Body []string `json:"body"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || len(e.Errors.Body) == 0 || e.Errors.Body[0] == "" {
		t.Errorf("error body = %s, want {\"errors\":{\"body\":[\"…\"]}}", w.Body)
	}
}

// register signs up name and returns its token.
func register(t *testing.T, h http.Handler, name string) string {
	t.Helper()
	w := do(t, h, call{method: "POST", path: "/api/users",
		body: `{"user":{"username":"` + name + `","email":"` + name + `@example.com","password":"password1"}}`})
	if w.Code != http.StatusCreated {
		t.Fatalf("register %s = %d %s, want 201", name, w.Code, w.Body)
	}
	var resp userResponse
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	return resp.User.Token
}

// decodeJSON decodes w's body into a new T.
func decodeJSON[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %s: %v", w.Body, err)
	}
	return v
}

package requestctx

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

type verifierFunc func(ctx context.Context, token string) (User, error)

func (f verifierFunc) Verify(ctx context.Context, token string) (User, error) { return f(ctx, token) }

var tokens = verifierFunc(func(_ context.Context, token string) (User, error) {
	if token == "good" {
		return User{ID: "alice", Roles: []string{"editor"}}, nil
	}
	return User{}, errors.New("unknown token")
})

func TestWithUserRoundTrip(t *testing.T) {
	ctx := WithUser(context.Background(), User{ID: "alice"})
	u, ok := UserFrom(ctx)
	if !ok || u.ID != "alice" {
		t.Fatalf("UserFrom(WithUser(ctx, alice)) = %+v, %v; want alice, true (exercise 2-request-context, context.go)", u, ok)
	}
	if _, ok := UserFrom(context.Background()); ok {
		t.Error("UserFrom(empty context) reported a user")
	}
	// A value stored under a plain string key must not be mistaken for ours.
	//lint:ignore SA1029 deliberately colliding key
	spoofed := context.WithValue(context.Background(), "user", User{ID: "mallory"})
	if u, ok := UserFrom(spoofed); ok {
		t.Errorf("UserFrom found %+v stored under the string key \"user\"; use an unexported key type", u)
	}
	// Derived contexts still carry it.
	child, cancel := context.WithCancel(ctx)
	defer cancel()
	if u, ok := UserFrom(child); !ok || u.ID != "alice" {
		t.Errorf("UserFrom(child of ctx with alice) = %+v, %v; want alice", u, ok)
	}
}

// whoami reports the context's user, so tests can see what reached the handler.
var whoami = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	if u, ok := UserFrom(r.Context()); ok {
		w.Write([]byte("user=" + u.ID))
		return
	}
	w.Write([]byte("anonymous"))
})

func TestAuthenticate(t *testing.T) {
	tests := []struct {
		name       string
		header     string
		wantStatus int
		wantBody   string
	}{
		{"no header stays anonymous", "", 200, "anonymous"},
		{"good token", "Bearer good", 200, "user=alice"},
		{"scheme is case-insensitive", "bearer good", 200, "user=alice"},
		{"bad token", "Bearer forged", 401, ""},
		{"wrong scheme", "Basic YWxpY2U6cHc=", 401, ""},
		{"a good token under another scheme", "Basic good", 401, ""},
		{"a good token under a made-up scheme", "Token good", 401, ""},
		{"token without a scheme", "good", 401, ""},
		{"scheme without token", "Bearer", 401, ""},
		{"empty token", "Bearer ", 401, ""},
	}
	h := Authenticate(tokens, whoami)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.wantStatus {
				t.Fatalf("Authorization %q: status %d, want %d", tc.header, rec.Code, tc.wantStatus)
			}
			if tc.wantStatus == 401 {
				if rec.Header().Get("WWW-Authenticate") == "" {
					t.Errorf("Authorization %q: 401 without a WWW-Authenticate header", tc.header)
				}
				if rec.Body.Len() == 0 {
					t.Errorf("Authorization %q: 401 with an empty body; say what was wrong", tc.header)
				}
				return
			}
			if rec.Body.String() != tc.wantBody {
				t.Errorf("Authorization %q: handler saw %q, want %q", tc.header, rec.Body, tc.wantBody)
			}
		})
	}
}

func TestRequireUser(t *testing.T) {
	h := Authenticate(tokens, RequireUser(whoami))
	req := httptest.NewRequest("GET", "/", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("anonymous request through RequireUser: status %d, want 401", rec.Code)
	}
	req.Header.Set("Authorization", "Bearer good")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Body.String() != "user=alice" {
		t.Errorf("signed-in request through RequireUser: %d %q, want 200 user=alice", rec.Code, rec.Body)
	}
}

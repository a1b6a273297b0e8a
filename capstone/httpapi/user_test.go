package httpapi

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"workbook/capstone/conduit"
)

func TestUserEndpoints(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxBodyBytes = 1024 })
	jake := register(t, s, "jake")
	register(t, s, "ann")

	runTable(t, s, []call{
		{"register 201", "POST", "/api/users", "", `{"user":{"username":"bob","email":"bob@example.com","password":"password1"}}`, "", 201},
		{"register taken username 422", "POST", "/api/users", "", `{"user":{"username":"jake","email":"j2@example.com","password":"password1"}}`, "", 422},
		{"register taken email 422", "POST", "/api/users", "", `{"user":{"username":"j2","email":"JAKE@example.com","password":"password1"}}`, "", 422},
		{"register blank fields 422", "POST", "/api/users", "", `{"user":{}}`, "", 422},
		{"register without envelope 422", "POST", "/api/users", "", `{"username":"x"}`, "", 422},
		{"register wrong type 422", "POST", "/api/users", "", `{"user":{"username":5}}`, "", 422},
		{"register malformed JSON 400", "POST", "/api/users", "", `{"user":`, "", 400},
		{"register not an object 400", "POST", "/api/users", "", `[1,2]`, "", 400},
		{"register two objects 400", "POST", "/api/users", "", `{"user":{}} {"user":{}}`, "", 400},
		{"register empty body 415", "POST", "/api/users", "", "", "", 415},
		{"register form body 415", "POST", "/api/users", "", `username=x`, "application/x-www-form-urlencoded", 415},
		{"register oversized 413", "POST", "/api/users", "", `{"user":{"bio":"` + strings.Repeat("x", 2048) + `"}}`, "", 413},
		{"login 200", "POST", "/api/users/login", "", `{"user":{"email":"jake@example.com","password":"password1"}}`, "", 200},
		{"login wrong password 401", "POST", "/api/users/login", "", `{"user":{"email":"jake@example.com","password":"nope-nope"}}`, "", 401},
		{"login unknown email 401", "POST", "/api/users/login", "", `{"user":{"email":"x@example.com","password":"password1"}}`, "", 401},
		{"login missing fields 422", "POST", "/api/users/login", "", `{"user":{}}`, "", 422},
		{"login malformed 400", "POST", "/api/users/login", "", `{`, "", 400},
		{"current user 200", "GET", "/api/user", jake, "", "", 200},
		{"current user no token 401", "GET", "/api/user", "", "", "", 401},
		{"current user bad token 401", "GET", "/api/user", "not.a.jwt", "", "", 401},
		{"update 200", "PUT", "/api/user", jake, `{"user":{"bio":"I like dragons"}}`, "", 200},
		{"update no token 401", "PUT", "/api/user", "", `{"user":{"bio":"x"}}`, "", 401},
		{"update nothing 422", "PUT", "/api/user", jake, `{"user":{}}`, "", 422},
		{"update taken username 422", "PUT", "/api/user", jake, `{"user":{"username":"ann"}}`, "", 422},
		{"update bad email 422", "PUT", "/api/user", jake, `{"user":{"email":"nope"}}`, "", 422},
		{"update malformed 400", "PUT", "/api/user", jake, `{"user":`, "", 400},
		{"update wrong content type 415", "PUT", "/api/user", jake, `{"user":{"bio":"x"}}`, "text/plain", 415},
		{"users wrong method 405", "GET", "/api/users", "", "", "", 405},
	})

	w := do(t, s, call{method: "GET", path: "/api/user", token: jake})
	u := decodeJSON[userResponse](t, w).User
	if u.Username != "jake" || u.Bio != "I like dragons" || u.Token == "" {
		t.Errorf("GET /api/user after update = %+v, want jake with the new bio and a token", u)
	}
	if !strings.Contains(w.Body.String(), `"image":""`) {
		t.Errorf("GET /api/user = %s, want an image field present", w.Body)
	}
}

func TestAuthHeader(t *testing.T) {
	s := newTestServer(t)
	jake := register(t, s, "jake")
	for _, tc := range []struct {
		name, header string
		want         int
	}{
		{"Token scheme", "Token " + jake, 200},
		{"Bearer scheme", "Bearer " + jake, 200},
		{"no scheme", jake, 401},
		{"Basic scheme", "Basic amFrZTpqYWtl", 401},
		{"tampered token", "Token " + jake[:len(jake)-2] + "xx", 401},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, w := newRequest("GET", "/api/user"), newRecorder()
			r.Header.Set("Authorization", tc.header)
			s.ServeHTTP(w, r)
			if w.Code != tc.want {
				t.Errorf("GET /api/user with Authorization %q = %d, want %d", tc.name, w.Code, tc.want)
			}
		})
	}
	// A bad token is refused even where anonymous access is allowed.
	w := do(t, s, call{method: "GET", path: "/api/articles", token: "garbage"})
	if w.Code != http.StatusUnauthorized {
		t.Errorf("GET /api/articles with a bad token = %d, want 401", w.Code)
	}
}

func TestAuthRateLimit(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.AuthRate, c.AuthBurst = rate.Every(time.Minute), 2 })
	body := `{"user":{"email":"nobody@example.com","password":"password1"}}`
	for i, want := range []int{401, 401, 429} {
		w := do(t, s, call{method: "POST", path: "/api/users/login", body: body})
		if w.Code != want {
			t.Fatalf("login attempt %d = %d, want %d", i+1, w.Code, want)
		}
		if want == 429 {
			assertErrorShape(t, w)
			if ra := w.Header().Get("Retry-After"); ra == "" || ra == "0" {
				t.Errorf("429 Retry-After = %q, want a positive number of seconds", ra)
			}
		}
	}
	// Reading endpoints are not limited.
	if w := do(t, s, call{method: "GET", path: "/api/tags"}); w.Code != 200 {
		t.Errorf("GET /api/tags after the limit = %d, want 200", w.Code)
	}
}

// TestPasswordChanges: a new password needs the current one; it signs out
// every token issued before it; and one user's password changes are
// throttled whatever they send.
func TestPasswordChanges(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.PasswordRate, c.PasswordBurst = rate.Every(time.Hour), 3 })
	jake, ann := register(t, s, "jake"), register(t, s, "ann")
	runTable(t, s, []call{
		{"no currentPassword 422", "PUT", "/api/user", jake, `{"user":{"password":"new-password"}}`, "", 422},
		{"wrong currentPassword 403", "PUT", "/api/user", jake, `{"user":{"password":"new-password","currentPassword":"guess-guess"}}`, "", 403},
	})
	w := do(t, s, call{method: "PUT", path: "/api/user", token: jake, body: `{"user":{"password":"new-password","currentPassword":"password1"}}`})
	if w.Code != http.StatusOK {
		t.Fatalf("password change with the right currentPassword = %d %s, want 200", w.Code, w.Body)
	}
	fresh := decodeJSON[userResponse](t, w).User.Token
	runTable(t, s, []call{
		{"the token from before the change 401", "GET", "/api/user", jake, "", "", 401},
		{"the token the change returned 200", "GET", "/api/user", fresh, "", "", 200},
		{"the fourth change within the hour 429", "PUT", "/api/user", fresh, `{"user":{"password":"newer-password","currentPassword":"new-password"}}`, "", 429},
		{"other fields are not throttled", "PUT", "/api/user", fresh, `{"user":{"bio":"still here"}}`, "", 200},
		{"a bio change keeps the token", "GET", "/api/user", fresh, "", "", 200},
		{"another user has their own budget", "PUT", "/api/user", ann, `{"user":{"password":"ann-new-password","currentPassword":"password1"}}`, "", 200},
		{"login with the new password", "POST", "/api/users/login", "", `{"user":{"email":"jake@example.com","password":"new-password"}}`, "", 200},
		{"login with the old password 401", "POST", "/api/users/login", "", `{"user":{"email":"jake@example.com","password":"password1"}}`, "", 401},
	})
}

// TestTokenOfAnEarlierAccountIs401: the memory store restarts its IDs at 1,
// so with a fixed secret an old token names whoever registers first after a
// restart; its generation does not match theirs.
func TestTokenOfAnEarlierAccountIs401(t *testing.T) {
	secret := []byte("a-fixed-secret-a-fixed-secret-xx")
	fixed := func(c *Config) { c.Tokens = &Tokens{Secret: secret, TTL: time.Hour} }
	before := newTestServer(t, fixed)
	old := register(t, before, "jake")
	after := newTestServer(t, fixed) // a fresh memory store: IDs start again at 1
	register(t, after, "mallory")
	if w := do(t, after, call{method: "GET", path: "/api/user", token: old}); w.Code != http.StatusUnauthorized {
		t.Errorf("jake's token after a restart, with mallory as user 1 = %d %s, want 401", w.Code, w.Body)
	}
	ghost := newTestServer(t, fixed) // no user at all
	if w := do(t, ghost, call{method: "GET", path: "/api/articles", token: old}); w.Code != http.StatusUnauthorized {
		t.Errorf("a token for a user that does not exist = %d, want 401", w.Code)
	}
}

// busyUsers answers every update as an overloaded password hasher would.
type busyUsers struct{ conduit.UserService }

func (busyUsers) UpdateUser(context.Context, int64, conduit.UserUpdate) (*conduit.User, error) {
	return nil, conduit.Errorf(conduit.EUNAVAILABLE, "the server is busy hashing passwords; retry in a moment")
}

func TestUnavailableIs503WithRetryAfter(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.Users = busyUsers{c.Users} })
	jake := register(t, s, "jake")
	w := do(t, s, call{method: "PUT", path: "/api/user", token: jake, body: `{"user":{"password":"new-password","currentPassword":"password1"}}`})
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "1" {
		t.Fatalf("PUT /api/user with the hasher busy = %d, Retry-After %q; want 503 and 1", w.Code, w.Header().Get("Retry-After"))
	}
	assertErrorShape(t, w)
}

package httpapi

import "testing"

func TestProfileEndpoints(t *testing.T) {
	s := newTestServer(t)
	jake := register(t, s, "jake")
	register(t, s, "ann")
	runTable(t, s, []call{
		{"get 200", "GET", "/api/profiles/ann", "", "", "", 200},
		{"get unknown 404", "GET", "/api/profiles/nobody", "", "", "", 404},
		{"get bad token 401", "GET", "/api/profiles/ann", "bad", "", "", 401},
		{"follow no token 401", "POST", "/api/profiles/ann/follow", "", "", "", 401},
		{"follow unknown 404", "POST", "/api/profiles/nobody/follow", jake, "", "", 404},
		{"follow yourself 422", "POST", "/api/profiles/jake/follow", jake, "", "", 422},
		{"follow 200", "POST", "/api/profiles/ann/follow", jake, "", "", 200},
		{"unfollow no token 401", "DELETE", "/api/profiles/ann/follow", "", "", "", 401},
		{"unfollow unknown 404", "DELETE", "/api/profiles/nobody/follow", jake, "", "", 404},
		{"unfollow 200", "DELETE", "/api/profiles/ann/follow", jake, "", "", 200},
	})
	w := do(t, s, call{method: "POST", path: "/api/profiles/ann/follow", token: jake})
	if p := decodeJSON[profileResponse](t, w).Profile; !p.Following || p.Username != "ann" {
		t.Errorf("follow ann = %+v, want ann with following true", p)
	}
}

package main

import (
	"net/http"
	"testing"
)

func TestArticlesRoleAndOwnership(t *testing.T) {
	e := newTestEnv(t)
	e.signup(t, "ada@example.com", "author")
	e.signup(t, "bob@example.com", "author")
	e.signup(t, "rita@example.com", "reader")
	ada := bearer(e.login(t, "ada@example.com").AccessToken)
	bob := bearer(e.login(t, "bob@example.com").AccessToken)
	rita := bearer(e.login(t, "rita@example.com").AccessToken)
	if _, err := e.srv.users.create("root@example.com", "a long enough password", roleAdmin, testArgon2); err != nil {
		t.Fatal(err)
	}
	admin := bearer(e.login(t, "root@example.com").AccessToken)

	if w := e.do(t, "POST", "/articles", `{"title":"Hello","body":"first"}`, ada...); w.Code != http.StatusCreated || w.Header().Get("Location") != "/articles/1" {
		t.Fatalf("author creates = %d %s, want 201 at /articles/1", w.Code, w.Body)
	}
	for _, tc := range []struct {
		name, method, path, body string
		who                      []string
		status                   int
	}{
		{"reader reads", "GET", "/articles/1", "", rita, 200},
		{"reader cannot create", "POST", "/articles", `{"title":"x"}`, rita, 403},
		{"other author cannot update", "PUT", "/articles/1", `{"title":"mine now"}`, bob, 403},
		{"other author cannot delete", "DELETE", "/articles/1", "", bob, 403},
		{"owner updates", "PUT", "/articles/1", `{"title":"Hello again"}`, ada, 200},
		{"empty title", "PUT", "/articles/1", `{"title":"  "}`, ada, 422},
		{"bad id", "GET", "/articles/abc", "", rita, 400},
		{"negative id", "GET", "/articles/-1", "", rita, 400},
		{"missing", "GET", "/articles/99", "", rita, 404},
		{"no token", "GET", "/articles/1", "", nil, 401},
		{"admin deletes any", "DELETE", "/articles/1", "", admin, 204},
		{"gone after delete", "GET", "/articles/1", "", ada, 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(t, tc.method, tc.path, tc.body, tc.who...)
			if w.Code != tc.status {
				t.Errorf("%s %s = %d %s, want %d", tc.method, tc.path, w.Code, w.Body, tc.status)
			}
		})
	}
}

func TestPolicyTable(t *testing.T) {
	for _, tc := range []struct {
		role, user string
		act        action
		owner      string
		want       bool
	}{
		{roleReader, "u1", actRead, "u2", true},
		{roleReader, "u1", actUpdate, "u1", false},
		{roleAuthor, "u1", actUpdate, "u1", true},
		{roleAuthor, "u1", actUpdate, "u2", false},
		{roleAuthor, "", actDelete, "", false},
		{roleAdmin, "u9", actDelete, "u2", true},
		{"superuser", "u1", actRead, "u1", false},
		{roleAdmin, "u1", action("publish"), "u1", false},
	} {
		if got := can(tc.role, tc.user, tc.act, tc.owner); got != tc.want {
			t.Errorf("can(%q, %q, %q, %q) = %v, want %v", tc.role, tc.user, tc.act, tc.owner, got, tc.want)
		}
	}
}

package main

import (
	"net/http"
	"testing"
)

// TestWrongMethodIs405ProblemWithAllow is the house rule every chapter
// keeps: a method the resource does not serve gets 405, an Allow header
// listing the ones it does (ServeMux's own list, sorted), and a problem
// details body.
func TestWrongMethodIs405ProblemWithAllow(t *testing.T) {
	e := newTestEnv(t)
	w := e.do(t, "PATCH", "/articles/1", "")
	if got, want := w.Header().Get("Allow"), "DELETE, GET, HEAD, PUT"; got != want {
		t.Errorf("PATCH /articles/1 Allow = %q, want %q", got, want)
	}
	p := houseProblem(t, w.Code, w.Header(), w.Body.String(), http.StatusMethodNotAllowed, "/articles/1")
	if want := "PATCH is not allowed on /articles/1; allowed: DELETE, GET, HEAD, PUT"; p.Detail != want {
		t.Errorf("PATCH /articles/1 detail = %q, want %q", p.Detail, want)
	}
}

// TestUnknownPathIs404Problem: ServeMux's own 404, as a problem.
func TestUnknownPathIs404Problem(t *testing.T) {
	e := newTestEnv(t)
	w := e.do(t, "GET", "/nope", "")
	houseProblem(t, w.Code, w.Header(), w.Body.String(), http.StatusNotFound, "/nope")
}

// TestSignupReportsEveryField: a 422 lists each broken rule with a JSON
// Pointer to its field, not just the first.
func TestSignupReportsEveryField(t *testing.T) {
	e := newTestEnv(t)
	w := e.do(t, "POST", "/signup", `{"email":"nope","password":"short","role":"admin"}`)
	p := houseProblem(t, w.Code, w.Header(), w.Body.String(), http.StatusUnprocessableEntity, "/signup")
	var got []string
	for _, f := range p.Errors {
		got = append(got, f.Pointer)
	}
	if want := []string{"/email", "/password", "/role"}; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("signup errors point at %q, want %q", got, want)
	}
}

// TestCrossOriginRefusalIsProblem: CrossOriginProtection's refusal is a
// problem too, not its default plain text.
func TestCrossOriginRefusalIsProblem(t *testing.T) {
	e := newTestEnv(t)
	w := e.do(t, "POST", "/session/login", `{"email":"a@example.com","password":"whatever it is"}`, "Sec-Fetch-Site", "cross-site")
	houseProblem(t, w.Code, w.Header(), w.Body.String(), http.StatusForbidden, "/session/login")
}

package main

import (
	"crypto/subtle"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/mail"

	"workbook/serve/problem"
)

// csrfProtect guards a cookie-authenticated form in two layers:
//  1. http.CrossOriginProtection rejects a non-safe request a browser marks
//     cross-site (Sec-Fetch-Site) or whose Origin is not our Host;
//  2. the synchronizer token: the form must echo the session's CSRF token,
//     which a page on another origin cannot read.
//
// Layer 1 needs no state but trusts the browser's headers (an old browser
// or a non-browser client sends neither); layer 2 works without them.
func (a *app) csrfProtect(next http.Handler) http.Handler {
	a.cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.audit.event(r, evCSRFRejected, slog.String("reason", "cross-origin"))
		problem.Error(w, r, http.StatusForbidden, "cross-origin request refused")
	}))
	return a.cop.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, ok := a.sessions.fromRequest(r)
		if !ok {
			problem.Error(w, r, http.StatusUnauthorized, "log in first")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
		sent := r.PostFormValue("csrf_token")
		if subtle.ConstantTimeCompare([]byte(sent), []byte(sess.csrf)) != 1 {
			a.audit.event(r, evCSRFRejected, slog.String("reason", "token mismatch"), slog.String("user", sess.user))
			problem.Error(w, r, http.StatusForbidden, "missing or wrong CSRF token")
			return
		}
		next.ServeHTTP(w, r)
	}))
}

var accountPage = template.Must(template.New("account").Parse(`<!doctype html><title>account</title>
<p>{{.User}}: {{.Email}}</p>
<form method="post" action="/safe/email">
<input type="hidden" name="csrf_token" value="{{.CSRF}}">
<input name="email"><button>change email</button></form>
`))

// handleAccount shows the logged-in user's form with its CSRF token.
func (a *app) handleAccount(w http.ResponseWriter, r *http.Request) {
	sess, ok := a.sessions.fromRequest(r)
	if !ok {
		problem.Error(w, r, http.StatusUnauthorized, "log in first")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store") // the page holds a token
	data := struct{ User, Email, CSRF string }{sess.user, a.sessions.email(sess.user), sess.csrf}
	if err := accountPage.Execute(w, data); err != nil {
		a.audit.log.Error("render account", "err", err)
	}
}

// handleEmailUnsafe changes the email on the session cookie alone: any page
// on any site can make the browser POST here, and the cookie rides along.
func (a *app) handleEmailUnsafe(w http.ResponseWriter, r *http.Request) {
	sess, ok := a.sessions.fromRequest(r)
	if !ok {
		problem.Error(w, r, http.StatusUnauthorized, "log in first")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	a.changeEmail(w, r, sess)
}

// handleEmailSafe runs behind csrfProtect.
func (a *app) handleEmailSafe(w http.ResponseWriter, r *http.Request) {
	sess, _ := a.sessions.fromRequest(r) // csrfProtect has checked it
	a.changeEmail(w, r, sess)
}

func (a *app) changeEmail(w http.ResponseWriter, r *http.Request, sess session) {
	email := r.PostFormValue("email")
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email {
		p := problem.New(http.StatusUnprocessableEntity, "the form has invalid fields")
		p.Errors = []problem.FieldError{{Pointer: "/email", Detail: "email must be a bare address like ann@example.com"}}
		problem.Write(w, r, p)
		return
	}
	a.sessions.setEmail(sess.user, email)
	fmt.Fprintf(w, "email of %s is now %s\n", sess.user, email)
}

package main

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/mail"
	"slices"

	"workbook/serve/problem"
)

// server holds the handlers' dependencies.
type server struct {
	outbox        Outbox
	templates     *templates
	prefs         *preferences
	unsub         unsubscribeKeys
	webhookSecret []byte
	publicURL     string
	wake          func()
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /users", s.handleSignup)
	mux.HandleFunc("POST /password-resets", s.handlePasswordReset)
	mux.HandleFunc("POST /receipts", s.handleReceipt)
	mux.HandleFunc("POST /newsletters", s.handleNewsletter)
	mux.HandleFunc("GET /outbox", s.handleOutbox)
	mux.HandleFunc("GET /unsubscribe", s.handleUnsubscribePage)
	mux.HandleFunc("POST /unsubscribe", s.handleUnsubscribe)
	mux.HandleFunc("GET /preferences/{email}", s.handlePreferencesGet)
	mux.HandleFunc("PUT /preferences/{email}", s.handlePreferencesPut)
	mux.HandleFunc("POST /webhooks/bounces", s.handleBounceWebhook)
	return problem.Routes(mux)
}

// request is the body every sending endpoint takes; each uses some fields.
type request struct {
	UserID string `json:"userId"`
	Email  string `json:"email"`
	Name   string `json:"name"`
	Lang   string `json:"lang"`
	Order  string `json:"order"`
	Amount string `json:"amount"`
	Body   string `json:"body"`
}

func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "send Content-Type: application/json")
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			problem.Error(w, r, http.StatusRequestEntityTooLarge, "the body is larger than 64 KiB")
			return false
		}
		problem.Error(w, r, http.StatusBadRequest, "the body is not a valid JSON object of the documented fields")
		return false
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		problem.Error(w, r, http.StatusBadRequest, "the body must hold one JSON object")
		return false
	}
	return true
}

func writeFieldErrors(w http.ResponseWriter, r *http.Request, fields []problem.FieldError) {
	p := problem.New(http.StatusUnprocessableEntity, "the request has invalid fields")
	p.Errors = fields
	problem.Write(w, r, p)
}

// validate checks the fields named in need (plus email and lang always).
func validate(req request, need ...string) []problem.FieldError {
	var fields []problem.FieldError
	if a, err := mail.ParseAddress(req.Email); err != nil || a.Address != req.Email {
		fields = append(fields, problem.FieldError{Pointer: "/email", Detail: "must be a plain email address such as ada@example.com"})
	}
	if req.Lang != "" && req.Lang != "en" && req.Lang != "de" {
		fields = append(fields, problem.FieldError{Pointer: "/lang", Detail: `must be "en" or "de" (or left out for en)`})
	}
	values := map[string]string{"userId": req.UserID, "name": req.Name, "order": req.Order, "amount": req.Amount, "body": req.Body}
	for _, f := range need {
		if v := values[f]; v == "" || len(v) > 200 {
			fields = append(fields, problem.FieldError{Pointer: "/" + f, Detail: "is required, at most 200 characters"})
		}
	}
	return fields
}

// enqueue writes one email to the outbox under key and answers 202 (new)
// or 200 (the same key was enqueued before: nothing new is sent).
func (s *server) enqueue(w http.ResponseWriter, r *http.Request, req request, kindName, key string, data map[string]string) {
	lang := req.Lang
	if lang == "" {
		lang = defaultLang
	}
	data["Name"] = req.Name
	k := kinds[kindName]
	e, created := s.outbox.Enqueue(Email{Key: key, Kind: kindName, To: req.Email, Lang: lang,
		Version: s.templates.latest[kindName], Data: data, Priority: k.priority})
	status := http.StatusOK
	if created {
		status = http.StatusAccepted
		s.wake()
	}
	writeJSON(w, status, e)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

func (s *server) handleSignup(w http.ResponseWriter, r *http.Request) {
	var req request
	if !decode(w, r, &req) {
		return
	}
	if f := validate(req, "userId", "name"); len(f) > 0 {
		writeFieldErrors(w, r, f)
		return
	}
	// One welcome per user: the key is (user, kind), so a repeated signup
	// request or a client retry finds the existing row.
	s.enqueue(w, r, req, "welcome", "welcome:"+req.UserID, map[string]string{"Link": s.publicURL + "/start"})
}

func (s *server) handlePasswordReset(w http.ResponseWriter, r *http.Request) {
	var req request
	if !decode(w, r, &req) {
		return
	}
	if f := validate(req, "name"); len(f) > 0 {
		writeFieldErrors(w, r, f)
		return
	}
	// Every reset request is its own email (a new link each time).
	tok := rand.Text()
	s.enqueue(w, r, req, "password-reset", "password-reset:"+tok, map[string]string{"Link": s.publicURL + "/reset?token=" + tok})
}

func (s *server) handleReceipt(w http.ResponseWriter, r *http.Request) {
	var req request
	if !decode(w, r, &req) {
		return
	}
	if f := validate(req, "name", "order", "amount"); len(f) > 0 {
		writeFieldErrors(w, r, f)
		return
	}
	s.enqueue(w, r, req, "receipt", "receipt:"+req.Order, map[string]string{"Order": req.Order, "Amount": req.Amount})
}

func (s *server) handleNewsletter(w http.ResponseWriter, r *http.Request) {
	var req request
	if !decode(w, r, &req) {
		return
	}
	if f := validate(req, "name", "body"); len(f) > 0 {
		writeFieldErrors(w, r, f)
		return
	}
	s.enqueue(w, r, req, "newsletter", fmt.Sprintf("newsletter:%s:%d", req.Email, len(s.outbox.List())), map[string]string{"Body": req.Body})
}

func (s *server) handleOutbox(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.outbox.List())
}

var unsubscribePage = template.Must(template.New("u").Parse(`<!doctype html>
<form method="post" action="/unsubscribe?token={{.}}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button>Unsubscribe</button></form>
`))

// handleUnsubscribePage answers the link in the mail's body: a GET must not
// unsubscribe (mail scanners follow links), so it shows a button that POSTs.
func (s *server) handleUnsubscribePage(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if _, _, err := s.unsub.Verify(token); err != nil {
		problem.Error(w, r, http.StatusBadRequest, err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = unsubscribePage.Execute(w, token)
}

// handleUnsubscribe is the RFC 8058 one-click endpoint: the mail client
// POSTs "List-Unsubscribe=One-Click" to the List-Unsubscribe URL, with no
// cookie and no confirmation page, so the signed token is the only proof.
func (s *server) handleUnsubscribe(w http.ResponseWriter, r *http.Request) {
	addr, category, err := s.unsub.Verify(r.URL.Query().Get("token"))
	if err != nil {
		problem.Error(w, r, http.StatusBadRequest, err.Error())
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil || r.PostForm.Get("List-Unsubscribe") != "One-Click" {
		problem.Error(w, r, http.StatusBadRequest, `the form body must be "List-Unsubscribe=One-Click"`)
		return
	}
	s.prefs.Set(addr, category, false)
	writeJSON(w, http.StatusOK, map[string]any{"email": addr, "unsubscribed": category})
}

func (s *server) handlePreferencesGet(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.prefs.Get(r.PathValue("email")))
}

// handlePreferencesPut takes {"newsletter": false, …}. A real service
// would authenticate this (a session, or a signed link as above).
func (s *server) handlePreferencesPut(w http.ResponseWriter, r *http.Request) {
	var body map[string]bool
	if !decode(w, r, &body) {
		return
	}
	var fields []problem.FieldError
	for c := range body {
		if !slices.Contains(marketingCategories, c) {
			fields = append(fields, problem.FieldError{Pointer: "/" + c, Detail: fmt.Sprintf("is not a category you can change; categories are %v", marketingCategories)})
		}
	}
	if len(fields) > 0 {
		writeFieldErrors(w, r, fields)
		return
	}
	for c, on := range body {
		s.prefs.Set(r.PathValue("email"), c, on)
	}
	writeJSON(w, http.StatusOK, s.prefs.Get(r.PathValue("email")))
}

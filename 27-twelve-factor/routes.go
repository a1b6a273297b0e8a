package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"workbook/serve/problem"
)

// maxBody bounds every request body.
const maxBody = 16 << 10

// app is what the handlers share: attached resources and settings, no
// request state of its own (factor VI).
type app struct {
	store      Store
	sessions   SessionStore
	sessionTTL time.Duration
	logger     *slog.Logger
	now        func() time.Time
}

// routes is the notes API.
func routes(a *app) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", a.handleHealth)
	mux.HandleFunc("POST /users", a.handleSignup)
	mux.HandleFunc("POST /sessions", a.handleLogin)
	mux.HandleFunc("GET /notes", a.authed(a.handleListNotes))
	mux.HandleFunc("POST /notes", a.authed(a.handleAddNote))
	return logRequests(a.logger, problem.Routes(mux))
}

func (a *app) handleHealth(w http.ResponseWriter, r *http.Request) {
	if err := a.store.Ping(r.Context()); err != nil {
		a.logger.Error("health: store ping", "err", err)
		problem.Error(w, r, http.StatusServiceUnavailable, "the store does not answer")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

type credentials struct {
	Name     string `json:"name"`
	Password string `json:"password"`
}

var namePattern = regexp.MustCompile(`^[a-z0-9_-]{3,32}$`)

func (c credentials) problems() []problem.FieldError {
	var fe []problem.FieldError
	if !namePattern.MatchString(c.Name) {
		fe = append(fe, problem.FieldError{Pointer: "/name", Detail: "3 to 32 lowercase letters, digits, '_' or '-'"})
	}
	if n := utf8.RuneCountInString(c.Password); n < 8 || n > 128 {
		fe = append(fe, problem.FieldError{Pointer: "/password", Detail: "8 to 128 characters"})
	}
	return fe
}

func (a *app) handleSignup(w http.ResponseWriter, r *http.Request) {
	var c credentials
	if !decode(w, r, &c) {
		return
	}
	if fe := c.problems(); fe != nil {
		unprocessable(w, r, fe)
		return
	}
	if err := createUser(r.Context(), a.store, c.Name, c.Password); err != nil {
		if errors.Is(err, errExists) {
			problem.Error(w, r, http.StatusConflict, "the name "+c.Name+" is taken")
			return
		}
		a.fail(w, r, "create user", err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"name": c.Name})
}

// createUser is shared by POST /users and the create-user admin command,
// so that both enforce the same hashing.
func createUser(ctx context.Context, s Store, name, password string) error {
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	return s.CreateUser(ctx, name, hash)
}

func (a *app) handleLogin(w http.ResponseWriter, r *http.Request) {
	var c credentials
	if !decode(w, r, &c) {
		return
	}
	hash, err := a.store.PasswordHash(r.Context(), c.Name)
	if err != nil && !errors.Is(err, errNotFound) {
		a.fail(w, r, "login", err)
		return
	}
	if err != nil || !checkPassword(hash, c.Password) {
		problem.Error(w, r, http.StatusUnauthorized, "wrong name or password")
		return
	}
	token, tokenHash := newToken()
	expires := a.now().Add(a.sessionTTL).UTC().Truncate(time.Second)
	if err := a.sessions.Create(r.Context(), tokenHash, c.Name, expires); err != nil {
		a.fail(w, r, "create session", err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"token": token, "expires_at": expires})
}

type userKey struct{}

// authed resolves the bearer token through the session store, whichever
// instance created it.
func (a *app) authed(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			w.Header().Set("WWW-Authenticate", "Bearer")
			problem.Error(w, r, http.StatusUnauthorized, "send Authorization: Bearer <token> from POST /sessions")
			return
		}
		user, err := a.sessions.Lookup(r.Context(), hashToken(token), a.now())
		if errors.Is(err, errNotFound) {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			problem.Error(w, r, http.StatusUnauthorized, "the token is unknown or expired; log in again")
			return
		}
		if err != nil {
			a.fail(w, r, "session lookup", err)
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), userKey{}, user)))
	}
}

func (a *app) handleListNotes(w http.ResponseWriter, r *http.Request) {
	notes, err := a.store.Notes(r.Context(), r.Context().Value(userKey{}).(string), 100)
	if err != nil {
		a.fail(w, r, "list notes", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"notes": notes})
}

func (a *app) handleAddNote(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Body string `json:"body"`
	}
	if !decode(w, r, &in) {
		return
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(in.Body)); n < 1 || n > 1000 {
		unprocessable(w, r, []problem.FieldError{{Pointer: "/body", Detail: "1 to 1000 characters, not only spaces"}})
		return
	}
	note, err := a.store.AddNote(r.Context(), r.Context().Value(userKey{}).(string), in.Body)
	if err != nil {
		a.fail(w, r, "add note", err)
		return
	}
	writeJSON(w, http.StatusCreated, note)
}

// fail logs a backing service's error and answers without its text.
func (a *app) fail(w http.ResponseWriter, r *http.Request, what string, err error) {
	a.logger.Error(what, "err", err, "path", r.URL.Path)
	problem.Error(w, r, http.StatusServiceUnavailable, "a backing service failed; try again")
}

// decode reads one JSON object of at most maxBody bytes into v, answering
// 415, 413 or 400 itself when it cannot.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "send Content-Type: application/json")
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON value")
	}
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		problem.Error(w, r, http.StatusRequestEntityTooLarge, "the body is larger than 16 KiB")
		return false
	}
	if err != nil {
		problem.Error(w, r, http.StatusBadRequest, "the body is not the expected JSON object")
		return false
	}
	return true
}

func unprocessable(w http.ResponseWriter, r *http.Request, fe []problem.FieldError) {
	p := problem.New(http.StatusUnprocessableEntity, "the request has invalid fields")
	p.Errors = fe
	problem.Write(w, r, p)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// logRequests writes one event per request to the process's log stream
// (factor XI): the app never opens, names or rotates a log file.
func logRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		logger.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration_ms", float64(time.Since(start).Microseconds())/1000)
	})
}

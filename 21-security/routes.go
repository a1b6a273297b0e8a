package main

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"workbook/serve/problem"
)

// app is what the handlers share.
type app struct {
	db       *pgxpool.Pool // nil: SQL and login routes answer 503
	audit    *audit
	comments *commentStore
	sessions *sessionStore

	fetchUnsafe *http.Client // follows any URL anywhere: the SSRF
	fetchSafe   *http.Client // refuses internal destinations after DNS, on every hop

	bcryptCost int
	lockout    lockoutPolicy
	cop        *http.CrossOriginProtection
}

func newApp(logger *slog.Logger) *app {
	a := &app{
		audit:       &audit{log: logger},
		comments:    &commentStore{},
		sessions:    newSessionStore(time.Now),
		fetchUnsafe: &http.Client{Timeout: 5 * time.Second},
		bcryptCost:  10,
		lockout:     defaultLockout,
		cop:         http.NewCrossOriginProtection(),
	}
	a.fetchSafe = newSafeClient(a.audit, nil)
	return a
}

// routes is the handler tree: every response gets the security headers;
// /vuln/ routes are the attacks' targets, /safe/ routes their fixes.
func (a *app) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })

	// Input security: SQL injection.
	mux.HandleFunc("GET /vuln/notes", a.needDB(a.handleNotesUnsafe))
	mux.HandleFunc("GET /safe/notes", a.needDB(a.handleNotesSafe))

	// Input security: stored XSS.
	mux.HandleFunc("POST /comments", a.handleAddComment)
	mux.HandleFunc("GET /vuln/comments", a.handleCommentsUnsafe)
	mux.HandleFunc("GET /safe/comments", a.handleCommentsSafe)

	// SSRF.
	mux.HandleFunc("GET /vuln/fetch", a.handleFetch(a.fetchUnsafe))
	mux.HandleFunc("GET /safe/fetch", a.handleFetch(a.fetchSafe))

	// Authentication security and CSRF.
	mux.HandleFunc("POST /login", a.needDB(a.handleLogin))
	mux.HandleFunc("GET /account", a.handleAccount)
	mux.HandleFunc("POST /vuln/email", a.handleEmailUnsafe)
	mux.Handle("POST /safe/email", a.csrfProtect(http.HandlerFunc(a.handleEmailSafe)))

	return securityHeaders(problem.Routes(mux))
}

// needDB answers 503 when the server was started without a database.
func (a *app) needDB(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if a.db == nil {
			problem.Error(w, r, http.StatusServiceUnavailable, "this route needs PostgreSQL: start the server with DATABASE_URL")
			return
		}
		h(w, r)
	}
}

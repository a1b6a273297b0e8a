package main

import (
	"embed"
	"encoding/json"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/gorilla/websocket"

	"workbook/serve/problem"
)

//go:embed static
var static embed.FS

// apiOptions are the limits of the HTTP side.
type apiOptions struct {
	Transports     []string      // enabled: websocket, sse, poll
	AllowedOrigins []string      // browser origins allowed to open a WebSocket; empty: same origin only
	PingInterval   time.Duration // WebSocket ping (and SSE comment) period
	WriteWait      time.Duration // how long one write to a client may take
	MaxText        int           // longest chat message, in bytes
	PollTimeout    time.Duration // longest a long poll waits
}

// api is the chat's HTTP face: the handlers of every transport.
type api struct {
	hub      *Hub
	tokens   *tokens
	limits   *sendLimits
	metrics  *metrics
	logger   *slog.Logger
	opts     apiOptions
	upgrader websocket.Upgrader
}

func newAPI(hub *Hub, tok *tokens, limits *sendLimits, m *metrics, logger *slog.Logger, opts apiOptions) *api {
	a := &api{hub: hub, tokens: tok, limits: limits, metrics: m, logger: logger, opts: opts}
	a.upgrader = websocket.Upgrader{
		ReadBufferSize:  1024,
		WriteBufferSize: 1024,
		// A browser sends its page's origin on every WebSocket handshake and
		// does not apply CORS to it: refusing other origins is the server's job.
		CheckOrigin: a.originAllowed,
		// Handshake failures (a plain GET, a refused origin) get problem
		// bodies too, written for the client rather than gorilla's reason.
		Error: func(w http.ResponseWriter, r *http.Request, status int, _ error) {
			detail := "this is a WebSocket endpoint: send a handshake (Connection: Upgrade, Upgrade: websocket, Sec-WebSocket-Version: 13)"
			if status == http.StatusForbidden {
				detail = "origin " + r.Header.Get("Origin") + " may not open a WebSocket here"
			}
			w.Header().Set("Sec-WebSocket-Version", "13") // RFC 6455 §4.4
			problem.Error(w, r, status, detail)
		},
	}
	return a
}

// routes lists every route. Transports not enabled are not routed (404),
// which is what a client sees behind a proxy that blocks them.
func routes(a *api) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", handlePage)
	mux.Handle("GET /static/", http.FileServerFS(static))
	mux.HandleFunc("POST /token", a.handleToken)
	mux.HandleFunc("POST /rooms/{room}/messages", a.handleSend)
	mux.HandleFunc("GET /rooms/{room}/presence", a.handlePresence)
	for _, t := range a.opts.Transports {
		switch t {
		case "websocket":
			mux.HandleFunc("GET /rooms/{room}/ws", a.handleWebSocket)
		case "sse":
			mux.HandleFunc("GET /rooms/{room}/events", a.handleEvents)
		case "poll":
			mux.HandleFunc("GET /rooms/{room}/poll", a.handlePoll)
		}
	}
	mux.Handle("GET /metrics", a.metrics.handler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	return tokenOutOfURL(problem.Routes(mux))
}

// tokenOutOfURL moves an access_token query parameter into the
// Authorization header and out of the URL, before anything else sees the
// request: a URL is copied into logs, problem bodies (instance) and
// browser history, a header is not. Browsers' WebSocket and EventSource
// cannot set headers, so for them the query is the only way in (RFC 6750
// §2.3 names the parameter, and warns about exactly this).
func tokenOutOfURL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if tok := q.Get("access_token"); tok != "" {
			if r.Header.Get("Authorization") == "" {
				r.Header.Set("Authorization", "Bearer "+tok)
			}
			q.Del("access_token")
			r.URL.RawQuery = q.Encode()
			r.RequestURI = r.URL.RequestURI()
		}
		next.ServeHTTP(w, r)
	})
}

// handlePage serves the chat page. Its script is a separate file so the
// Content-Security-Policy can forbid inline scripts.
func handlePage(w http.ResponseWriter, r *http.Request) {
	page, _ := static.ReadFile("static/index.html")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'")
	w.Write(page)
}

// handleToken issues a token for {"name": "..."}. There is no password:
// this stands for a login (chapter 04) so that the chat can check a token.
func (a *api) handleToken(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name string `json:"name"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if !userName.MatchString(body.Name) {
		problem.Write(w, r, &problem.Problem{Status: http.StatusUnprocessableEntity, Detail: "the name is invalid",
			Errors: []problem.FieldError{{Pointer: "/name", Detail: "must be 1 to 32 of A-Z, a-z, 0-9, _ and -"}}})
		return
	}
	tok, exp := a.tokens.issue(body.Name)
	writeJSON(w, http.StatusOK, map[string]any{"token": tok, "name": body.Name, "expires_at": exp.UTC()})
}

// authenticate returns the user of the request's bearer token (from the
// Authorization header; tokenOutOfURL put a query token there). It answers
// 401 itself when there is none or it is invalid.
func (a *api) authenticate(w http.ResponseWriter, r *http.Request) (string, bool) {
	var tok string
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, rest, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			unauthorized(w, r, "the Authorization scheme must be Bearer")
			return "", false
		}
		tok = rest
	}
	if tok == "" {
		unauthorized(w, r, "a bearer token is required: POST /token, then send it as Authorization: Bearer or ?access_token=")
		return "", false
	}
	user, err := a.tokens.verify(tok)
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="25-realtime", error="invalid_token"`)
		problem.Error(w, r, http.StatusUnauthorized, err.Error())
		return "", false
	}
	return user, true
}

func unauthorized(w http.ResponseWriter, r *http.Request, detail string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="25-realtime"`)
	problem.Error(w, r, http.StatusUnauthorized, detail)
}

// enter authenticates a request to a room and reads the room's name,
// answering 401 or 400 itself when it cannot.
func (a *api) enter(w http.ResponseWriter, r *http.Request) (user, room string, ok bool) {
	if user, ok = a.authenticate(w, r); !ok {
		return "", "", false
	}
	if room, ok = roomOf(w, r); !ok {
		return "", "", false
	}
	return user, room, true
}

var roomName = regexp.MustCompile(`^[a-z0-9-]{1,32}$`)

// roomOf returns the request's room, answering 400 for a name that cannot be one.
func roomOf(w http.ResponseWriter, r *http.Request) (string, bool) {
	name := r.PathValue("room")
	if !roomName.MatchString(name) {
		problem.Error(w, r, http.StatusBadRequest, "a room name is 1 to 32 of a-z, 0-9 and -")
		return "", false
	}
	return name, true
}

// resumeOf reads where a client resumes from: the Last-Event-ID header
// (EventSource sends it when it reconnects), else the last_event_id query
// parameter (a page switching transports). Neither: a new client.
func resumeOf(w http.ResponseWriter, r *http.Request) (resume, bool) {
	id := r.Header.Get("Last-Event-ID")
	if id == "" {
		id = r.URL.Query().Get("last_event_id")
	}
	if id == "" {
		return resume{}, true
	}
	inst, seq, err := parseEventID(id)
	if err != nil {
		problem.Error(w, r, http.StatusBadRequest, "Last-Event-ID "+err.Error())
		return resume{}, false
	}
	return resume{given: true, instance: inst, seq: seq}, true
}

// originAllowed is the WebSocket origin check: no Origin header (not a
// browser) passes; otherwise the origin must be in the allow-list, or, with
// no list, be this server's own.
func (a *api) originAllowed(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	if len(a.opts.AllowedOrigins) == 0 {
		return strings.EqualFold(origin, "http://"+r.Host) || strings.EqualFold(origin, "https://"+r.Host)
	}
	for _, o := range a.opts.AllowedOrigins {
		if strings.EqualFold(origin, o) {
			return true
		}
	}
	return false
}

// roomProblem answers an error from the hub.
func roomProblem(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, errTooManyRooms) {
		problem.Error(w, r, http.StatusServiceUnavailable, "this instance keeps no more rooms")
		return
	}
	problem.Error(w, r, http.StatusServiceUnavailable, "the message broker is unavailable")
}

// decodeJSON reads a small JSON body into v, answering 415, 413 or 400 itself.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "send Content-Type: application/json")
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			problem.Error(w, r, http.StatusRequestEntityTooLarge, "the body is over 8 KiB")
			return false
		}
		problem.Error(w, r, http.StatusBadRequest, "the body is not the expected JSON object")
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

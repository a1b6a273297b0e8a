package httpapi

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"
)

const notificationsPrefix = "/api/notifications/"

func (s *Server) registerRealtimeRoutes(r *mux.Router) {
	if s.realtime.Error == nil {
		s.realtime.Error = streamError
	}
	r.HandleFunc(notificationsPrefix+"ws", s.handleNotificationsWebSocket).Methods(http.MethodGet)
	r.HandleFunc(notificationsPrefix+"stream", s.handleNotificationsStream).Methods(http.MethodGet)
}

// handleNotificationsWebSocket godoc
//
//	@Summary		Notifications over WebSocket
//	@Description	Upgrades to a WebSocket that carries the signed-in user's notifications as JSON text messages: a new comment on one of your articles (type "comment"), a new follower ("follower"), a new article by someone you follow ("article"). Each has an id that is stable for the event, so a client drops a repeat. The server pings every 25 s; a client whose queue of unsent notifications fills up is closed with code 1008, and all are closed with 1001 when the server shuts down. Browsers, which cannot set headers on a WebSocket, pass the token as ?token=. Not part of the RealWorld spec.
//	@Tags			Notifications
//	@Param			token	query	string	false	"The JWT, when the Authorization header cannot be sent"
//	@Success		101		"Switching Protocols: notifications follow as WebSocket messages"
//	@Failure		400		{object}	errorResponse	"not a WebSocket upgrade"
//	@Failure		401		{object}	errorResponse	"no valid token"
//	@Failure		403		{object}	errorResponse	"origin not allowed"
//	@Failure		429		{object}	errorResponse	"too many connections for this user"
//	@Failure		503		{object}	errorResponse	"shutting down"
//	@Security		Token
//	@Router			/notifications/ws [get]
func (s *Server) handleNotificationsWebSocket(w http.ResponseWriter, r *http.Request) {
	s.streamUser(s.realtime.ServeWebSocket)(w, r)
}

// handleNotificationsStream godoc
//
//	@Summary		Notifications as Server-Sent Events
//	@Description	A text/event-stream of the signed-in user's notifications: each event has the notification's id, its type as the event name (comment, follower, article) and its JSON as data. A comment line every 25 s keeps proxies from closing the stream; "event: close" with a reason ends it (too slow, or the server shutting down). Live only: a reconnecting client gets what happens next, not what it missed. Not part of the RealWorld spec.
//	@Tags			Notifications
//	@Produce		text/event-stream
//	@Param			token	query	string	false	"The JWT, when the Authorization header cannot be sent (EventSource)"
//	@Success		200		{string}	string			"the event stream"
//	@Failure		401		{object}	errorResponse	"no valid token"
//	@Failure		429		{object}	errorResponse	"too many connections for this user"
//	@Failure		503		{object}	errorResponse	"shutting down"
//	@Security		Token
//	@Router			/notifications/stream [get]
func (s *Server) handleNotificationsStream(w http.ResponseWriter, r *http.Request) {
	s.streamUser(s.realtime.ServeSSE)(w, r)
}

// isStream reports whether r asks for a notification stream, which lives
// for as long as the client stays and so has no request deadline.
func isStream(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, notificationsPrefix) }

// streamUser authenticates a stream by the Authorization header, as every
// other route, or by a `token` query parameter: a browser's WebSocket and
// EventSource cannot set headers. The access log records the path only,
// never the query, so the token is not written down.
func (s *Server) streamUser(serve func(http.ResponseWriter, *http.Request, int64)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if viewer(r) == 0 {
			token := r.URL.Query().Get("token")
			if token == "" {
				writeErrors(w, http.StatusUnauthorized, "sign in: send Authorization: Token <jwt>, or ?token=<jwt> from a browser")
				return
			}
			var ok bool
			if r, ok = s.withTokenUser(w, r, token); !ok {
				return
			}
		}
		serve(w, r, viewer(r))
	}
}

// streamError writes an error before a stream starts, in the API's shape.
func streamError(w http.ResponseWriter, _ *http.Request, status int, msg string) {
	writeErrors(w, status, msg)
}

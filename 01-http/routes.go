package main

import (
	"fmt"
	"log/slog"
	"net/http"

	"workbook/serve/problem"
)

// routes lists every endpoint of the inspector in one place.
//
// Each resource names the methods it serves; handle derives the rest:
// HEAD from GET, an OPTIONS answer, and 405/501 for everything else.
func routes(maxBody int64, conns *connTracker, logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()

	echo := handleEcho(maxBody, logger)
	echoMethods := methods{
		http.MethodGet:    echo,
		http.MethodPost:   echo,
		http.MethodPut:    echo,
		http.MethodPatch:  echo,
		http.MethodDelete: echo,
	}

	handle(mux, "/{$}", methods{http.MethodGet: handleIndex})
	handle(mux, "/echo", echoMethods)
	handle(mux, "/echo/", echoMethods) // any path below /echo/ is echoed too
	handle(mux, "/status/{code}", methods{http.MethodGet: handleStatus})
	handle(mux, "/stream", methods{http.MethodGet: handleStream})
	handle(mux, "/conn", methods{http.MethodGet: conns.handleConn})

	// No catch-all "/": a path no pattern matches is the mux's own 404, and
	// problem.Routes writes it (and any 405 of the mux's) as a problem.
	return problem.Routes(mux)
}

// index is the body of GET /.
const index = `HTTP inspector: endpoints

  GET|POST|PUT|PATCH|DELETE /echo[/any/path]  echo the request as the server received it
  GET /status/{code}                         answer with any status code from 100 to 599
  GET /stream?n=5&interval=500ms             stream n lines as a chunked response
  GET /conn                                  which protocol and connection this request used

Every endpoint answers HEAD (headers only) and OPTIONS (the Allow header).
`

// handleIndex lists the endpoints.
func handleIndex(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprint(w, index)
}

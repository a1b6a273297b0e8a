package main

import (
	"fmt"
	"net/http"
)

// routes lists every endpoint of the inspector in one place.
//
// Each resource names the methods it serves; handle derives the rest:
// HEAD from GET, an OPTIONS answer, and 405/501 for everything else.
func routes(maxBody int64, conns *connTracker) http.Handler {
	mux := http.NewServeMux()

	echo := handleEcho(maxBody)
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

	// Anything else is a 404 that says where to look.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, fmt.Sprintf("no endpoint at %s; GET / lists them", r.URL.Path), http.StatusNotFound)
	})
	return mux
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

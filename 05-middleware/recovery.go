package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/felixge/httpsnoop"

	"workbook/serve/problem"
)

// recovery turns a panic into a 500 problem response and a log line with
// the stack. The client learns nothing of the panic (stacks leak paths,
// versions and sometimes data); the log has everything, under the same
// request ID as the response's requestId member.
//
// http.ErrAbortHandler is re-panicked: it is how a handler deliberately
// aborts a response, and net/http handles it quietly. If the handler had
// already started the response, a 500 can no longer be sent; the
// connection is aborted instead, so the client sees a broken response
// rather than a truncated one that looks complete.
//
// Noticing "started" needs a wrapped writer; httpsnoop provides it here
// (exercise 3 builds it by hand).
func recovery(logger *slog.Logger) middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			started := false
			ww := httpsnoop.Wrap(w, httpsnoop.Hooks{
				WriteHeader: func(next httpsnoop.WriteHeaderFunc) httpsnoop.WriteHeaderFunc {
					return func(code int) { started = started || code >= 200; next(code) }
				},
				Write: func(next httpsnoop.WriteFunc) httpsnoop.WriteFunc {
					return func(p []byte) (int, error) { started = true; return next(p) }
				},
				WriteString: func(next httpsnoop.WriteStringFunc) httpsnoop.WriteStringFunc {
					return func(s string) (int, error) { started = true; return next(s) }
				},
				ReadFrom: func(next httpsnoop.ReadFromFunc) httpsnoop.ReadFromFunc {
					return func(src io.Reader) (int64, error) { started = true; return next(src) }
				},
				// http.ResponseController.Flush calls FlushError when the
				// writer has it, Flush otherwise: hook both.
				Flush: func(next httpsnoop.FlushFunc) httpsnoop.FlushFunc {
					return func() { started = true; next() }
				},
				FlushError: func(next httpsnoop.FlushErrorFunc) httpsnoop.FlushErrorFunc {
					return func() error { started = true; return next() }
				},
			})
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(v)
				}
				logger.LogAttrs(r.Context(), slog.LevelError, "panic",
					slog.String("panic", fmt.Sprint(v)),
					slog.String("stack", string(debug.Stack())),
					slog.String("request_id", requestIDFrom(r.Context())),
				)
				if started {
					panic(http.ErrAbortHandler)
				}
				// Drop headers that described the body the handler never finished.
				for _, h := range []string{"Content-Length", "Content-Encoding", "Content-Disposition", "Etag", "Last-Modified"} {
					w.Header().Del(h)
				}
				problem.Error(w, r, http.StatusInternalServerError, "the server hit an unexpected error; it has been logged under this request's ID")
			}()
			next.ServeHTTP(ww, r)
		})
	}
}

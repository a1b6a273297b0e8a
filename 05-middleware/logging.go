package main

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/felixge/httpsnoop"
)

// logging writes one structured line per request once it has finished:
// method, path, status, bytes, duration and request ID. It sits inside
// requestID (so the ID exists) and outside recovery (so it logs the 500
// that recovery wrote, not a status the handler never sent).
//
// http.ResponseWriter has no getter for the status or the size, so the
// writer is wrapped — by httpsnoop, which keeps every optional interface
// of the writer inside (http.Flusher, http.Hijacker, io.ReaderFrom, and
// Unwrap for http.ResponseController). Exercise 2 builds such a wrapper
// by hand.
func logging(logger *slog.Logger) middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			status, bytes := 0, int64(0)
			ww := httpsnoop.Wrap(w, httpsnoop.Hooks{
				WriteHeader: func(next httpsnoop.WriteHeaderFunc) httpsnoop.WriteHeaderFunc {
					return func(code int) {
						if status == 0 && code >= 200 { // 1xx (103 Early Hints) is not the final status
							status = code
						}
						next(code)
					}
				},
				Write: func(next httpsnoop.WriteFunc) httpsnoop.WriteFunc {
					return func(p []byte) (int, error) {
						n, err := next(p)
						bytes += int64(n)
						return n, err
					}
				},
				WriteString: func(next httpsnoop.WriteStringFunc) httpsnoop.WriteStringFunc {
					return func(str string) (int, error) {
						n, err := next(str)
						bytes += int64(n)
						return n, err
					}
				},
				ReadFrom: func(next httpsnoop.ReadFromFunc) httpsnoop.ReadFromFunc {
					return func(src io.Reader) (int64, error) {
						n, err := next(src)
						bytes += n
						return n, err
					}
				},
				Hijack: func(next httpsnoop.HijackFunc) httpsnoop.HijackFunc {
					return func() (net.Conn, *bufio.ReadWriter, error) {
						conn, rw, err := next()
						if err == nil {
							status = http.StatusSwitchingProtocols // the connection left HTTP; log it as such
						}
						return conn, rw, err
					}
				},
			})
			next.ServeHTTP(ww, r)
			if status == 0 {
				status = http.StatusOK // what net/http sends when a handler writes nothing
			}
			logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", status),
				slog.Int64("bytes", bytes),
				slog.Duration("duration", time.Since(start)),
				slog.String("request_id", requestIDFrom(r.Context())),
				slog.Any("trace", traceFrom(r.Context()).snapshot()),
			)
		})
	}
}

//go:build solution

package keepalive

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
)

// ServeConn answers the requests that arrive on conn, one after another,
// until the connection has to end; then it closes conn and reports how many
// requests it answered and why it stopped.
func ServeConn(conn net.Conn, h Handler, opts Options) (served int, why CloseReason) {
	defer conn.Close()
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = 5 * time.Second
	}
	if opts.MaxDrainBytes <= 0 {
		opts.MaxDrainBytes = 64 << 10
	}
	// One reader for the connection's whole life: it may already hold the
	// start of the next (pipelined) request.
	br := bufio.NewReader(conn)
	bw := bufio.NewWriter(conn)
	for {
		conn.SetReadDeadline(time.Now().Add(opts.IdleTimeout))
		req, err := http.ReadRequest(br)
		if err != nil {
			var ne net.Error
			switch {
			case errors.Is(err, io.EOF):
				return served, ClientClosed
			case errors.As(err, &ne) && ne.Timeout():
				return served, IdleTimeout
			}
			writeReply(bw, "GET", Reply{Status: http.StatusBadRequest, Body: "malformed request: " + err.Error() + "\n"}, closeConn)
			return served, BadRequest
		}

		reply := h(req)

		// Decide before writing: the response must say whether the
		// connection stays open.
		why = 0
		switch {
		case req.ProtoMajor == 1 && req.ProtoMinor == 0 && !hasToken(req.Header, "keep-alive"):
			why = HTTP10
		case hasToken(req.Header, "close"):
			why = ClientAsked
		}
		// Whatever body the handler did not read is still in the connection,
		// in front of the next request. Read it away, if it is small enough.
		if n, _ := io.CopyN(io.Discard, req.Body, opts.MaxDrainBytes+1); n > opts.MaxDrainBytes && why == 0 {
			why = UndrainedBody
		}
		req.Body.Close()

		mode := keepOpen
		switch {
		case why != 0:
			mode = closeConn
		case req.ProtoMinor == 0:
			mode = keepOpen10
		}
		err = writeReply(bw, req.Method, reply, mode)
		served++
		if err != nil {
			return served, ClientClosed
		}
		if why != 0 {
			return served, why
		}
	}
}

// connMode is what the response's Connection field says.
type connMode int

const (
	keepOpen   connMode = iota // HTTP/1.1: persistent by default, nothing to say
	keepOpen10                 // HTTP/1.0 client that asked for keep-alive: confirm it
	closeConn                  // "Connection: close": this is the last response
)

// writeReply writes r with Content-Length framing (no body for HEAD, 204 and 304).
func writeReply(bw *bufio.Writer, method string, r Reply, mode connMode) error {
	h := r.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	noBody := r.Status == http.StatusNoContent || r.Status == http.StatusNotModified
	if !noBody {
		h.Set("Content-Length", fmt.Sprint(len(r.Body)))
	}
	switch mode {
	case keepOpen10:
		h.Set("Connection", "keep-alive")
	case closeConn:
		h.Set("Connection", "close")
	}
	fmt.Fprintf(bw, "HTTP/1.1 %03d %s\r\n", r.Status, http.StatusText(r.Status))
	for _, k := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[k] {
			fmt.Fprintf(bw, "%s: %s\r\n", k, v)
		}
	}
	bw.WriteString("\r\n")
	if !noBody && method != http.MethodHead {
		bw.WriteString(r.Body)
	}
	return bw.Flush()
}

// hasToken reports whether the Connection field lists token (case-insensitive).
func hasToken(h http.Header, token string) bool {
	for _, v := range h.Values("Connection") {
		for t := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

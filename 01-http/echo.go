package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"workbook/serve/problem"
)

// handleEcho answers with the request it received, written out the way it
// travelled: request line, header fields, a blank line, then the body.
//
// The body is read through http.MaxBytesReader, so a client cannot make the
// server buffer more than maxBody bytes: a larger body gets 413 Content Too
// Large. A declared Content-Length over the limit is refused before reading
// anything, which also means a client that sent "Expect: 100-continue" is
// told no before it uploads the body at all.
//
// Any other read error (a broken chunk, a client that hung up) is logged
// with its text and answered with a generic 400: the error's text describes
// the server's side of the connection, not what the client should fix.
func handleEcho(maxBody int64, logger *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > maxBody {
			problem.Error(w, r, http.StatusRequestEntityTooLarge,
				fmt.Sprintf("request body of %d bytes is larger than the %d-byte limit", r.ContentLength, maxBody))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if errors.As(err, new(*http.MaxBytesError)) {
			problem.Error(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is larger than the %d-byte limit", maxBody))
			return
		}
		if err != nil {
			logger.Warn("reading request body", "target", r.RequestURI, "err", err)
			problem.Error(w, r, http.StatusBadRequest, "the request body could not be read to its end")
			return
		}

		var b bytes.Buffer
		writeRequestHead(&b, r)
		b.Write(body)
		// Trailer fields arrive after a chunked body, so they are known only now.
		if len(r.Trailer) > 0 {
			b.WriteString("\r\n\r\n(trailer fields, sent after the chunked body)\r\n")
			writeFields(&b, r.Trailer)
		}

		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff") // echoed bytes must never be run as HTML
		w.Write(b.Bytes())
	}
}

// writeRequestHead writes r's request line and header section in HTTP/1.1
// wire form, ending with the empty line that separates them from the body.
//
// net/http has already parsed the request, and it reports some of it outside
// Header: Host moves to r.Host, Transfer-Encoding to r.TransferEncoding and
// Trailer to the keys of r.Trailer.
// They are put back here. Apart from Host, field names come out in Go's
// canonical case and sorted, because Header is a map: the client's original order and case are
// gone, which HTTP allows since field names are case-insensitive.
func writeRequestHead(b *bytes.Buffer, r *http.Request) {
	fmt.Fprintf(b, "%s %s %s\r\n", r.Method, r.RequestURI, r.Proto)
	// Host goes first, as RFC 9110 recommends senders do.
	if r.Host != "" {
		fmt.Fprintf(b, "Host: %s\r\n", r.Host)
	}
	h := r.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	if len(r.TransferEncoding) > 0 {
		h["Transfer-Encoding"] = []string{strings.Join(r.TransferEncoding, ", ")}
	} else if r.ContentLength > 0 && h.Get("Content-Length") == "" {
		// An HTTP/2 request may omit Content-Length: DATA frames end the body.
		h.Set("Content-Length", strconv.FormatInt(r.ContentLength, 10))
	}
	if len(r.Trailer) > 0 {
		h.Set("Trailer", strings.Join(slices.Sorted(maps.Keys(r.Trailer)), ", "))
	}
	writeFields(b, h)
	b.WriteString("\r\n")
}

// writeFields writes one "Name: value" line per value, names sorted.
func writeFields(b *bytes.Buffer, h http.Header) {
	for _, name := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[name] {
			fmt.Fprintf(b, "%s: %s\r\n", name, v)
		}
	}
}

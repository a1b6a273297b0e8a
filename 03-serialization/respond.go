package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"workbook/serve/problem"
)

// Errors are RFC 9457 problem details in JSON (workbook/serve/problem), the
// house shape of every chapter, whatever format the request negotiated: a
// client that asked for protobuf and gets a 4xx still gets a body a human
// and any JSON parser can read, and it says so in its Content-Type,
// application/problem+json.

// writeInvalid answers 422 with every invalid field.
func writeInvalid(w http.ResponseWriter, r *http.Request, detail string, invalid []problem.FieldError) {
	p := problem.New(http.StatusUnprocessableEntity, detail)
	p.Errors = invalid
	problem.Write(w, r, p)
}

// writeEncoded encodes v with the codec the request negotiated.
func writeEncoded(w http.ResponseWriter, r *http.Request, logger *slog.Logger, status int, v any) {
	c, err := responseCodec(r)
	if err != nil {
		var ne *errNegotiation
		errors.As(err, &ne)
		problem.Error(w, r, ne.status, ne.message)
		return
	}
	body, err := c.marshal(v)
	if err != nil {
		// Our own data failed to encode: a bug, not the client's fault. The
		// error goes to the log; the client learns only that it happened.
		logger.Error("encoding response", "format", c.name, "err", err)
		problem.Error(w, r, http.StatusInternalServerError, "the response could not be encoded; the error is logged")
		return
	}
	w.Header().Set("Content-Type", c.mediaType)
	w.Header().Set("Vary", "Accept")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeDecodeError turns a decoder error into a 413 or a 400 with a reason.
func writeDecodeError(w http.ResponseWriter, r *http.Request, format string, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		problem.Error(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", tooBig.Limit))
		return
	}
	// A decoder's message names the field or offset that was wrong, which
	// is what the client needs; it can also quote the input back, so the
	// echo is kept short.
	msg := err.Error()
	if r := []rune(msg); len(r) > 300 {
		msg = string(r[:300]) + "…"
	}
	problem.Error(w, r, http.StatusBadRequest, fmt.Sprintf("could not decode the %s body: %s", format, strings.TrimSpace(msg)))
}

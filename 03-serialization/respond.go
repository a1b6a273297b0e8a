package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
)

// apiError is the one error body every endpoint answers with. Errors are
// always JSON: a client that asked for protobuf and gets a 4xx still gets
// a body a human can read.
type apiError struct {
	Error    string   `json:"error"`
	Message  string   `json:"message"`
	Problems []string `json:"problems,omitempty"`
}

func writeError(w http.ResponseWriter, status int, code, message string, problems ...string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(apiError{Error: code, Message: message, Problems: problems})
}

// writeEncoded encodes v with the codec the request negotiated.
func writeEncoded(w http.ResponseWriter, r *http.Request, logger *slog.Logger, status int, v any) {
	c, err := responseCodec(r)
	if err != nil {
		var ne *errNegotiation
		errors.As(err, &ne)
		writeError(w, ne.status, "not_acceptable", ne.message)
		return
	}
	body, err := c.marshal(v)
	if err != nil {
		// Our own data failed to encode: a bug, not the client's fault.
		logger.Error("encoding response", "format", c.name, "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "Internal error.")
		return
	}
	w.Header().Set("Content-Type", c.mediaType)
	w.Header().Set("Vary", "Accept")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeDecodeError turns a decoder error into a 4xx with a reason.
func writeDecodeError(w http.ResponseWriter, format string, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeError(w, http.StatusRequestEntityTooLarge, "too_large",
			fmt.Sprintf("the body is larger than %d bytes", tooBig.Limit))
		return
	}
	// Library errors can quote the input back; keep the echo short.
	msg := err.Error()
	if r := []rune(msg); len(r) > 300 {
		msg = string(r[:300]) + "…"
	}
	writeError(w, http.StatusBadRequest, "bad_"+format,
		fmt.Sprintf("could not decode the %s body: %s", format, strings.TrimSpace(msg)))
}

package main

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// encodeCursor makes the opaque next_cursor token clients pass back as
// ?cursor=. Opaque means clients cannot build or edit one, so the server may
// change what is inside without breaking them.
func encodeCursor(c cursor) string {
	if c.IsZero() {
		return ""
	}
	raw := c.CreatedAt.UTC().Format(time.RFC3339Nano) + "|" + strconv.FormatInt(c.ID, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// decodeCursor parses a token from encodeCursor; "" is the start of the feed.
func decodeCursor(token string) (cursor, error) {
	if token == "" {
		return cursor{}, nil
	}
	bad := fmt.Errorf("%w: cursor %q is not one this server made; use next_cursor from a previous page", errInvalid, token)
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return cursor{}, bad
	}
	ts, idText, ok := strings.Cut(string(raw), "|")
	if !ok {
		return cursor{}, bad
	}
	at, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil {
		return cursor{}, bad
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return cursor{}, bad
	}
	return cursor{CreatedAt: at, ID: id}, nil
}

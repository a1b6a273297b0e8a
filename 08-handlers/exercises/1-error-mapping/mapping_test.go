package errormapping

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

var cases = []struct {
	name       string
	err        error
	wantStatus int
	wantCode   string
	wantMsg    string
}{
	{"invalid", &Error{CodeInvalid, "title is required"}, 422, "invalid", "title is required"},
	{"not found", &Error{CodeNotFound, "article \"x\" not found"}, 404, "not_found", "article \"x\" not found"},
	{"conflict", &Error{CodeConflict, "slug taken"}, 409, "conflict", "slug taken"},
	{"unauthorized", &Error{CodeUnauthorized, "sign in"}, 401, "unauthorized", "sign in"},
	{"forbidden", &Error{CodeForbidden, "not yours"}, 403, "forbidden", "not yours"},
	{"wrapped once", fmt.Errorf("get article: %w", &Error{CodeNotFound, "gone"}), 404, "not_found", "gone"},
	{"wrapped twice", fmt.Errorf("handler: %w", fmt.Errorf("service: %w", &Error{CodeConflict, "dup"})), 409, "conflict", "dup"},
	{"joined", errors.Join(errors.New("audit log down"), &Error{CodeForbidden, "no"}), 403, "forbidden", "no"},
	{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), 504, "timeout", "the request took too long"},
	{"unknown code", &Error{Code("teapot"), "secret detail"}, 500, "internal", "internal error"},
	{"plain error", errors.New("pq: password authentication failed for user app"), 500, "internal", "internal error"},
}

func TestStatusFor(t *testing.T) {
	if got := StatusFor(nil); got != 200 {
		t.Errorf("StatusFor(nil) = %d, want 200 (exercise 1-error-mapping, mapping.go)", got)
	}
	for _, tc := range cases {
		if got := StatusFor(tc.err); got != tc.wantStatus {
			t.Errorf("StatusFor(%s: %v) = %d, want %d", tc.name, tc.err, got, tc.wantStatus)
		}
	}
}

func TestWriteError(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			WriteError(rec, tc.err)
			if rec.Code != tc.wantStatus {
				t.Errorf("WriteError(%v) status = %d, want %d", tc.err, rec.Code, tc.wantStatus)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("WriteError(%v) Content-Type = %q, want application/json", tc.err, ct)
			}
			var body struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("WriteError(%v) body %q is not JSON: %v", tc.err, rec.Body, err)
			}
			if body.Error.Code != tc.wantCode || body.Error.Message != tc.wantMsg {
				t.Errorf("WriteError(%v) body = %+v, want code %q message %q", tc.err, body.Error, tc.wantCode, tc.wantMsg)
			}
			if strings.Contains(rec.Body.String(), "password") || strings.Contains(rec.Body.String(), "secret") {
				t.Errorf("WriteError(%v) leaked internal detail: %s", tc.err, rec.Body)
			}
		})
	}
}

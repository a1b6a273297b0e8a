package problemmapping

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

// Real errors, made the way a server meets them.

func syntaxErr() error {
	var v map[string]any
	return json.Unmarshal([]byte(`{"title": }`), &v) // offset 11
}

func typeErr() error {
	var v struct {
		Tags []string `json:"tags"`
	}
	return json.Unmarshal([]byte(`{"tags": "go"}`), &v)
}

func truncatedErr() error {
	var v map[string]any
	return json.NewDecoder(strings.NewReader(`{"title": "a`)).Decode(&v)
}

func tooLargeErr() error {
	r := http.MaxBytesReader(httptest.NewRecorder(), io.NopCloser(strings.NewReader(strings.Repeat("x", 100))), 64)
	_, err := io.ReadAll(r)
	return err
}

func notExistErr() error {
	_, err := os.Open("/nonexistent/workbook/cover.svg")
	return err
}

var (
	refused = &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(10, 0, 0, 7), Port: 5432}, Err: syscall.ECONNREFUSED}
	netSlow = &net.OpError{Op: "read", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(10, 0, 0, 7), Port: 5432}, Err: os.ErrDeadlineExceeded}
	invalid = &ValidationError{Fields: []FieldError{{"title", "is required"}, {"tags[0]", "is empty"}}}
)

// secret is text that a wrapping layer adds and no detail may repeat.
const secret = "SELECT password FROM users"

// shapes wrap an error the ways it reaches a handler.
var shapes = []struct {
	name string
	wrap func(error) error
}{
	{"bare", func(e error) error { return e }},
	{"wrapped three deep", func(e error) error {
		return fmt.Errorf("handler: %w", fmt.Errorf("service: %w", fmt.Errorf("repo %s: %w", secret, e)))
	}},
	{"second in a join", func(e error) error { return errors.Join(errors.New(secret), e) }},
	{"in a nested join", func(e error) error {
		return fmt.Errorf("batch: %w", errors.Join(errors.New("first "+secret), errors.Join(errors.New("x"), fmt.Errorf("item 2: %w", e))))
	}},
	{"one of two %w", func(e error) error { return fmt.Errorf("%w and %w", errors.New(secret), e) }},
}

func TestMapNil(t *testing.T) {
	if got := Map(nil); !reflect.DeepEqual(got, Problem{}) {
		t.Errorf("Map(nil) = %+v, want the zero Problem", got)
	}
}

func TestMapEveryRuleThroughEveryShape(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want Problem
	}{
		{"context.Canceled", context.Canceled, Problem{StatusClientClosedRequest, CodeClientClosed, DetailClientClosed, nil}},
		{"context.DeadlineExceeded", context.DeadlineExceeded, Problem{504, CodeTimeout, DetailTimeout, nil}},
		{"a net timeout", netSlow, Problem{504, CodeTimeout, DetailTimeout, nil}},
		{"connection refused", refused, Problem{503, CodeUnavailable, DetailUnavailable, nil}},
		{"body too large", tooLargeErr(), Problem{413, CodeTooLarge, "request body exceeds 64 bytes", nil}},
		{"JSON syntax", syntaxErr(), Problem{400, CodeMalformedJSON, "invalid JSON at byte 11", nil}},
		{"JSON truncated", truncatedErr(), Problem{400, CodeMalformedJSON, DetailTruncated, nil}},
		{"JSON type", typeErr(), Problem{400, CodeWrongType, "field tags must be []string", nil}},
		{"validation", invalid, Problem{422, CodeInvalid, "2 invalid field(s)", invalid.Fields}},
		{"file not found", notExistErr(), Problem{404, CodeNotFound, DetailNotFound, nil}},
		{"anything else", errors.New("pq: " + secret), Problem{500, CodeInternal, DetailInternal, nil}},
		{"a permission error", &fs.PathError{Op: "open", Path: "/srv/covers", Err: fs.ErrPermission}, Problem{500, CodeInternal, DetailInternal, nil}},
	}
	for _, c := range cases {
		for _, s := range shapes {
			err := s.wrap(c.err)
			got := Map(err)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s, %s: Map(%q) = %+v, want %+v", c.name, s.name, err, got, c.want)
			}
			if strings.Contains(got.Detail, "SELECT") || strings.Contains(got.Detail, "10.0.0.7") || strings.Contains(got.Detail, "/nonexistent") {
				t.Errorf("%s, %s: detail %q repeats the error's own text", c.name, s.name, got.Detail)
			}
		}
	}
}

// TestMapRuleOrder: when one chain holds errors of two rules, the earlier
// rule wins, whichever comes first in the chain.
func TestMapRuleOrder(t *testing.T) {
	pairs := []struct {
		name          string
		first, second error
		status        int
		code          string
	}{
		{"canceled over deadline", context.Canceled, context.DeadlineExceeded, StatusClientClosedRequest, CodeClientClosed},
		{"deadline over refused", context.DeadlineExceeded, refused, 504, CodeTimeout},
		{"net timeout over refused", netSlow, refused, 504, CodeTimeout},
		{"refused over too large", refused, tooLargeErr(), 503, CodeUnavailable},
		{"too large over syntax", tooLargeErr(), syntaxErr(), 413, CodeTooLarge},
		{"syntax over truncated", syntaxErr(), truncatedErr(), 400, CodeMalformedJSON},
		{"truncated over type", truncatedErr(), typeErr(), 400, CodeMalformedJSON},
		{"type over validation", typeErr(), invalid, 400, CodeWrongType},
		{"validation over not found", invalid, notExistErr(), 422, CodeInvalid},
		{"not found over anything", notExistErr(), errors.New("boom"), 404, CodeNotFound},
	}
	for _, p := range pairs {
		for _, err := range []error{errors.Join(p.first, p.second), errors.Join(p.second, p.first)} {
			if got := Map(err); got.Status != p.status || got.Code != p.code {
				t.Errorf("%s: Map(%q) = %d %s, want %d %s", p.name, err, got.Status, got.Code, p.status, p.code)
			}
		}
	}
	// "syntax over truncated" must be told apart by detail too.
	if got := Map(errors.Join(truncatedErr(), syntaxErr())); got.Detail != "invalid JSON at byte 11" {
		t.Errorf("truncated + syntax: detail %q, want the syntax error's", got.Detail)
	}
}

// TestMapFirstValidationErrorWins: errors.As stops at the first match in
// the tree (depth first), and so does Map.
func TestMapFirstValidationErrorWins(t *testing.T) {
	a := &ValidationError{Fields: []FieldError{{"body", "is required"}}}
	got := Map(errors.Join(fmt.Errorf("item 1: %w", a), invalid))
	if got.Detail != "1 invalid field(s)" || !reflect.DeepEqual(got.Fields, a.Fields) {
		t.Errorf("Map(join of two validation errors) = %+v, want the first one's fields", got)
	}
	if got := Map(&ValidationError{}); got.Status != 422 || got.Detail != "0 invalid field(s)" || len(got.Fields) != 0 {
		t.Errorf("Map(empty ValidationError) = %+v, want 422 with 0 fields", got)
	}
}

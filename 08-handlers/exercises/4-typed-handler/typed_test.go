package typedhandler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type createArticle struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

func (c createArticle) Validate() error {
	if strings.TrimSpace(c.Title) == "" {
		return errors.New("title is required")
	}
	return nil
}

type article struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

type notFound struct{ slug string }

func (e notFound) Error() string   { return "article " + e.slug + " not found" }
func (e notFound) HTTPStatus() int { return http.StatusNotFound }

// pointerValidated validates through a pointer receiver.
type pointerValidated struct {
	N int `json:"n"`
}

func (p *pointerValidated) Validate() error {
	if p.N < 0 {
		return errors.New("n must not be negative")
	}
	return nil
}

type emptyIn struct{}

func run(h http.Handler, method, ct, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "/", strings.NewReader(body))
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func errorMessage(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var body struct{ Error string }
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error == "" {
		t.Fatalf("error body %q is not {\"error\":\"...\"}", rec.Body)
	}
	return body.Error
}

func TestHandleDecodesCallsAndEncodes(t *testing.T) {
	var got createArticle
	h := Handle(func(ctx context.Context, in createArticle) (Created[article], error) {
		got = in
		return Created[article]{article{Slug: "hi", Title: in.Title}}, nil
	})
	rec := run(h, "POST", "application/json; charset=utf-8", `{"title":"Hi","body":"b"}`)
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST = %d %s, want 201 (exercise 4-typed-handler, typed.go)", rec.Code, rec.Body)
	}
	if got != (createArticle{"Hi", "b"}) {
		t.Errorf("fn received %+v, want the decoded body", got)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if strings.TrimSpace(rec.Body.String()) != `{"slug":"hi","title":"Hi"}` {
		t.Errorf("body = %s, want the Created value encoded as itself", rec.Body)
	}
}

func TestHandleOKAndNoContent(t *testing.T) {
	get := Handle(func(ctx context.Context, _ emptyIn) ([]article, error) {
		return []article{{Slug: "a"}}, nil
	})
	rec := run(get, "GET", "", "")
	if rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != `[{"slug":"a","title":""}]` {
		t.Errorf("GET = %d %s, want 200 with the list", rec.Code, rec.Body)
	}
	del := Handle(func(ctx context.Context, _ emptyIn) (NoContent, error) { return NoContent{}, nil })
	rec = run(del, "DELETE", "", "")
	if rec.Code != http.StatusNoContent || rec.Body.Len() != 0 {
		t.Errorf("DELETE = %d %q, want 204 with no body", rec.Code, rec.Body)
	}
}

func TestHandlePassesRequestContext(t *testing.T) {
	type key struct{}
	h := Handle(func(ctx context.Context, _ emptyIn) (string, error) {
		v, _ := ctx.Value(key{}).(string)
		return v, nil
	})
	req := httptest.NewRequest("GET", "/", nil)
	req = req.WithContext(context.WithValue(req.Context(), key{}, "from-request"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if strings.TrimSpace(rec.Body.String()) != `"from-request"` {
		t.Errorf("fn saw context value %s, want \"from-request\": pass r.Context() to fn", rec.Body)
	}
}

func TestHandleRejectsBadInput(t *testing.T) {
	called := false
	h := Handle(func(ctx context.Context, in createArticle) (article, error) {
		called = true
		return article{}, nil
	})
	tests := []struct {
		name, ct, body string
		want           int
		wantMsg        string
	}{
		{"wrong content type", "text/plain", `{"title":"x"}`, 415, "Content-Type"},
		{"missing content type", "", `{"title":"x"}`, 415, "Content-Type"},
		{"malformed", "application/json", `{"title":`, 400, ""},
		{"empty body", "application/json", ``, 400, ""},
		{"wrong type", "application/json", `{"title":1}`, 400, ""},
		{"unknown field", "application/json", `{"title":"x","admin":true}`, 400, "admin"},
		{"two values", "application/json", `{"title":"x"}{"title":"y"}`, 400, ""},
		{"too large", "application/json", `{"title":"` + strings.Repeat("x", MaxBodyBytes) + `"}`, 413, ""},
		{"invalid per Validate", "application/json", `{"title":"  "}`, 422, "title is required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			called = false
			rec := run(h, "POST", tc.ct, tc.body)
			if rec.Code != tc.want {
				t.Fatalf("POST %s = %d, want %d", tc.name, rec.Code, tc.want)
			}
			if msg := errorMessage(t, rec); !strings.Contains(msg, tc.wantMsg) {
				t.Errorf("error %q, want it to mention %q", msg, tc.wantMsg)
			}
			if called {
				t.Error("fn was called for input that should have been rejected")
			}
		})
	}
}

func TestHandleValidatesThroughPointerReceiver(t *testing.T) {
	h := Handle(func(ctx context.Context, in pointerValidated) (int, error) { return in.N, nil })
	if rec := run(h, "POST", "application/json", `{"n":-1}`); rec.Code != 422 {
		t.Errorf("POST n=-1 = %d, want 422 from (*pointerValidated).Validate", rec.Code)
	}
	if rec := run(h, "POST", "application/json", `{"n":3}`); rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != "3" {
		t.Errorf("POST n=3 = %d %s, want 200 3", rec.Code, rec.Body)
	}
}

// statusErr is a StatusError with any status, sane or not.
type statusErr int

func (e statusErr) Error() string   { return fmt.Sprintf("failed with %d", int(e)) }
func (e statusErr) HTTPStatus() int { return int(e) }

func TestHandleMapsErrors(t *testing.T) {
	tests := []struct {
		err     error
		want    int
		wantMsg string
	}{
		{notFound{"x"}, 404, "article x not found"},
		{fmt.Errorf("service: %w", notFound{"y"}), 404, "article y not found"},
		{errors.New("sql: connection refused on 10.0.0.9"), 500, "internal error"},
		{statusErr(400), 400, "failed with 400"},
		{statusErr(409), 409, "failed with 409"},
		{statusErr(599), 599, "failed with 599"},
		{fmt.Errorf("wrapped: %w", statusErr(503)), 503, "failed with 503"},
		// A StatusError that claims a non-error status is a bug in the
		// error, not a success: 500, and nothing of its text.
		{statusErr(399), 500, "internal error"},
		{statusErr(600), 500, "internal error"},
		{statusErr(200), 500, "internal error"},
		{statusErr(0), 500, "internal error"},
	}
	for _, tc := range tests {
		t.Run(tc.err.Error(), func(t *testing.T) {
			h := Handle(func(ctx context.Context, _ emptyIn) (article, error) { return article{}, tc.err })
			rec := run(h, "GET", "", "")
			if rec.Code != tc.want {
				t.Fatalf("fn error %v: status %d, want %d", tc.err, rec.Code, tc.want)
			}
			if msg := errorMessage(t, rec); msg != tc.wantMsg {
				t.Errorf("fn error %v: message %q, want %q", tc.err, msg, tc.wantMsg)
			}
		})
	}
}

// TestHandleBodyOnOtherMethods: a GET or DELETE that carries a body has it
// decoded (and checked) like any other; one without a body gets the zero In.
func TestHandleBodyOnOtherMethods(t *testing.T) {
	double := Handle(func(ctx context.Context, in int) (int, error) { return 2 * in, nil })
	tests := []struct {
		name, method, ct, body string
		want                   int
		wantBody               string
	}{
		{"GET with a JSON body", "GET", "application/json", `21`, 200, "42"},
		{"DELETE with a one-byte body", "DELETE", "application/json", `7`, 200, "14"},
		{"DELETE without a body", "DELETE", "", ``, 200, "0"},
		{"GET with a body that is not JSON", "GET", "text/plain", `7`, 415, ""},
		{"GET with a malformed body", "GET", "application/json", `{`, 400, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := run(double, tc.method, tc.ct, tc.body)
			if rec.Code != tc.want {
				t.Fatalf("%s %q (%s) = %d %s, want %d", tc.method, tc.body, tc.ct, rec.Code, rec.Body, tc.want)
			}
			if tc.wantBody != "" && strings.TrimSpace(rec.Body.String()) != tc.wantBody {
				t.Errorf("%s %q = %s, want %s", tc.method, tc.body, rec.Body, tc.wantBody)
			}
		})
	}
}

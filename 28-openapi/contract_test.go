package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"workbook/28-openapi/docs"
	"workbook/28-openapi/spec"
	"workbook/serve/problem/problemtest"
)

const testToken = "test-token"

// newTestHandler is the chapter's handler on a fresh seeded store, with
// every error body checked for leaks.
func newTestHandler(t *testing.T) http.Handler {
	t.Helper()
	h, err := newHandler(newStore(seed()), testToken, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return problemtest.WatchErrors(t, h)
}

// specRouter finds the operation of a request in the served OpenAPI 3 document.
func specRouter(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	doc, err := spec.V3([]byte(docs.SwaggerInfo.ReadDoc()))
	if err != nil {
		t.Fatal(err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, router
}

// tokenAuth checks the document's "Token" security scheme the way the server
// does: the header must say "Token <token>".
func tokenAuth(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if in.SecuritySchemeName != "Token" {
		return errors.New("unknown security scheme")
	}
	if in.RequestValidationInput.Request.Header.Get("Authorization") != "Token "+testToken {
		return errors.New("no or wrong token")
	}
	return nil
}

// validationOptions: undocumented statuses fail, and the security
// requirement is checked.
var validationOptions = &openapi3filter.Options{
	IncludeResponseStatus: true,
	MultiError:            true,
	AuthenticationFunc:    tokenAuth,
}

type contractCase struct {
	name, method, target, contentType, body string
	token                                   bool
	status                                  int // what the server must answer
}

// contractCases reach every operation of the document with good and bad
// input. Each case's expected status is the server's; whether the request
// is valid comes from the document alone.
func contractCases() []contractCase {
	post := func(name, body string, status int) contractCase {
		return contractCase{name, "POST", "/api/bookmarks", "application/json", body, true, status}
	}
	return []contractCase{
		{"tags", "GET", "/api/tags", "", "", false, 200},
		{"list", "GET", "/api/bookmarks", "", "", false, 200},
		{"list by tag, one per page", "GET", "/api/bookmarks?tag=go&limit=1", "", "", false, 200},
		{"list limit 0", "GET", "/api/bookmarks?limit=0", "", "", false, 400},
		{"list limit 101", "GET", "/api/bookmarks?limit=101", "", "", false, 400},
		{"list limit not a number", "GET", "/api/bookmarks?limit=ten", "", "", false, 400},
		{"get", "GET", "/api/bookmarks/1", "", "", false, 200},
		{"get missing", "GET", "/api/bookmarks/99", "", "", false, 404},
		{"get id 0", "GET", "/api/bookmarks/0", "", "", false, 400},
		{"get id not a number", "GET", "/api/bookmarks/one", "", "", false, 400},
		post("create", `{"url":"https://go.dev/blog/","title":"The Go Blog"}`, 201),
		post("create with tags and visibility", `{"url":"https://go.dev/","title":"Go","tags":["go"],"visibility":"private"}`, 201),
		post("create without title", `{"url":"https://go.dev/"}`, 422),
		post("create with empty title", `{"url":"https://go.dev/","title":""}`, 422),
		post("create with a 121-character title", `{"url":"https://go.dev/","title":"`+strings.Repeat("t", 121)+`"}`, 422),
		post("create with six tags", `{"url":"https://go.dev/","title":"Go","tags":["a","b","c","d","e","f"]}`, 422),
		post("create with a visibility outside the enum", `{"url":"https://go.dev/","title":"Go","visibility":"secret"}`, 422),
		post("create with tags as a string", `{"url":"https://go.dev/","title":"Go","tags":"go"}`, 422),
		post("create with malformed JSON", `{"url":`, 400),
		post("create with an oversize body", `{"url":"https://go.dev/","title":"`+strings.Repeat("t", maxBody)+`"}`, 413),
		{"create as text/plain", "POST", "/api/bookmarks", "text/plain", `{"url":"https://go.dev/","title":"Go"}`, true, 415},
		{"create without token", "POST", "/api/bookmarks", "application/json", `{"url":"https://go.dev/","title":"Go"}`, false, 401},
		{"delete", "DELETE", "/api/bookmarks/2", "", "", true, 204},
		{"delete missing", "DELETE", "/api/bookmarks/99", "", "", true, 404},
		{"delete without token", "DELETE", "/api/bookmarks/1", "", "", false, 401},
	}
}

func (c contractCase) request() *http.Request {
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	r := httptest.NewRequest(c.method, c.target, body)
	if c.contentType != "" {
		r.Header.Set("Content-Type", c.contentType)
	}
	if c.token {
		r.Header.Set("Authorization", "Token "+testToken)
	}
	return r
}

// TestContract sends every case to the server and holds both sides to the
// document: the server accepts (status < 400) exactly the requests that
// openapi3filter.ValidateRequest accepts (404 aside), and every response — errors
// included — passes ValidateResponse.
func TestContract(t *testing.T) {
	doc, router := specRouter(t)
	h := newTestHandler(t)
	covered := map[string]bool{}
	for _, c := range contractCases() {
		t.Run(c.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, c.request())
			if rec.Code != c.status {
				t.Fatalf("%s %s = %d, want %d; body %s", c.method, c.target, rec.Code, c.status, rec.Body)
			}

			req := c.request()
			route, pathParams, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("FindRoute(%s %s): %v", c.method, c.target, err)
			}
			covered[c.method+" "+route.Path] = true
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route, Options: validationOptions}
			reqErr := openapi3filter.ValidateRequest(context.Background(), in)
			// 404 is about the data, not the request's shape: the document
			// cannot know which ids exist.
			if specOK, serverOK := reqErr == nil, rec.Code < 400 || rec.Code == 404; specOK != serverOK {
				t.Errorf("the document says valid=%v (%v), the server says %d", specOK, reqErr, rec.Code)
			}

			out := &openapi3filter.ResponseValidationInput{
				RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
				Body: io.NopCloser(bytes.NewReader(rec.Body.Bytes())), Options: validationOptions,
			}
			if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
				t.Errorf("the %d response breaks the document: %v\nbody %s", rec.Code, err, rec.Body)
			}
		})
	}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !covered[method+" "+path] {
				t.Errorf("no contract case reaches %s %s", method, path)
			}
		}
	}
}

// TestValidatorCatchesABrokenResponse proves the response check is not
// vacuous: a bookmark without createdAt and with a visibility outside the
// enum — a handler bug — is rejected, and so is a status the document does
// not list.
func TestValidatorCatchesABrokenResponse(t *testing.T) {
	_, router := specRouter(t)
	req := httptest.NewRequest("GET", "/api/bookmarks/1", nil)
	route, pathParams, err := router.FindRoute(req)
	if err != nil {
		t.Fatal(err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route, Options: validationOptions}
	check := func(status int, body string) error {
		h := http.Header{"Content-Type": {"application/json"}}
		return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
			RequestValidationInput: in, Status: status, Header: h,
			Body: io.NopCloser(strings.NewReader(body)), Options: validationOptions,
		})
	}
	good, _ := json.Marshal(seed()[0])
	if err := check(200, string(good)); err != nil {
		t.Fatalf("a seeded bookmark fails the document: %v", err)
	}
	broken := `{"id":1,"url":"https://go.dev/","title":"Go","tags":[],"visibility":"hidden"}`
	err = check(200, broken)
	var me openapi3.MultiError
	if !errors.As(err, &me) || len(me) != 2 {
		t.Fatalf("ValidateResponse(broken bookmark) = %v, want two schema errors", err)
	}
	t.Logf("ValidateResponse(broken bookmark):\n%v", err)
	for _, want := range []string{`"createdAt"`, `"hidden"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the validator's error does not name %s: %v", want, err)
		}
	}
	if err := check(http.StatusTeapot, `{}`); err == nil {
		t.Error("ValidateResponse accepted status 418, which the document does not list")
	}
}

// TestOpenAPIJSON checks the served OpenAPI 3 document: it loads, it is the
// version the server documents, and its $refs resolve.
func TestOpenAPIJSON(t *testing.T) {
	rec := httptest.NewRecorder()
	newTestHandler(t).ServeHTTP(rec, httptest.NewRequest("GET", "/openapi.json", nil))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("GET /openapi.json = %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	doc, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.0.3" || doc.Info.Version != "1.1.0" || len(doc.Servers) != 1 || doc.Servers[0].URL != "/api" {
		t.Errorf("openapi %q, version %q, servers %v; want 3.0.3, 1.1.0, [/api]", doc.OpenAPI, doc.Info.Version, doc.Servers)
	}
	if _, ok := doc.Components.SecuritySchemes["Token"]; !ok {
		t.Error("no Token security scheme")
	}
	ref := doc.Paths.Find("/bookmarks/{id}").Get.Responses.Status(200)
	if ref.Value.Content["application/json"].Schema.Ref != "#/components/schemas/Bookmark" {
		t.Error("GET /bookmarks/{id} 200 is not a $ref to #/components/schemas/Bookmark")
	}
	if _, ok := ref.Value.Content[spec.ProblemJSON]; ok {
		t.Error("a 200 response offers application/problem+json")
	}
}

// TestSwaggerUI checks that the UI and the OpenAPI 2 document it reads are served.
func TestSwaggerUI(t *testing.T) {
	h := newTestHandler(t)
	for target, want := range map[string]string{
		"/swagger/index.html": "swagger-ui",
		"/swagger/doc.json":   `"swagger": "2.0"`,
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("GET %s = %d, body without %q", target, rec.Code, want)
		}
	}
}

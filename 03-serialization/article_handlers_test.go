package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	"workbook/03-serialization/articlepb"
)

const testMaxBody = 2048

// newTestHandler returns the chapter's routes; every error they answer is
// checked for leaked internals (watchErrors).
func newTestHandler(t testing.TB) http.Handler {
	return watchErrors(t, newHandler(newArticleStore(), testMaxBody, slog.New(slog.NewTextHandler(io.Discard, nil))))
}

// newArticleBody returns a valid new article encoded in format.
func newArticleBody(t *testing.T, format string) string {
	t.Helper()
	desc := "made in a test"
	doc := articleDoc{Slug: "fresh-" + format, Title: "Fresh", Description: &desc, Body: "b", Tags: []string{" Go ", "go", "API"}, Author: authorDoc{Username: "ada"}, Rating: 3}
	b, err := codecByName(format).marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestArticleEndpoints(t *testing.T) {
	tests := []struct {
		name        string
		method      string
		target      string
		accept      string
		contentType string
		body        string
		wantStatus  int
		wantType    string   // Content-Type of the answer, when set
		wantBody    []string // substrings
	}{
		{name: "JSON by default", method: "GET", target: "/articles/how-to-serialize", wantStatus: 200, wantType: "application/json", wantBody: []string{`"id":"9007199254740993"`, `"createdAt":"2024-05-02T09:30:00Z"`}},
		{name: "null description in JSON", method: "GET", target: "/articles/null-is-not-absent", wantStatus: 200, wantBody: []string{`"description":null`}},
		{name: "no description element in XML", method: "GET", target: "/articles/null-is-not-absent?format=xml", wantStatus: 200, wantType: "application/xml", wantBody: []string{`<article id="9007199254740994">`}},
		{name: "Accept picks XML", method: "GET", target: "/articles/how-to-serialize", accept: "application/xml", wantStatus: 200, wantType: "application/xml", wantBody: []string{"<tags><tag>go</tag>"}},
		{name: "Accept with q-values", method: "GET", target: "/articles/how-to-serialize", accept: "application/json;q=0.2, application/yaml", wantStatus: 200, wantType: "application/yaml", wantBody: []string{"slug: how-to-serialize"}},
		{name: "format beats Accept", method: "GET", target: "/articles/how-to-serialize?format=msgpack", accept: "application/json", wantStatus: 200, wantType: "application/msgpack"},
		{name: "protobuf", method: "GET", target: "/articles/how-to-serialize?format=protobuf", wantStatus: 200, wantType: "application/x-protobuf"},
		{name: "list", method: "GET", target: "/articles?format=yaml", wantStatus: 200, wantBody: []string{"articles:", "- id: 9007199254740993"}},
		{name: "unknown format", method: "GET", target: "/articles/how-to-serialize?format=csv", wantStatus: 400, wantBody: []string{`format \"csv\" is not one of json, xml, msgpack, protobuf, yaml`}},
		{name: "nothing acceptable", method: "GET", target: "/articles/how-to-serialize", accept: "text/html", wantStatus: 406, wantBody: []string{"application/x-protobuf"}},
		{name: "missing article", method: "GET", target: "/articles/nope", wantStatus: 404, wantBody: []string{`no article with slug \"nope\"`}},
		{name: "unknown path", method: "GET", target: "/posts", wantStatus: 404},
		{name: "wrong method", method: "DELETE", target: "/articles/how-to-serialize", wantStatus: 405, wantBody: []string{"allowed: GET, HEAD, PATCH"}},
		{name: "wrong method on the collection", method: "PUT", target: "/articles", wantStatus: 405, wantBody: []string{"allowed: GET, HEAD, POST"}},

		{name: "create from JSON", method: "POST", target: "/articles", contentType: "application/json", body: newArticleBody(t, "json"), wantStatus: 201, wantType: "application/json", wantBody: []string{`"slug":"fresh-json"`, `"tags":["go","api"]`, `"id":"9007199254740995"`}},
		{name: "create from XML", method: "POST", target: "/articles", contentType: "application/xml; charset=utf-8", body: newArticleBody(t, "xml"), wantStatus: 201, wantBody: []string{`"slug":"fresh-xml"`}},
		{name: "create from MessagePack", method: "POST", target: "/articles", contentType: "application/msgpack", body: newArticleBody(t, "msgpack"), wantStatus: 201, wantBody: []string{`"slug":"fresh-msgpack"`}},
		{name: "create from protobuf", method: "POST", target: "/articles", contentType: "application/x-protobuf", body: newArticleBody(t, "protobuf"), wantStatus: 201, wantBody: []string{`"slug":"fresh-protobuf"`}},
		{name: "create from YAML, answer in YAML", method: "POST", target: "/articles", accept: "application/yaml", contentType: "application/yaml", body: newArticleBody(t, "yaml"), wantStatus: 201, wantType: "application/yaml", wantBody: []string{"slug: fresh-yaml"}},
		{name: "create without Content-Type", method: "POST", target: "/articles", body: "{}", wantStatus: 415, wantBody: []string{"missing or malformed"}},
		{name: "create from CSV", method: "POST", target: "/articles", contentType: "text/csv", body: "a,b", wantStatus: 415, wantBody: []string{"text/csv is not supported"}},
		{name: "create with malformed JSON", method: "POST", target: "/articles", contentType: "application/json", body: `{"slug":`, wantStatus: 400, wantBody: []string{"could not decode the json body"}},
		{name: "create with unknown field", method: "POST", target: "/articles", contentType: "application/json", body: `{"slug":"a","titel":"x"}`, wantStatus: 400, wantBody: []string{`unknown field \"titel\"`}},
		{name: "create nested too deep", method: "POST", target: "/articles", contentType: "application/json", body: strings.Repeat("[", 50), wantStatus: 400, wantBody: []string{"nesting is too deep"}},
		{name: "create with an XML DTD", method: "POST", target: "/articles", contentType: "application/xml", body: `<!DOCTYPE x><article/>`, wantStatus: 400, wantBody: []string{"DTDs"}},
		{name: "create too large", method: "POST", target: "/articles", contentType: "application/json", body: `{"body":"` + strings.Repeat("x", testMaxBody) + `"}`, wantStatus: 413, wantBody: []string{"larger than 2048 bytes"}},
		{name: "create with NaN rating", method: "POST", target: "/articles", contentType: "application/yaml", body: "slug: nan\ntitle: t\nauthor: {username: a}\nrating: .nan\n", wantStatus: 422, wantBody: []string{"rating must be a finite number"}},
		{name: "create with server fields", method: "POST", target: "/articles", contentType: "application/json", body: `{"id":"7","slug":"x","title":"t","author":{"username":"a"},"createdAt":"2024-01-01T00:00:00Z"}`, wantStatus: 422, wantBody: []string{`"pointer": "/id"`, "id is assigned by the server", `"pointer": "/createdAt"`, "createdAt is set by the server"}},
		{name: "create with every field wrong", method: "POST", target: "/articles", contentType: "application/json", body: `{"slug":"Not A Slug","rating":9}`, wantStatus: 422, wantBody: []string{`"pointer": "/slug"`, "title is required", `"pointer": "/author/username"`, "author.username is required", `"pointer": "/rating"`, "rating must be between 0 and 5"}},
		{name: "create existing slug", method: "POST", target: "/articles", contentType: "application/json", body: `{"slug":"how-to-serialize","title":"t","author":{"username":"a"}}`, wantStatus: 409},

		{name: "patch null clears description", method: "PATCH", target: "/articles/how-to-serialize", contentType: "application/merge-patch+json", body: `{"description":null}`, wantStatus: 200, wantBody: []string{`"description":null`, `"title":"How to serialize an article"`}},
		{name: "patch value sets, absent keeps", method: "PATCH", target: "/articles/null-is-not-absent", contentType: "application/merge-patch+json", body: `{"description":"now set","tags":null}`, wantStatus: 200, wantBody: []string{`"description":"now set"`, `"tags":[]`, `"title":"Null is not absent"`}},
		{name: "patch empty object changes nothing", method: "PATCH", target: "/articles/how-to-serialize", contentType: "application/json", body: `{}`, wantStatus: 200, wantBody: []string{`"description":"Five encodings`}},
		{name: "patch null title", method: "PATCH", target: "/articles/how-to-serialize", contentType: "application/merge-patch+json", body: `{"title":null}`, wantStatus: 422, wantBody: []string{"title cannot be null"}},
		{name: "patch wrong types", method: "PATCH", target: "/articles/how-to-serialize", contentType: "application/merge-patch+json", body: `{"rating":"5","tags":"go"}`, wantStatus: 422, wantBody: []string{`"pointer": "/rating"`, "rating must be a number", `"pointer": "/tags"`, "tags must be an array"}},
		{name: "patch read-only field", method: "PATCH", target: "/articles/how-to-serialize", contentType: "application/merge-patch+json", body: `{"id":"1","slug":"x"}`, wantStatus: 400, wantBody: []string{"unknown or read-only fields id, slug"}},
		{name: "patch not an object", method: "PATCH", target: "/articles/how-to-serialize", contentType: "application/merge-patch+json", body: `null`, wantStatus: 400, wantBody: []string{"must be a JSON object"}},
		{name: "patch array", method: "PATCH", target: "/articles/how-to-serialize", contentType: "application/merge-patch+json", body: `[]`, wantStatus: 400},
		{name: "patch as text", method: "PATCH", target: "/articles/how-to-serialize", contentType: "text/plain", body: `{}`, wantStatus: 415},
		{name: "patch missing article", method: "PATCH", target: "/articles/nope", contentType: "application/json", body: `{}`, wantStatus: 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			rec := httptest.NewRecorder()
			newTestHandler(t).ServeHTTP(rec, req)

			if rec.Code != tc.wantStatus {
				t.Fatalf("%s %s answered %d, want %d; body: %s", tc.method, tc.target, rec.Code, tc.wantStatus, rec.Body)
			}
			if tc.wantType != "" {
				if got := rec.Header().Get("Content-Type"); got != tc.wantType {
					t.Errorf("%s %s Content-Type = %q, want %q", tc.method, tc.target, got, tc.wantType)
				}
			}
			for _, want := range tc.wantBody {
				if !strings.Contains(rec.Body.String(), want) {
					t.Errorf("%s %s body %s does not contain %s", tc.method, tc.target, rec.Body, want)
				}
			}
			if rec.Code >= 400 {
				// Every error is the house shape, whatever format was negotiated.
				wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), tc.wantStatus, tc.target)
			}
		})
	}
}

// TestWrongMethodIs405ProblemWithAllow is the house rule every chapter
// keeps: a method the resource does not serve gets 405, an Allow header
// listing the ones it does (ServeMux's own list), and a problem details body.
func TestWrongMethodIs405ProblemWithAllow(t *testing.T) {
	rec := httptest.NewRecorder()
	newTestHandler(t).ServeHTTP(rec, httptest.NewRequest("DELETE", "/articles/how-to-serialize", nil))
	if got, want := rec.Header().Get("Allow"), "GET, HEAD, PATCH"; got != want {
		t.Errorf("DELETE /articles/how-to-serialize Allow = %q, want %q", got, want)
	}
	p := wantProblem(t, rec.Code, rec.Header(), rec.Body.String(), http.StatusMethodNotAllowed, "/articles/how-to-serialize")
	if want := "DELETE is not allowed on /articles/how-to-serialize; allowed: GET, HEAD, PATCH"; p.Detail != want {
		t.Errorf("DELETE /articles/how-to-serialize detail = %q, want %q", p.Detail, want)
	}
}

// TestProtobufResponseDecodes checks the binary answer with the generated
// type, as a Go client would.
func TestProtobufResponseDecodes(t *testing.T) {
	rec := httptest.NewRecorder()
	newTestHandler(t).ServeHTTP(rec, httptest.NewRequest("GET", "/articles?format=protobuf", nil))
	var list articlepb.ArticleList
	if err := proto.Unmarshal(rec.Body.Bytes(), &list); err != nil {
		t.Fatalf("GET /articles?format=protobuf is not an ArticleList: %v", err)
	}
	if len(list.Articles) != 2 || list.Articles[0].GetId() != firstID || list.Articles[1].Description != nil {
		t.Errorf("GET /articles?format=protobuf = %v, want the two seeded articles, the second without description", &list)
	}
}

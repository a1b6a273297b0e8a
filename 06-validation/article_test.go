package main

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"
)

func TestArticleCreate(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantStatus int
		wantErrors string
	}{
		{"created", `{"title":"Hello","body":"x","status":"draft"}`, http.StatusCreated, ""},
		{"bad tag reported by index", `{"title":"Hello","body":"x","status":"draft","tags":["go","not a slug!"]}`,
			http.StatusUnprocessableEntity, "tags[1]:slug"},
		{"too many tags", `{"title":"Hello","body":"x","status":"draft","tags":["a","b","c","d","e","f","g","h","i","j","k"]}`,
			http.StatusUnprocessableEntity, "tags:max"},
		{"bad slug", `{"title":"Hello","slug":"Hello World","body":"x","status":"draft"}`,
			http.StatusUnprocessableEntity, "slug:slug"},
		{"ambiguous date", `{"title":"Hello","body":"x","status":"scheduled","publish_at":"03/04/2030"}`,
			http.StatusUnprocessableEntity, "publish_at:date"},
		{"scheduled without date", `{"title":"Hello","body":"x","status":"scheduled"}`,
			http.StatusUnprocessableEntity, "publish_at:required"},
		{"scheduled in the past", `{"title":"Hello","body":"x","status":"scheduled","publish_at":"2025-01-01"}`,
			http.StatusUnprocessableEntity, "publish_at:future"},
		{"everything wrong", `{"title":"  H ","status":"live","publish_at":"yesterday"}`,
			http.StatusUnprocessableEntity, "body:required publish_at:date status:oneof title:min"},
		{"title of only symbols has no slug", `{"title":"!!!","body":"x","status":"draft"}`,
			http.StatusUnprocessableEntity, "title:letter_or_digit"},
		{"tags must be an array", `{"title":"Hello","body":"x","status":"draft","tags":"go"}`,
			http.StatusUnprocessableEntity, "tags:type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, newMemoryRepo(0), time.Second)
			rec := post(t, s, "/articles", "application/json", tc.body)
			if rec.Code != tc.wantStatus {
				t.Fatalf("POST /articles %s = %d %s, want %d", tc.name, rec.Code, rec.Body, tc.wantStatus)
			}
			if tc.wantErrors == "" {
				return
			}
			if got := pairs(decodeErrors(t, rec)); !matchErrors(got, tc.wantErrors) {
				t.Errorf("POST /articles %s errors = %q, want %q", tc.name, got, tc.wantErrors)
			}
		})
	}
}

func TestArticleCreateTransformsInput(t *testing.T) {
	s := newTestServer(t, newMemoryRepo(0), time.Second)
	rec := post(t, s, "/articles", "application/json", `{
		"title": "  Cre\u0300me   Bru\u0302le\u0301e: 10 Tips! ",
		"body": " line one\nline two ",
		"tags": ["Desserts", "desserts", " French "],
		"status": "Scheduled",
		"publish_at": "2031-03-04T10:00:00+01:00"
	}`)
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST /articles = %d %s, want 201", rec.Code, rec.Body)
	}
	var got article
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := article{
		Slug: "creme-brulee-10-tips", Title: "Crème Brûlée: 10 Tips!", Body: "line one\nline two",
		Tags: []string{"desserts", "french"}, Status: "scheduled", PublishAt: "2031-03-04T09:00:00Z",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("created article = %+v, want %+v", got, want)
	}
	if loc := rec.Header().Get("Location"); loc != "/articles/creme-brulee-10-tips" {
		t.Errorf("Location = %q, want /articles/creme-brulee-10-tips", loc)
	}

	// Same title again: the derived slug is taken.
	rec = post(t, s, "/articles", "application/json", `{"title":"Crème Brûlée: 10 tips","body":"y","status":"draft"}`)
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("duplicate slug = %d %s, want 422", rec.Code, rec.Body)
	}
	if got, want := pairs(decodeErrors(t, rec)), "slug:unique"; got != want {
		t.Errorf("duplicate slug errors = %q, want %q", got, want)
	}
}

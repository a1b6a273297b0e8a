package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestSignup(t *testing.T) {
	const valid = `{"username":"alice","email":"alice@example.com","password":"correct horse battery","accept_terms":true}`
	tests := []struct {
		name        string
		contentType string
		body        string
		wantStatus  int
		wantErrors  string // "field:code ..." in response order; empty on success
	}{
		{"created", "application/json", valid, http.StatusCreated, ""},
		{"charset parameter is fine", "application/json; charset=utf-8", valid, http.StatusCreated, ""},
		{"wrong content type", "text/plain", valid, http.StatusUnsupportedMediaType, ":Content-Type must be application/json"},
		{"malformed JSON", "application/json", `{"username":`, http.StatusBadRequest, ":body ends in the middle of a JSON value"},
		{"syntax error", "application/json", `{"username" "alice"}`, http.StatusBadRequest, ":malformed JSON at byte"},
		{"empty body", "application/json", ``, http.StatusBadRequest, ":body must be a JSON object"},
		{"two objects", "application/json", valid + valid, http.StatusBadRequest, ":body must contain a single JSON object"},
		{"unknown field", "application/json", `{"username":"alice","admin":true}`, http.StatusBadRequest, ":unknown field \"admin\""},
		{"wrong type", "application/json", `{"username":42}`, http.StatusUnprocessableEntity, "username:type"},
		{"too large", "application/json", `{"display_name":"` + strings.Repeat("a", maxBodyBytes) + `"}`,
			http.StatusRequestEntityTooLarge, ":body must not exceed 65536 bytes"},
		{
			"every error at once, ordered by field",
			"application/json",
			`{"username":"Admin","email":"bob@","password":"short","display_name":"` + strings.Repeat("x", 51) + `"}`,
			http.StatusUnprocessableEntity,
			"accept_terms:eq display_name:max email:email password:min username:username",
		},
		{"missing everything", "application/json", `{}`, http.StatusUnprocessableEntity,
			"accept_terms:eq email:required password:required username:required"},
		{"password contains username", "application/json",
			`{"username":"alice","email":"a@example.com","password":"xxALICExx-secret","accept_terms":true}`,
			http.StatusUnprocessableEntity, "password:not_username"},
		{"username too short after trimming", "application/json",
			`{"username":"  ab  ","email":"a@example.com","password":"correct horse battery","accept_terms":true}`,
			http.StatusUnprocessableEntity, "username:username"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t, newMemoryRepo(0), time.Second)
			rec := post(t, s, "/signup", tc.contentType, tc.body)
			if rec.Code != tc.wantStatus {
				t.Fatalf("POST /signup %s = %d %s, want %d", tc.name, rec.Code, rec.Body, tc.wantStatus)
			}
			if tc.wantErrors == "" {
				return
			}
			if got := pairs(decodeErrors(t, rec)); !matchErrors(got, tc.wantErrors) {
				t.Errorf("POST /signup %s errors = %q, want %q", tc.name, got, tc.wantErrors)
			}
		})
	}
}

func TestSignupNormalizesBeforeStoring(t *testing.T) {
	s := newTestServer(t, newMemoryRepo(0), time.Second)
	rec := post(t, s, "/signup", "application/json",
		`{"username":"  Alice_1 ","email":" Alice@EXAMPLE.Com ","password":"correct horse battery",`+
			`"display_name":"Ame\u0301lie\u00a0 Poulain","accept_terms":true}`)
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST /signup = %d %s, want 201", rec.Code, rec.Body)
	}
	var got user
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := user{Username: "alice_1", Email: "Alice@example.com", DisplayName: "Amélie Poulain"}
	if got != want {
		t.Errorf("created user = %+v, want %+v", got, want)
	}
	if strings.Contains(rec.Body.String(), "password") {
		t.Errorf("response %s echoes the password", rec.Body)
	}
}

// A control character in a name is refused, not silently dropped.
func TestSignupRefusesControlCharacters(t *testing.T) {
	s := newTestServer(t, newMemoryRepo(0), time.Second)
	rec := post(t, s, "/signup", "application/json",
		`{"username":"alice","email":"a@example.com","password":"correct horse battery","display_name":"Ada\tLovelace","accept_terms":true}`)
	if got := pairs(decodeErrors(t, rec)); rec.Code != http.StatusUnprocessableEntity || got != "display_name:text" {
		t.Errorf("POST /signup with a tab in display_name = %d %q, want 422 display_name:text", rec.Code, got)
	}
}

func TestSignupRejectsTakenUsernameAndEmail(t *testing.T) {
	s := newTestServer(t, newMemoryRepo(0), time.Second)
	first := `{"username":"alice","email":"alice@example.com","password":"correct horse battery","accept_terms":true}`
	if rec := post(t, s, "/signup", "application/json", first); rec.Code != http.StatusCreated {
		t.Fatalf("first signup = %d %s, want 201", rec.Code, rec.Body)
	}
	again := `{"username":"ALICE","email":"Alice@Example.com","password":"correct horse battery","accept_terms":true}`
	rec := post(t, s, "/signup", "application/json", again)
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("second signup = %d %s, want 422", rec.Code, rec.Body)
	}
	if got, want := pairs(decodeErrors(t, rec)), "email:unique username:unique"; got != want {
		t.Errorf("second signup errors = %q, want %q", got, want)
	}
}

func TestSignupErrorResponseIsStable(t *testing.T) {
	s := newTestServer(t, newMemoryRepo(0), time.Second)
	body := `{"username":"x","email":"nope","password":"p"}`
	first := post(t, s, "/signup", "application/json", body).Body.String()
	for range 20 {
		if got := post(t, s, "/signup", "application/json", body).Body.String(); got != first {
			t.Fatalf("same bad input gave two different bodies:\n%s\n%s", first, got)
		}
	}
}

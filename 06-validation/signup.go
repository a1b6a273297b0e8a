package main

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/go-playground/validator/v10"

	"workbook/serve/problem"
)

func (s *server) registerSignupRoutes() {
	s.mux.HandleFunc("POST /signup", s.handleSignup)
}

// signupRequest is the schema of POST /signup. The `validate` tags are the
// rule set; their order matters inside one field because validator stops at
// the field's first failure, so cheap checks (required, max) go first.
type signupRequest struct {
	Username    string `json:"username" validate:"required,username"`
	Email       string `json:"email" validate:"required,max=254,email"`
	Password    string `json:"password" validate:"required,min=12,max=128"`
	DisplayName string `json:"display_name" validate:"max=50"`
	AcceptTerms bool   `json:"accept_terms" validate:"eq=true"`
}

// normalize is the transformation step. The password is deliberately left
// byte-for-byte as typed: trimming it would lock out users whose password
// ends in a space.
func (req *signupRequest) normalize() []fieldError {
	var errs []fieldError
	normalizeField("username", &req.Username, &errs)
	req.Username = strings.ToLower(req.Username)
	req.Email = normalizeEmail(req.Email)
	normalizeField("display_name", &req.DisplayName, &errs)
	return errs
}

// signupRules is a struct-level (cross-field) business rule, registered in
// newValidator: the password must not contain the username.
func signupRules(sl validator.StructLevel) {
	req := sl.Current().Interface().(signupRequest)
	if len(req.Username) >= 3 && strings.Contains(strings.ToLower(req.Password), req.Username) {
		sl.ReportError(req.Password, "password", "Password", "not_username", "")
	}
}

// handleSignup: decode (schema) → normalize → validate (rules) → check
// uniqueness (context) → create. Each step runs only if the cheaper one
// before it passed: fail fast.
func (s *server) handleSignup(w http.ResponseWriter, r *http.Request) {
	var req signupRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	textErrs := req.normalize()

	if errs, err := fieldErrors(s.validate.Struct(req)); err != nil {
		s.log.Error("validate signup", "err", err)
		problem.Error(w, r, http.StatusInternalServerError, "internal error")
		return
	} else if errs = append(textErrs, errs...); len(errs) > 0 {
		s.logInvalid(r, errs)
		writeInvalid(w, r, errs...)
		return
	}

	errs, err := s.checkUnique(r.Context(),
		uniqueCheck{"username", func(ctx context.Context) (bool, error) { return s.repo.UsernameTaken(ctx, req.Username) }},
		uniqueCheck{"email", func(ctx context.Context) (bool, error) { return s.repo.EmailTaken(ctx, req.Email) }},
	)
	if err != nil {
		s.writeCheckError(w, r, err)
		return
	}
	if len(errs) > 0 {
		s.logInvalid(r, errs)
		writeInvalid(w, r, errs...)
		return
	}

	u := user{Username: req.Username, Email: req.Email, DisplayName: req.DisplayName}
	if err := s.repo.CreateUser(r.Context(), u); errors.Is(err, errTaken) {
		// Lost a race with another signup between the check and the insert.
		writeInvalid(w, r,
			fieldError{Field: "username", Code: "unique", Message: "username or email is already taken"})
		return
	} else if err != nil {
		s.writeCheckError(w, r, err)
		return
	}
	s.log.Info("user created", "username", u.Username)
	writeJSON(w, http.StatusCreated, u)
}

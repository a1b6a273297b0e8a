package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"workbook/serve/problem"
)

// fieldError is one problem with one input field, as the handlers collect
// it: Field is the path the client sent ("tags[1]", never the Go name
// "Tags[1]"), Code the rule that failed ("email", "min", "unique"),
// Message the human text, which never echoes the value.
type fieldError struct {
	Field   string
	Code    string
	Message string
}

// wireFieldError is a fieldError on the wire: one member of the problem's
// errors list, as workbook/serve/problem's FieldError (a JSON Pointer and a
// detail) plus code, so a client can switch on the rule without parsing
// English. RFC 9457 §3.2 lets a problem carry such extension members.
type wireFieldError struct {
	Pointer string `json:"pointer"`
	Detail  string `json:"detail"`
	Code    string `json:"code"`
}

// validationProblem is the house problem with the errors list above.
type validationProblem struct {
	problem.Problem
	Errors []wireFieldError `json:"errors"`
}

// sortErrors orders errors by field, then code, so the same bad input always
// yields byte-for-byte the same response (clients and tests can rely on it).
func sortErrors(errs []fieldError) {
	slices.SortStableFunc(errs, func(a, b fieldError) int {
		return cmp.Or(cmp.Compare(a.Field, b.Field), cmp.Compare(a.Code, b.Code))
	})
}

// pointer turns a field path into a JSON Pointer (RFC 6901) into the body:
// "tags[1]" → "/tags/1", "address.city" → "/address/city".
func pointer(field string) string {
	r := strings.NewReplacer(".", "/", "[", "/", "]", "", "~", "~0")
	return "/" + r.Replace(field)
}

// writeInvalid answers 422 with every field's problem, sorted.
func writeInvalid(w http.ResponseWriter, r *http.Request, errs ...fieldError) {
	sortErrors(errs)
	p := validationProblem{Problem: *problem.New(http.StatusUnprocessableEntity, "")}
	p.Instance = r.URL.RequestURI()
	p.RequestID = r.Header.Get(problem.RequestIDHeader)
	p.Detail = fmt.Sprintf("the request has %d invalid field(s); see errors", len(errs))
	for _, e := range errs {
		p.Errors = append(p.Errors, wireFieldError{Pointer: pointer(e.Field), Detail: e.Field + " " + e.Message, Code: e.Code})
	}
	h := w.Header()
	h.Set("Content-Type", problem.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(p.Status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p) // the client went away; nothing useful to do
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client went away; nothing useful to do
}

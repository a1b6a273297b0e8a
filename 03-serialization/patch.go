package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"sort"
	"strings"

	"workbook/serve/problem"
)

// patchable are the fields PATCH may change. Anything else in the body is
// rejected: a typo like "titel" must not be silently ignored.
var patchable = []string{"title", "description", "body", "tags", "rating"}

// handleArticlePatch applies a JSON merge patch (RFC 7396) to an article.
// A merge patch needs three states per field, which a plain struct cannot
// express: a field left out means "keep", null means "clear", a value
// means "set". Decoding into map[string]json.RawMessage keeps "left out"
// (no key) apart from "null" (the raw bytes `null`). Exercise 1 solves the
// same problem with a generic Optional[T] type instead.
func (s *server) handleArticlePatch(w http.ResponseWriter, r *http.Request) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/merge-patch+json" && mt != "application/json" {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "send the patch as application/merge-patch+json (or application/json)")
		return
	}
	a, err := s.store.Get(r.PathValue("slug"))
	if errors.Is(err, errArticleNotFound) {
		problem.Error(w, r, http.StatusNotFound, fmt.Sprintf("no article with slug %q", r.PathValue("slug")))
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err == nil {
		err = checkJSONDepth(data, maxJSONDepth)
	}
	var fields map[string]json.RawMessage
	if err == nil {
		err = json.Unmarshal(data, &fields)
		if err == nil && fields == nil {
			err = errors.New("the patch must be a JSON object")
		}
	}
	if err != nil {
		writeDecodeError(w, r, "json", err)
		return
	}
	var unknown []string
	for k := range fields {
		if !slices.Contains(patchable, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		problem.Error(w, r, http.StatusBadRequest,
			fmt.Sprintf("unknown or read-only fields %s; a patch may change %s", strings.Join(unknown, ", "), strings.Join(patchable, ", ")))
		return
	}
	var invalid []problem.FieldError
	for _, k := range patchable {
		raw, ok := fields[k]
		if !ok {
			continue // left out: keep the current value
		}
		if err := applyField(&a, k, raw); err != nil {
			invalid = append(invalid, problem.FieldError{Pointer: "/" + k, Detail: err.Error()})
		}
	}
	if len(invalid) == 0 {
		invalid = validateContent(a)
	}
	if len(invalid) > 0 {
		writeInvalid(w, r, "the patch cannot be applied", invalid)
		return
	}
	if err := s.store.Update(a); err != nil {
		problem.Error(w, r, http.StatusNotFound, fmt.Sprintf("no article with slug %q", a.Slug))
		return
	}
	writeEncoded(w, r, s.logger, http.StatusOK, toDoc(a))
}

var jsonNull = []byte("null")

// applyField sets one field of a from its raw JSON value.
func applyField(a *Article, name string, raw json.RawMessage) error {
	isNull := bytes.Equal(bytes.TrimSpace(raw), jsonNull)
	switch name {
	case "title", "body":
		if isNull {
			return fmt.Errorf("%s cannot be null", name)
		}
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("%s must be a string", name)
		}
		if name == "title" {
			a.Title = v
		} else {
			a.Body = v
		}
	case "description":
		if isNull {
			a.Description = nil // null clears
			return nil
		}
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			return errors.New("description must be a string or null")
		}
		a.Description = &v
	case "tags":
		if isNull {
			a.Tags = []string{}
			return nil
		}
		var v []string
		if err := json.Unmarshal(raw, &v); err != nil {
			return errors.New("tags must be an array of strings or null")
		}
		a.Tags = normalizeTags(v)
	case "rating":
		var v float64
		if isNull || json.Unmarshal(raw, &v) != nil {
			return errors.New("rating must be a number")
		}
		a.Rating = v
	}
	return nil
}

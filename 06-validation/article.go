package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"workbook/serve/problem"
)

func (s *server) registerArticleRoutes() {
	s.mux.HandleFunc("POST /articles", s.handleArticleCreate)
}

// articleRequest is the schema of POST /articles. `dive` applies the rules
// after it to every element of Tags, so a bad tag is reported as "tags[1]".
type articleRequest struct {
	Title       string   `json:"title" validate:"required,min=3,max=120"`
	Slug        string   `json:"slug" validate:"required,max=64,slug"`
	Description string   `json:"description" validate:"max=300"`
	Body        string   `json:"body" validate:"required,max=20000"`
	Tags        []string `json:"tags" validate:"max=10,dive,required,max=24,slug"`
	Status      string   `json:"status" validate:"required,oneof=draft scheduled published"`
	PublishAt   string   `json:"publish_at"`

	noSlug bool // no slug sent and none derivable from the title
}

// normalize transforms the request in place and returns the fields it could
// not transform (an unparseable date): those are validation errors too.
func (req *articleRequest) normalize() []fieldError {
	var errs []fieldError
	normalizeField("title", &req.Title, &errs)
	normalizeField("description", &req.Description, &errs)
	// The body keeps its line breaks: NFC and trimming only.
	req.Body = strings.TrimSpace(norm.NFC.String(req.Body))
	req.Slug = strings.TrimSpace(req.Slug)
	if req.Slug == "" {
		req.Slug = slugify(req.Title)
		if req.Slug == "" && req.Title != "" {
			// "!!!" or "日本語": no slug can be derived, and saying "slug is
			// required" would blame a field the client never sent.
			errs = append(errs, fieldError{Field: "title", Code: "letter_or_digit", Message: "must contain a letter or digit"})
			req.noSlug = true
		}
	}
	// Tags are case-insensitive labels: lowercase them and drop repeats.
	// Fixing what we safely can beats rejecting it; the `dive` rules then
	// check each remaining tag.
	seen := make(map[string]bool, len(req.Tags))
	tags := req.Tags[:0]
	for i, t := range req.Tags {
		normalizeField(fmt.Sprintf("tags[%d]", i), &t, &errs)
		t = strings.ToLower(t)
		if !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	req.Tags = tags
	req.Status = strings.ToLower(strings.TrimSpace(req.Status))

	if strings.TrimSpace(req.PublishAt) != "" {
		if d, err := normalizeDate(req.PublishAt); err != nil {
			// Keep the raw value: the business rules below must not also call it missing.
			errs = append(errs, fieldError{Field: "publish_at", Code: "date", Message: err.Error()})
		} else {
			req.PublishAt = d
		}
	} else {
		req.PublishAt = ""
	}
	return errs
}

// rules are business rules that need more than the struct: here, the clock.
func (req *articleRequest) rules(now time.Time) []fieldError {
	if req.Status != "scheduled" {
		return nil
	}
	if req.PublishAt == "" {
		return []fieldError{{Field: "publish_at", Code: "required", Message: "is required when status is scheduled"}}
	}
	if t, err := time.Parse(time.RFC3339, req.PublishAt); err == nil && !t.After(now) {
		return []fieldError{{Field: "publish_at", Code: "future", Message: "must be in the future when status is scheduled"}}
	}
	return nil
}

// handleArticleCreate collects transformation, rule and business-rule errors
// into ONE response; the slug lookup runs only when all of those pass.
func (s *server) handleArticleCreate(w http.ResponseWriter, r *http.Request) {
	var req articleRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	errs := req.normalize()
	ruleErrs, err := fieldErrors(s.validate.Struct(req))
	if err != nil {
		s.log.Error("validate article", "err", err)
		problem.Error(w, r, http.StatusInternalServerError, "internal error")
		return
	}
	for _, e := range ruleErrs {
		if !(req.noSlug && e.Field == "slug") { // already reported against the title
			errs = append(errs, e)
		}
	}
	errs = append(errs, req.rules(s.now())...)
	if len(errs) > 0 {
		s.logInvalid(r, errs)
		writeInvalid(w, r, errs...)
		return
	}

	errs, err = s.checkUnique(r.Context(),
		uniqueCheck{"slug", func(ctx context.Context) (bool, error) { return s.repo.SlugTaken(ctx, req.Slug) }})
	if err != nil {
		s.writeCheckError(w, r, err)
		return
	}
	if len(errs) > 0 {
		s.logInvalid(r, errs)
		writeInvalid(w, r, errs...)
		return
	}

	a := article{
		Slug: req.Slug, Title: req.Title, Description: req.Description, Body: req.Body,
		Tags: req.Tags, Status: req.Status, PublishAt: req.PublishAt,
	}
	if a.Tags == nil {
		a.Tags = []string{}
	}
	if err := s.repo.CreateArticle(r.Context(), a); errors.Is(err, errTaken) {
		writeInvalid(w, r, fieldError{Field: "slug", Code: "unique", Message: "is already taken"})
		return
	} else if err != nil {
		s.writeCheckError(w, r, err)
		return
	}
	w.Header().Set("Location", "/articles/"+a.Slug)
	writeJSON(w, http.StatusCreated, a)
}

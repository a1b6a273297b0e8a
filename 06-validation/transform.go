package main

import "net/http"

func (s *server) registerNormalizeRoutes() {
	s.mux.HandleFunc("POST /normalize", s.handleNormalize)
}

// normalizeRequest lets you try each transformation on its own. Every field
// is optional; only the ones sent are answered.
type normalizeRequest struct {
	Email    string `json:"email"`
	Text     string `json:"text"`
	Date     string `json:"date"`
	Duration string `json:"duration"`
	Title    string `json:"title"`
}

type normalizeResponse struct {
	Email   string `json:"email,omitempty"`
	Text    string `json:"text,omitempty"`
	Date    string `json:"date,omitempty"`
	Seconds *int64 `json:"seconds,omitempty"`
	Slug    string `json:"slug,omitempty"`
}

func (s *server) handleNormalize(w http.ResponseWriter, r *http.Request) {
	var req normalizeRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	var (
		resp normalizeResponse
		errs []fieldError
	)
	if req.Email != "" {
		resp.Email = normalizeEmail(req.Email)
	}
	if req.Text != "" {
		resp.Text = req.Text
		normalizeField("text", &resp.Text, &errs)
	}
	if req.Title != "" {
		resp.Slug = slugify(req.Title)
	}
	if req.Date != "" {
		d, err := normalizeDate(req.Date)
		if err != nil {
			errs = append(errs, fieldError{Field: "date", Code: "date", Message: err.Error()})
		}
		resp.Date = d
	}
	if req.Duration != "" {
		secs, err := parseSeconds(req.Duration)
		if err != nil {
			errs = append(errs, fieldError{Field: "duration", Code: "duration", Message: err.Error()})
		} else {
			resp.Seconds = &secs
		}
	}
	if len(errs) > 0 {
		writeInvalid(w, r, errs...)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

package httpapi

import (
	"errors"
	"net/http"
	"time"

	"workbook/12-business-logic/domain"
	"workbook/12-business-logic/publishing"
)

func (s *Server) registerArticleRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /articles", s.handleArticleList)
	mux.HandleFunc("POST /articles", s.handleArticleDraft)
	mux.HandleFunc("GET /articles/{slug}", s.handleArticleGet)
	mux.HandleFunc("PUT /articles/{slug}", s.handleArticleRevise)
	mux.HandleFunc("POST /articles/{slug}/{action}", s.handleArticleTransition)
}

// articleResponse is an article on the wire, converted by toArticleResponse.
type articleResponse struct {
	Slug            string    `json:"slug"`
	Author          string    `json:"author"`
	Title           string    `json:"title"`
	Body            string    `json:"body,omitempty"`
	Status          string    `json:"status"`
	RejectionReason string    `json:"rejection_reason,omitempty"`
	UpdatedAt       time.Time `json:"updated_at"`
	Allowed         []string  `json:"allowed_actions"`
}

func toArticleResponse(v publishing.ArticleView) articleResponse {
	return articleResponse{Slug: v.Slug, Author: v.Author, Title: v.Title, Body: v.Body, Status: v.Status,
		RejectionReason: v.RejectionReason, UpdatedAt: v.UpdatedAt, Allowed: v.Allowed}
}

func (s *Server) handleArticleList(w http.ResponseWriter, r *http.Request) {
	views, err := s.svc.List(r.Context(), r.URL.Query().Get("status"))
	if domain.ErrorCode(err) == domain.EINVALID {
		// The only input is the query string: a malformed request, not a body that breaks a rule.
		s.writeError(w, r, badRequest(http.StatusBadRequest, "%v", err))
		return
	} else if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]articleResponse, 0, len(views))
	for _, v := range views {
		resp := toArticleResponse(v)
		resp.Body = ""
		out = append(out, resp)
	}
	writeJSON(w, http.StatusOK, map[string]any{"articles": out})
}

func (s *Server) handleArticleDraft(w http.ResponseWriter, r *http.Request) {
	actor, ok := s.requireActor(w, r)
	if !ok {
		return
	}
	var in struct {
		Title  string `json:"title"`
		Body   string `json:"body"`
		Notify string `json:"notify"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.svc.Draft(r.Context(), actor, publishing.DraftInput{Title: in.Title, Body: in.Body, Notify: in.Notify})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/articles/"+v.Slug)
	writeJSON(w, http.StatusCreated, toArticleResponse(v))
}

func (s *Server) handleArticleGet(w http.ResponseWriter, r *http.Request) {
	actor, err := actorFrom(r, false)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.svc.Get(r.Context(), actor, r.PathValue("slug"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toArticleResponse(v))
}

func (s *Server) handleArticleRevise(w http.ResponseWriter, r *http.Request) {
	actor, ok := s.requireActor(w, r)
	if !ok {
		return
	}
	var in struct {
		Title string `json:"title"`
		Body  string `json:"body"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.svc.Revise(r.Context(), actor, r.PathValue("slug"), in.Title, in.Body)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toArticleResponse(v))
}

// handleArticleTransition serves POST /articles/{slug}/{submit|approve|reject|archive}.
func (s *Server) handleArticleTransition(w http.ResponseWriter, r *http.Request) {
	actor, ok := s.requireActor(w, r)
	if !ok {
		return
	}
	slug := r.PathValue("slug")
	var (
		v   publishing.ArticleView
		err error
	)
	switch domain.Action(r.PathValue("action")) {
	case domain.ActionSubmit:
		v, err = s.svc.Submit(r.Context(), actor, slug)
	case domain.ActionApprove:
		v, err = s.svc.Approve(r.Context(), actor, slug)
	case domain.ActionArchive:
		v, err = s.svc.Archive(r.Context(), actor, slug)
	case domain.ActionReject:
		var in struct {
			Reason string `json:"reason"`
		}
		if err := decodeJSON(w, r, &in); err != nil {
			s.writeError(w, r, err)
			return
		}
		v, err = s.svc.Reject(r.Context(), actor, slug, in.Reason)
	default:
		s.writeError(w, r, badRequest(http.StatusNotFound, "unknown action %s; use submit, approve, reject or archive", r.PathValue("action")))
		return
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toArticleResponse(v))
}

// requireActor answers 401 (no identity) or 400 (a malformed one) and
// returns false, or returns the actor.
func (s *Server) requireActor(w http.ResponseWriter, r *http.Request) (domain.Actor, bool) {
	actor, err := actorFrom(r, true)
	switch {
	case errors.Is(err, errUnauthenticated):
		s.writeError(w, r, badRequest(http.StatusUnauthorized, "%v", err))
		return domain.Actor{}, false
	case err != nil:
		s.writeError(w, r, err)
		return domain.Actor{}, false
	}
	return actor, true
}

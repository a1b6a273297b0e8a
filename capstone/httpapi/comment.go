package httpapi

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"workbook/capstone/conduit"
)

func (s *Server) registerCommentRoutes(r *mux.Router) {
	r.HandleFunc("/api/articles/{slug}/comments", s.handleCommentList).Methods(http.MethodGet)
	r.HandleFunc("/api/articles/{slug}/comments", s.handleCommentCreate).Methods(http.MethodPost)
	r.HandleFunc("/api/articles/{slug}/comments/{id}", s.handleCommentDelete).Methods(http.MethodDelete)
}

type commentResponse struct {
	Comment commentJSON `json:"comment"`
}

type commentsResponse struct {
	Comments []commentJSON `json:"comments"`
}

type commentJSON struct {
	ID        int64       `json:"id" example:"1"`
	CreatedAt string      `json:"createdAt" format:"date-time" example:"2016-02-18T03:22:56.637Z"`
	UpdatedAt string      `json:"updatedAt" format:"date-time" example:"2016-02-18T03:22:56.637Z"`
	Body      string      `json:"body" example:"It takes a Jacobian"`
	Author    profileJSON `json:"author"`
}

type newCommentRequest struct {
	Comment *struct {
		Body string `json:"body" example:"His name was my name too."`
	} `json:"comment"`
}

// handleCommentList godoc
//
//	@Summary	Get the comments of an article, oldest first
//	@Tags		Comments
//	@Produce	json
//	@Param		slug	path		string	true	"Slug of the article that you want to get comments for"
//	@Param		limit	query		int		false	"Comments per page, at most 500 (default 500; an extension of the spec)"
//	@Param		offset	query		int		false	"Comments to skip (default 0; an extension of the spec)"
//	@Success	200		{object}	commentsResponse
//	@Failure	422		{object}	errorResponse	"bad limit or offset"
//	@Failure	401		{object}	errorResponse	"bad token"
//	@Failure	404		{object}	errorResponse
//	@Router		/articles/{slug}/comments [get]
func (s *Server) handleCommentList(w http.ResponseWriter, r *http.Request) {
	limit, offset, ok := paging(w, r.URL.Query(), conduit.MaxCommentPage)
	if !ok {
		return
	}
	cs, err := s.comments.Comments(r.Context(), viewer(r), mux.Vars(r)["slug"], conduit.CommentPage{Limit: limit, Offset: offset})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	out := commentsResponse{Comments: make([]commentJSON, len(cs))}
	for i := range cs {
		out.Comments[i] = toCommentJSON(&cs[i])
	}
	writeJSON(w, http.StatusOK, out)
}

// handleCommentCreate godoc
//
//	@Summary	Comment on an article
//	@Tags		Comments
//	@Accept		json
//	@Produce	json
//	@Security	Token
//	@Param		slug	path		string				true	"Slug of the article that you want to create a comment for"
//	@Param		body	body		newCommentRequest	true	"Comment you want to create"
//	@Success	200		{object}	commentResponse
//	@Failure	400		{object}	errorResponse
//	@Failure	401		{object}	errorResponse
//	@Failure	404		{object}	errorResponse
//	@Failure	422		{object}	errorResponse
//	@Router		/articles/{slug}/comments [post]
func (s *Server) handleCommentCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := requireUser(w, r)
	if !ok {
		return
	}
	var req newCommentRequest
	if !s.decode(w, r, &req) {
		return
	}
	if req.Comment == nil {
		writeErrors(w, http.StatusUnprocessableEntity, "comment is required")
		return
	}
	c, err := s.comments.AddComment(r.Context(), id, mux.Vars(r)["slug"], req.Comment.Body)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	// RealWorld answers 200 here, not 201; its test suite checks.
	writeJSON(w, http.StatusOK, commentResponse{Comment: toCommentJSON(c)})
}

// handleCommentDelete godoc
//
//	@Summary	Delete a comment (its author only)
//	@Tags		Comments
//	@Security	Token
//	@Param		slug	path	string	true	"Slug of the article that you want to delete a comment for"
//	@Param		id		path	int		true	"ID of the comment you want to delete"
//	@Success	204
//	@Failure	401	{object}	errorResponse
//	@Failure	403	{object}	errorResponse
//	@Failure	404	{object}	errorResponse
//	@Router		/articles/{slug}/comments/{id} [delete]
func (s *Server) handleCommentDelete(w http.ResponseWriter, r *http.Request) {
	uid, ok := requireUser(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	if err != nil || id <= 0 {
		writeErrors(w, http.StatusNotFound, "comment not found")
		return
	}
	if err := s.comments.DeleteComment(r.Context(), uid, mux.Vars(r)["slug"], id); err != nil {
		s.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func toCommentJSON(c *conduit.Comment) commentJSON {
	return commentJSON{
		ID: c.ID, Body: c.Body, Author: toProfileJSON(c.Author),
		CreatedAt: formatTime(c.CreatedAt), UpdatedAt: formatTime(c.UpdatedAt),
	}
}

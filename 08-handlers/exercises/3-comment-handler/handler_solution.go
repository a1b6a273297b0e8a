//go:build solution

package commenthandler

import (
	"encoding/json"
	"errors"
	"log"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// CommentController serves the comment routes over a CommentService.
type CommentController struct {
	svc CommentService
}

// NewCommentController returns a controller that uses svc.
func NewCommentController(svc CommentService) *CommentController {
	return &CommentController{svc: svc}
}

type createRequest struct {
	Comment struct {
		Body string `json:"body"`
	} `json:"comment"`
}

type commentJSON struct {
	ID        int64     `json:"id"`
	Body      string    `json:"body"`
	Author    string    `json:"author"`
	CreatedAt time.Time `json:"createdAt"`
}

// HandleCreate serves POST /articles/{slug}/comments. See README.md.
func (c *CommentController) HandleCreate(w http.ResponseWriter, r *http.Request) {
	// Extract.
	slug := r.PathValue("slug")
	author := r.Header.Get("X-User")
	if author == "" {
		writeErrors(w, http.StatusUnauthorized, "user", "sign in to comment")
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeErrors(w, http.StatusUnsupportedMediaType, "body", "Content-Type must be application/json")
		return
	}
	var req createRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	if err := dec.Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeErrors(w, http.StatusRequestEntityTooLarge, "body", "request body is too large")
			return
		}
		writeErrors(w, http.StatusBadRequest, "body", "request body is not valid JSON: "+err.Error())
		return
	}
	// Validate.
	body := strings.TrimSpace(req.Comment.Body)
	switch {
	case body == "":
		writeErrors(w, http.StatusUnprocessableEntity, "body", "can't be blank")
		return
	case utf8.RuneCountInString(body) > MaxBodyLen:
		writeErrors(w, http.StatusUnprocessableEntity, "body", "is too long (maximum is "+strconv.Itoa(MaxBodyLen)+" characters)")
		return
	}
	// Call the service.
	cm, err := c.svc.AddComment(r.Context(), slug, author, body)
	// Map errors.
	switch {
	case errors.Is(err, ErrArticleNotFound):
		writeErrors(w, http.StatusNotFound, "article", "not found")
		return
	case err != nil:
		log.Printf("add comment to %q: %v", slug, err)
		writeErrors(w, http.StatusInternalServerError, "server", "internal error")
		return
	}
	// Format.
	w.Header().Set("Location", "/articles/"+slug+"/comments/"+strconv.FormatInt(cm.ID, 10))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]commentJSON{"comment": {ID: cm.ID, Body: cm.Body, Author: cm.Author, CreatedAt: cm.CreatedAt}})
}

// writeErrors writes {"errors":{field:[msg]}} with status.
func writeErrors(w http.ResponseWriter, status int, field, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]map[string][]string{"errors": {field: {msg}}})
}

package main

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"workbook/08-handlers/article"
)

// maxBodyBytes bounds every request body this controller reads.
const maxBodyBytes = 1 << 20

// ArticleController groups the HTTP handlers of one domain: articles. It holds
// its dependencies as fields, handed in by the constructor, never globals.
type ArticleController struct {
	svc    article.Service
	logger *slog.Logger
}

// NewArticleController returns a controller over svc that logs to logger.
func NewArticleController(svc article.Service, logger *slog.Logger) *ArticleController {
	return &ArticleController{svc: svc, logger: logger}
}

// registerRoutes lists every route of the controller in one place.
func (c *ArticleController) registerRoutes(r *mux.Router) {
	r.HandleFunc("/articles", c.handleArticleList).Methods(http.MethodGet)
	r.HandleFunc("/articles", c.handleArticleCreate).Methods(http.MethodPost)
	r.HandleFunc("/articles/{slug}", c.handleArticleGet).Methods(http.MethodGet)
	r.HandleFunc("/articles/{slug}", c.handleArticleDelete).Methods(http.MethodDelete)
}

// articleResponse is the JSON shape of an article. Converting through
// toArticleResponse keeps JSON tags out of the domain package.
type articleResponse struct {
	Slug        string    `json:"slug"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Body        string    `json:"body"`
	Author      string    `json:"author"`
	CreatedAt   time.Time `json:"createdAt"`
}

func toArticleResponse(a article.Article) articleResponse {
	return articleResponse{Slug: a.Slug, Title: a.Title, Description: a.Description, Body: a.Body, Author: a.Author, CreatedAt: a.CreatedAt}
}

// createArticleRequest is the JSON body of POST /articles.
type createArticleRequest struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Body        string `json:"body"`
}

// handleArticleList serves GET /articles?author=&limit=.
func (c *ArticleController) handleArticleList(w http.ResponseWriter, r *http.Request) {
	// 1. Extract: everything the handler needs from the request.
	q := r.URL.Query()
	f := article.ListFilter{Author: q.Get("author")}
	// 2. Validate the shape of the input (not business rules: those are the service's).
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			badRequest(w, "limit must be a whole number from 1 to 100")
			return
		}
		f.Limit = n
	}
	// 3. Call the service.
	list, err := c.svc.List(r.Context(), f)
	// 4. Map errors.
	if err != nil {
		writeError(w, r, c.logger, err)
		return
	}
	// 5. Format the response.
	out := make([]articleResponse, len(list))
	for i, a := range list {
		out[i] = toArticleResponse(a)
	}
	writeJSON(w, http.StatusOK, map[string]any{"articles": out, "count": len(out)})
}

// handleArticleGet serves GET /articles/{slug}.
func (c *ArticleController) handleArticleGet(w http.ResponseWriter, r *http.Request) {
	a, err := c.svc.Get(r.Context(), mux.Vars(r)["slug"])
	if err != nil {
		writeError(w, r, c.logger, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"article": toArticleResponse(a)})
}

// handleArticleCreate serves POST /articles for an authenticated user.
func (c *ArticleController) handleArticleCreate(w http.ResponseWriter, r *http.Request) {
	user, ok := userFrom(r.Context())
	if !ok {
		writeError(w, r, c.logger, article.Errorf(article.EUNAUTHORIZED, "sign in to create an article"))
		return
	}
	var req createArticleRequest
	if status, msg := decodeJSON(w, r, &req); status != 0 {
		writeJSON(w, status, errorBody{errorDetail{Code: "bad_request", Message: msg}})
		return
	}
	a, err := c.svc.Create(r.Context(), article.NewArticle{Title: req.Title, Description: req.Description, Body: req.Body, Author: user})
	if err != nil {
		writeError(w, r, c.logger, err)
		return
	}
	w.Header().Set("Location", "/articles/"+a.Slug)
	writeJSON(w, http.StatusCreated, map[string]any{"article": toArticleResponse(a)})
}

// handleArticleDelete serves DELETE /articles/{slug} for the article's author.
func (c *ArticleController) handleArticleDelete(w http.ResponseWriter, r *http.Request) {
	user, ok := userFrom(r.Context())
	if !ok {
		writeError(w, r, c.logger, article.Errorf(article.EUNAUTHORIZED, "sign in to delete an article"))
		return
	}
	if err := c.svc.Delete(r.Context(), mux.Vars(r)["slug"], user); err != nil {
		writeError(w, r, c.logger, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// decodeJSON reads r's body into v. It returns status 0 on success, or the
// 4xx status and a message for the client saying what is wrong with the body.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) (status int, msg string) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return http.StatusUnsupportedMediaType, "Content-Type must be application/json"
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &tooBig):
			return http.StatusRequestEntityTooLarge, "request body is larger than 1 MiB"
		case errors.Is(err, io.EOF):
			return http.StatusBadRequest, "request body is empty; send a JSON object"
		case errors.Is(err, io.ErrUnexpectedEOF):
			return http.StatusBadRequest, "request body ends in the middle of a JSON value"
		case errors.As(err, &syntax):
			return http.StatusBadRequest, "request body is not valid JSON at byte " + strconv.FormatInt(syntax.Offset, 10)
		case errors.As(err, &typ):
			return http.StatusBadRequest, "field " + typ.Field + " must be a " + typ.Type.String()
		default:
			// Unknown fields, truncated JSON: json's message names the problem.
			return http.StatusBadRequest, "request body: " + err.Error()
		}
	}
	if dec.More() {
		return http.StatusBadRequest, "request body must hold a single JSON object"
	}
	return 0, ""
}

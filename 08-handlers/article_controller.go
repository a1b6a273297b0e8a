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
	"workbook/serve/problem"
)

// maxBodyBytes bounds every request body this controller reads.
const maxBodyBytes = 1 << 20

// articleController groups the HTTP handlers of one domain: articles. It
// holds its dependencies as fields, handed in by the constructor, never
// globals.
type articleController struct {
	svc    article.Service
	auth   authenticator
	logger *slog.Logger
}

// newArticleController returns a controller over svc that learns who signed
// a request from auth and logs to logger.
func newArticleController(svc article.Service, auth authenticator, logger *slog.Logger) *articleController {
	return &articleController{svc: svc, auth: auth, logger: logger}
}

// registerRoutes lists every route of the controller in one place. A GET
// route takes HEAD too: gorilla/mux, unlike ServeMux, does not add it, and
// net/http drops the body of a HEAD response by itself.
func (c *articleController) registerRoutes(r *mux.Router) {
	r.HandleFunc("/articles", c.handleArticleList).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/articles", c.handleArticleCreate).Methods(http.MethodPost)
	r.HandleFunc("/articles/{slug}", c.handleArticleGet).Methods(http.MethodGet, http.MethodHead)
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
func (c *articleController) handleArticleList(w http.ResponseWriter, r *http.Request) {
	// 1. Extract: everything the handler needs from the request.
	q := r.URL.Query()
	f := article.ListFilter{Author: q.Get("author")}
	// 2. Validate the shape of the input (not business rules: those are the service's).
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			problem.Error(w, r, http.StatusBadRequest, "limit must be a whole number from 1 to 100")
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
func (c *articleController) handleArticleGet(w http.ResponseWriter, r *http.Request) {
	a, err := c.svc.Get(r.Context(), mux.Vars(r)["slug"])
	if err != nil {
		writeError(w, r, c.logger, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"article": toArticleResponse(a)})
}

// handleArticleCreate serves POST /articles for an authenticated user.
func (c *articleController) handleArticleCreate(w http.ResponseWriter, r *http.Request) {
	user, err := c.signedIn(r, "sign in to create an article")
	if err != nil {
		writeError(w, r, c.logger, err)
		return
	}
	var req createArticleRequest
	if p := decodeJSON(w, r, &req); p != nil {
		problem.Write(w, r, p)
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
func (c *articleController) handleArticleDelete(w http.ResponseWriter, r *http.Request) {
	user, err := c.signedIn(r, "sign in to delete an article")
	if err != nil {
		writeError(w, r, c.logger, err)
		return
	}
	if err := c.svc.Delete(r.Context(), mux.Vars(r)["slug"], user); err != nil {
		writeError(w, r, c.logger, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// signedIn returns the user who signed r, or an EUNAUTHORIZED error saying
// why (a bad token, or none where this route needs one: msg).
func (c *articleController) signedIn(r *http.Request, msg string) (string, error) {
	user, err := c.auth.Authenticate(r)
	if err == nil && user == "" {
		err = article.Errorf(article.EUNAUTHORIZED, "%s", msg)
	}
	return user, err
}

// decodeJSON reads r's body into v. It returns nil on success, or a problem
// for the client saying what is wrong with the body: 415 for another media
// type, 413 past maxBodyBytes, 400 for anything that is not one JSON object
// of the right shape.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) *problem.Problem {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return problem.New(http.StatusUnsupportedMediaType, "Content-Type must be application/json")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, new(*http.MaxBytesError)):
			return problem.New(http.StatusRequestEntityTooLarge, "request body is larger than 1 MiB")
		case errors.Is(err, io.EOF):
			return problem.New(http.StatusBadRequest, "request body is empty; send a JSON object")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return problem.New(http.StatusBadRequest, "request body ends in the middle of a JSON value")
		case errors.As(err, &syntax):
			return problem.New(http.StatusBadRequest, "request body is not valid JSON at byte "+strconv.FormatInt(syntax.Offset, 10))
		case errors.As(err, &typ):
			return problem.New(http.StatusBadRequest, "field "+typ.Field+" must be a "+typ.Type.String())
		default:
			// An unknown field: json's message names it (json: unknown field "x").
			return problem.New(http.StatusBadRequest, "request body: "+err.Error())
		}
	}
	// Only white space may follow the object. dec.More() would not do: it
	// reports false before a stray ']' or '}', so `{} ]` would pass.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if errors.As(err, new(*http.MaxBytesError)) {
			return problem.New(http.StatusRequestEntityTooLarge, "request body is larger than 1 MiB")
		}
		return problem.New(http.StatusBadRequest, "request body must hold a single JSON object")
	}
	return nil
}

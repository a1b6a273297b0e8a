package httpapi

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"workbook/capstone/conduit"
)

func (s *Server) registerArticleRoutes(r *mux.Router) {
	// The feed is registered before /articles/{slug} so "feed" is never read as a slug.
	r.HandleFunc("/api/articles/feed", s.handleArticleFeed).Methods(http.MethodGet)
	r.HandleFunc("/api/articles", s.handleArticleList).Methods(http.MethodGet)
	r.HandleFunc("/api/articles", s.handleArticleCreate).Methods(http.MethodPost)
	r.HandleFunc("/api/articles/{slug}", s.handleArticleGet).Methods(http.MethodGet)
	r.HandleFunc("/api/articles/{slug}", s.handleArticleUpdate).Methods(http.MethodPut)
	r.HandleFunc("/api/articles/{slug}", s.handleArticleDelete).Methods(http.MethodDelete)
	r.HandleFunc("/api/articles/{slug}/favorite", s.handleArticleFavorite).Methods(http.MethodPost)
	r.HandleFunc("/api/articles/{slug}/favorite", s.handleArticleUnfavorite).Methods(http.MethodDelete)
	r.HandleFunc("/api/tags", s.handleTagList).Methods(http.MethodGet)
}

// timeFormat is RFC 3339 with milliseconds always present: the RealWorld
// suite rejects timestamps without fractional seconds.
const timeFormat = "2006-01-02T15:04:05.000Z07:00"

type articleResponse struct {
	Article articleJSON `json:"article"`
}

type articlesResponse struct {
	Articles      []articleSummaryJSON `json:"articles"`
	ArticlesCount int                  `json:"articlesCount"`
}

type tagsResponse struct {
	Tags []string `json:"tags"`
}

type articleJSON struct {
	Slug           string      `json:"slug" example:"how-to-train-your-dragon"`
	Title          string      `json:"title" example:"How to train your dragon"`
	Description    string      `json:"description" example:"Ever wonder how?"`
	Body           string      `json:"body" example:"You have to believe"`
	TagList        []string    `json:"tagList"`
	CreatedAt      string      `json:"createdAt" format:"date-time" example:"2016-02-18T03:22:56.637Z"`
	UpdatedAt      string      `json:"updatedAt" format:"date-time" example:"2016-02-18T03:48:35.824Z"`
	Favorited      bool        `json:"favorited"`
	FavoritesCount int         `json:"favoritesCount"`
	Author         profileJSON `json:"author"`
}

// articleSummaryJSON is an article in a list: all of it but the body, as
// the spec's MultipleArticlesResponse has it. A list shows titles and
// descriptions; a page of 100 articles with 64 KiB bodies would be
// megabytes that no list view reads.
type articleSummaryJSON struct {
	Slug           string      `json:"slug" example:"how-to-train-your-dragon"`
	Title          string      `json:"title" example:"How to train your dragon"`
	Description    string      `json:"description" example:"Ever wonder how?"`
	TagList        []string    `json:"tagList"`
	CreatedAt      string      `json:"createdAt" format:"date-time" example:"2016-02-18T03:22:56.637Z"`
	UpdatedAt      string      `json:"updatedAt" format:"date-time" example:"2016-02-18T03:48:35.824Z"`
	Favorited      bool        `json:"favorited"`
	FavoritesCount int         `json:"favoritesCount"`
	Author         profileJSON `json:"author"`
}

// summary is a without its body.
func (a *articleJSON) summary() articleSummaryJSON {
	return articleSummaryJSON{
		Slug: a.Slug, Title: a.Title, Description: a.Description, TagList: a.TagList,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, Favorited: a.Favorited,
		FavoritesCount: a.FavoritesCount, Author: a.Author,
	}
}

type newArticleRequest struct {
	Article *struct {
		Title       string   `json:"title" example:"How to train your dragon"`
		Description string   `json:"description" example:"Ever wonder how?"`
		Body        string   `json:"body" example:"You have to believe"`
		TagList     []string `json:"tagList"`
	} `json:"article"`
}

type updateArticleRequest struct {
	Article *struct {
		Title       *string   `json:"title"`
		Description *string   `json:"description"`
		Body        *string   `json:"body"`
		TagList     *[]string `json:"tagList"`
	} `json:"article"`
}

// handleArticleList godoc
//
//	@Summary	List articles, most recent first
//	@Tags		Articles
//	@Produce	json
//	@Param		tag			query		string	false	"Filter by tag"
//	@Param		author		query		string	false	"Filter by author (username)"
//	@Param		favorited	query		string	false	"Filter by favorites of a user (username)"
//	@Param		limit		query		int		false	"Limit number of articles returned (default is 20)"
//	@Param		offset		query		int		false	"Offset/skip number of articles (default is 0)"
//	@Success	200			{object}	articlesResponse
//	@Failure	401			{object}	errorResponse	"bad token"
//	@Failure	422			{object}	errorResponse	"bad limit or offset"
//	@Router		/articles [get]
func (s *Server) handleArticleList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset, ok := paging(w, q, conduit.MaxLimit)
	if !ok {
		return
	}
	f := conduit.ArticleFilter{Tag: q.Get("tag"), Author: q.Get("author"), FavoritedBy: q.Get("favorited"), Limit: limit, Offset: offset}
	var key string
	if viewer(r) == 0 && s.responses != nil {
		var hit bool
		if hit, key = s.responses.serve(w, r, fmt.Sprintf("list\x00%s\x00%s\x00%s\x00%d\x00%d", f.Tag, f.Author, f.FavoritedBy, f.Limit, f.Offset)); hit {
			return
		}
	}
	as, n, err := s.articles.Articles(r.Context(), viewer(r), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if viewer(r) == 0 {
		writeKept(s.responses, key, w, r, toArticlesResponse(as, n))
		return
	}
	writeJSON(w, http.StatusOK, toArticlesResponse(as, n))
}

// handleArticleFeed godoc
//
//	@Summary	Articles by the authors the current user follows
//	@Tags		Articles
//	@Produce	json
//	@Security	Token
//	@Param		limit	query		int	false	"Limit number of articles returned (default is 20)"
//	@Param		offset	query		int	false	"Offset/skip number of articles (default is 0)"
//	@Success	200		{object}	articlesResponse
//	@Failure	401		{object}	errorResponse
//	@Failure	422		{object}	errorResponse
//	@Router		/articles/feed [get]
func (s *Server) handleArticleFeed(w http.ResponseWriter, r *http.Request) {
	id, ok := requireUser(w, r)
	if !ok {
		return
	}
	limit, offset, ok := paging(w, r.URL.Query(), conduit.MaxLimit)
	if !ok {
		return
	}
	as, n, err := s.articles.Feed(r.Context(), id, limit, offset)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toArticlesResponse(as, n))
}

// handleArticleCreate godoc
//
//	@Summary	Create an article
//	@Tags		Articles
//	@Accept		json
//	@Produce	json
//	@Security	Token
//	@Param		body	body		newArticleRequest	true	"Article to create"
//	@Success	201		{object}	articleResponse
//	@Failure	400		{object}	errorResponse
//	@Failure	401		{object}	errorResponse
//	@Failure	413		{object}	errorResponse
//	@Failure	415		{object}	errorResponse
//	@Failure	422		{object}	errorResponse
//	@Router		/articles [post]
func (s *Server) handleArticleCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := requireUser(w, r)
	if !ok {
		return
	}
	var req newArticleRequest
	if !s.decode(w, r, &req) {
		return
	}
	if req.Article == nil {
		writeErrors(w, http.StatusUnprocessableEntity, "article is required")
		return
	}
	a, err := s.articles.CreateArticle(r.Context(), id, conduit.NewArticle{
		Title: req.Article.Title, Description: req.Article.Description,
		Body: req.Article.Body, TagList: req.Article.TagList,
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, articleResponse{Article: toArticleJSON(a)})
}

// handleArticleGet godoc
//
//	@Summary	Get an article
//	@Tags		Articles
//	@Produce	json
//	@Param		slug	path		string	true	"Slug of the article to get"
//	@Success	200		{object}	articleResponse
//	@Failure	401		{object}	errorResponse	"bad token"
//	@Failure	404		{object}	errorResponse
//	@Router		/articles/{slug} [get]
func (s *Server) handleArticleGet(w http.ResponseWriter, r *http.Request) {
	slug := mux.Vars(r)["slug"]
	var key string
	if viewer(r) == 0 {
		var hit bool
		if hit, key = s.responses.serve(w, r, "article\x00"+slug); hit {
			return
		}
	}
	a, err := s.articles.Article(r.Context(), viewer(r), slug)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if viewer(r) == 0 {
		writeKept(s.responses, key, w, r, articleResponse{Article: toArticleJSON(a)})
		return
	}
	writeJSON(w, http.StatusOK, articleResponse{Article: toArticleJSON(a)})
}

// handleArticleUpdate godoc
//
//	@Summary	Update an article (its author only)
//	@Tags		Articles
//	@Accept		json
//	@Produce	json
//	@Security	Token
//	@Param		slug	path		string					true	"Slug of the article to update"
//	@Param		body	body		updateArticleRequest	true	"Article to update"
//	@Success	200		{object}	articleResponse
//	@Failure	400		{object}	errorResponse
//	@Failure	401		{object}	errorResponse
//	@Failure	403		{object}	errorResponse
//	@Failure	404		{object}	errorResponse
//	@Failure	422		{object}	errorResponse
//	@Router		/articles/{slug} [put]
func (s *Server) handleArticleUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := requireUser(w, r)
	if !ok {
		return
	}
	var req updateArticleRequest
	if !s.decode(w, r, &req) {
		return
	}
	if req.Article == nil {
		writeErrors(w, http.StatusUnprocessableEntity, "article is required")
		return
	}
	a, err := s.articles.UpdateArticle(r.Context(), id, mux.Vars(r)["slug"], conduit.ArticleUpdate{
		Title: req.Article.Title, Description: req.Article.Description,
		Body: req.Article.Body, TagList: req.Article.TagList,
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, articleResponse{Article: toArticleJSON(a)})
}

// handleArticleDelete godoc
//
//	@Summary	Delete an article (its author only)
//	@Tags		Articles
//	@Security	Token
//	@Param		slug	path	string	true	"Slug of the article to delete"
//	@Success	204
//	@Failure	401	{object}	errorResponse
//	@Failure	403	{object}	errorResponse
//	@Failure	404	{object}	errorResponse
//	@Router		/articles/{slug} [delete]
func (s *Server) handleArticleDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := requireUser(w, r)
	if !ok {
		return
	}
	if err := s.articles.DeleteArticle(r.Context(), id, mux.Vars(r)["slug"]); err != nil {
		s.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleArticleFavorite godoc
//
//	@Summary	Favorite an article
//	@Tags		Favorites
//	@Produce	json
//	@Security	Token
//	@Param		slug	path		string	true	"Slug of the article that you want to favorite"
//	@Success	200		{object}	articleResponse
//	@Failure	401		{object}	errorResponse
//	@Failure	404		{object}	errorResponse
//	@Router		/articles/{slug}/favorite [post]
func (s *Server) handleArticleFavorite(w http.ResponseWriter, r *http.Request) {
	id, ok := requireUser(w, r)
	if !ok {
		return
	}
	a, err := s.articles.Favorite(r.Context(), id, mux.Vars(r)["slug"])
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, articleResponse{Article: toArticleJSON(a)})
}

// handleArticleUnfavorite godoc
//
//	@Summary	Unfavorite an article
//	@Tags		Favorites
//	@Produce	json
//	@Security	Token
//	@Param		slug	path		string	true	"Slug of the article that you want to unfavorite"
//	@Success	200		{object}	articleResponse
//	@Failure	401		{object}	errorResponse
//	@Failure	404		{object}	errorResponse
//	@Router		/articles/{slug}/favorite [delete]
func (s *Server) handleArticleUnfavorite(w http.ResponseWriter, r *http.Request) {
	id, ok := requireUser(w, r)
	if !ok {
		return
	}
	a, err := s.articles.Unfavorite(r.Context(), id, mux.Vars(r)["slug"])
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, articleResponse{Article: toArticleJSON(a)})
}

// handleTagList godoc
//
//	@Summary	Get tags
//	@Tags		Tags
//	@Produce	json
//	@Success	200	{object}	tagsResponse
//	@Router		/tags [get]
func (s *Server) handleTagList(w http.ResponseWriter, r *http.Request) {
	tags, err := s.articles.Tags(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if tags == nil {
		tags = []string{}
	}
	writeJSON(w, http.StatusOK, tagsResponse{Tags: tags})
}

// paging reads limit and offset, answering 422 when either is not a number.
func paging(w http.ResponseWriter, q url.Values, maxLimit int) (limit, offset int, ok bool) {
	for _, p := range []struct {
		name string
		dst  *int
	}{{"limit", &limit}, {"offset", &offset}} {
		v := q.Get(p.name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			writeErrors(w, http.StatusUnprocessableEntity, p.name+" must be an integer")
			return 0, 0, false
		}
		*p.dst = n
	}
	if q.Get("limit") == "0" {
		writeErrors(w, http.StatusUnprocessableEntity, "limit must be between 1 and "+strconv.Itoa(maxLimit))
		return 0, 0, false
	}
	return limit, offset, true
}

func toArticlesResponse(as []conduit.Article, n int) articlesResponse {
	out := articlesResponse{Articles: make([]articleSummaryJSON, len(as)), ArticlesCount: n}
	for i := range as {
		a := toArticleJSON(&as[i])
		out.Articles[i] = a.summary()
	}
	return out
}

func toArticleJSON(a *conduit.Article) articleJSON {
	tags := a.TagList
	if tags == nil {
		tags = []string{}
	}
	return articleJSON{
		Slug: a.Slug, Title: a.Title, Description: a.Description, Body: a.Body,
		TagList:   tags,
		CreatedAt: formatTime(a.CreatedAt), UpdatedAt: formatTime(a.UpdatedAt),
		Favorited: a.Favorited, FavoritesCount: a.FavoritesCount,
		Author: toProfileJSON(a.Author),
	}
}

// formatTime renders t in UTC as timeFormat ("2016-02-18T03:22:56.637Z").
// It writes the digits itself: time.Format parses the layout on every call,
// and a list response formats 40 timestamps. TestFormatTime compares the two.
func formatTime(t time.Time) string {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.Format(timeFormat)
	}
	hour, minute, sec := t.Clock()
	var b [24]byte
	put := func(i, v, width int) {
		for j := i + width - 1; j >= i; j-- {
			b[j] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, year, 4)
	b[4] = '-'
	put(5, int(month), 2)
	b[7] = '-'
	put(8, day, 2)
	b[10] = 'T'
	put(11, hour, 2)
	b[13] = ':'
	put(14, minute, 2)
	b[16] = ':'
	put(17, sec, 2)
	b[19] = '.'
	put(20, t.Nanosecond()/1e6, 3)
	b[23] = 'Z'
	return string(b[:])
}

package httpapi

import (
	"net/http"

	"github.com/gorilla/mux"

	"workbook/capstone/conduit"
)

func (s *Server) registerSearchRoutes(r *mux.Router) {
	r.HandleFunc("/api/search", s.handleSearch).Methods(http.MethodGet)
}

type searchResponse struct {
	Results      []searchResultJSON `json:"results"`
	ResultsCount int                `json:"resultsCount"`
	Tags         []conduit.TagCount `json:"tags"`
}

type searchResultJSON struct {
	Article    articleSummaryJSON  `json:"article"`
	Score      float64             `json:"score" example:"2.13"`
	Highlights map[string][]string `json:"highlights,omitempty"`
}

// handleSearch godoc
//
//	@Summary		Search articles
//	@Description	Full-text search over titles, descriptions and bodies, best match first, with highlights (matches in <mark>, the rest HTML-escaped) and a tag facet over every match. Not part of the RealWorld spec. Auth is optional.
//	@Tags			Search
//	@Produce		json
//	@Param			q		query		string	false	"Words to find (stemmed: dragons finds dragon)"
//	@Param			tag		query		string	false	"Only articles with this tag"
//	@Param			author	query		string	false	"Only articles by this username"
//	@Param			limit	query		int		false	"Results per page, 1–50 (default 20)"
//	@Param			offset	query		int		false	"Results to skip, at most 1000"
//	@Success		200		{object}	searchResponse
//	@Failure		422		{object}	errorResponse	"bad limit, offset or q"
//	@Router			/search [get]
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset, ok := paging(w, q, conduit.MaxSearchLimit)
	if !ok {
		return
	}
	res, err := s.search.Search(r.Context(), viewer(r), conduit.SearchQuery{
		Text: q.Get("q"), Tag: q.Get("tag"), Author: q.Get("author"), Limit: limit, Offset: offset,
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	out := searchResponse{Results: make([]searchResultJSON, len(res.Items)), ResultsCount: res.Total, Tags: res.Tags}
	for i := range res.Items {
		a := toArticleJSON(&res.Items[i].Article)
		out.Results[i] = searchResultJSON{Article: a.summary(), Score: res.Items[i].Score, Highlights: res.Items[i].Highlights}
	}
	if out.Tags == nil {
		out.Tags = []conduit.TagCount{}
	}
	writeJSON(w, http.StatusOK, out)
}

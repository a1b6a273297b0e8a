package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// handleIndex lists the endpoints, so `curl localhost:8011/` is a map.
func (h *handlers) handleIndex(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{
		"GET /articles?limit=&cursor=&tag=": "the feed, newest first, keyset-paginated, tags loaded in one query",
		"POST /articles":                    `{"author","title","body","tags"} in one SERIALIZABLE transaction`,
		"GET /articles/{slug}":              "one article with tags and comments",
		"POST /articles/{slug}/comments":    `{"author","body"}`,
		"POST /users":                       `{"username","email"}; 409 when either is taken`,
		"GET /explain":                      "the allow-listed queries whose plans you can see",
		"GET /explain/{name}?analyze=true":  "EXPLAIN (FORMAT JSON) of one of them",
		"GET /pool":                         "connection pool statistics",
	})
}

// handlePool serves GET /pool: the pool's counters right now.
func (h *handlers) handlePool(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, h.store.Stats())
}

// handleExplainIndex serves GET /explain: the allow-list.
func (h *handlers) handleExplainIndex(w http.ResponseWriter, r *http.Request) {
	out := make(map[string]string, len(explainQueries))
	for name, q := range explainQueries {
		out[name] = q.About
	}
	writeJSON(w, http.StatusOK, out)
}

// handleExplain serves GET /explain/{name}[?analyze=true]: the plan of one
// allow-listed query, summarized one node per line, and in full.
func (h *handlers) handleExplain(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	q, ok := explainQueries[name]
	if !ok {
		h.writeError(w, r, fmt.Errorf("query %q %w; try one of %v", name, errNotFound, explainNames()))
		return
	}
	analyze := false
	if raw := r.URL.Query().Get("analyze"); raw != "" {
		var err error
		if analyze, err = strconv.ParseBool(raw); err != nil {
			h.writeError(w, r, fmt.Errorf("%w: analyze %q must be true or false", errInvalid, raw))
			return
		}
	}
	plan, err := h.store.Explain(r.Context(), name, analyze)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	summary, err := summarizePlan(plan)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Query   string          `json:"query"`
		About   string          `json:"about"`
		SQL     string          `json:"sql"`
		Summary []string        `json:"summary"`
		Plan    json.RawMessage `json:"plan"`
	}{name, q.About, q.SQL, summary, plan})
}

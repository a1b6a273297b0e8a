//go:build solution

package boolquery

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// clean trims each value, drops blanks and repeats, and sorts the rest, so
// the same filter always gives the same query (and the same cache entry).
func clean(values []string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func term(field, value string) map[string]any {
	return map[string]any{"term": map[string]any{field: value}}
}

// Build returns the JSON of the query for f: the value of a _search
// request's "query" member.
func Build(f Filter) ([]byte, error) {
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		return nil, fmt.Errorf("%w: since (%s) must be before until (%s)", ErrInvalid, f.Since.Format(time.RFC3339), f.Until.Format(time.RFC3339))
	}
	clauses := map[string]any{}

	// Query context: what the user typed decides the ranking.
	if text := strings.TrimSpace(f.Text); text != "" {
		clauses["must"] = []any{map[string]any{"multi_match": map[string]any{
			"query": text, "fields": []string{FieldTitle + "^2", FieldBody},
		}}}
	}

	// Filter context: yes/no, unscored, cached per segment.
	var filter []any
	if lang := strings.TrimSpace(f.Lang); lang != "" {
		filter = append(filter, term(FieldLang, lang))
	}
	for _, tag := range clean(f.AllTags) {
		filter = append(filter, term(FieldTags, tag)) // one term each: `terms` would mean "any of"
	}
	if !f.Since.IsZero() || !f.Until.IsZero() {
		r := map[string]any{}
		if !f.Since.IsZero() {
			r["gte"] = f.Since.UTC().Format(time.RFC3339)
		}
		if !f.Until.IsZero() {
			r["lt"] = f.Until.UTC().Format(time.RFC3339)
		}
		filter = append(filter, map[string]any{"range": map[string]any{FieldPublished: r}})
	}
	if len(filter) > 0 {
		clauses["filter"] = filter
	}

	// should: each matching tag adds to the score; beside must or filter
	// the default minimum_should_match is 0, so "at least one" is explicit.
	if tags := clean(f.AnyTags); len(tags) > 0 {
		var should []any
		for _, tag := range tags {
			should = append(should, term(FieldTags, tag))
		}
		clauses["should"] = should
		clauses["minimum_should_match"] = 1
	}

	// must_not runs in filter context too: one terms clause excludes them all.
	if authors := clean(f.ExcludeAuthors); len(authors) > 0 {
		clauses["must_not"] = []any{map[string]any{"terms": map[string]any{FieldAuthor: authors}}}
	}

	if len(clauses) == 0 {
		return json.Marshal(map[string]any{"match_all": map[string]any{}})
	}
	return json.Marshal(map[string]any{"bool": clauses})
}

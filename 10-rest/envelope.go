package main

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// envelope is the shape of every successful v2 response:
//
//	{"data": ..., "meta": {page info}, "links": {"self": ..., "next": ...}}
//
// Data is the resource or the list; Meta and Links are present for lists.
// An envelope leaves room for pagination and links without mixing them
// into the resource, at the cost of one level of nesting.
type envelope struct {
	Data  any               `json:"data"`
	Meta  *pageMeta         `json:"meta,omitempty"`
	Links map[string]string `json:"links,omitempty"`
}

// pageMeta tells a client where it is in a paged list.
type pageMeta struct {
	Page       int `json:"page"`
	PerPage    int `json:"perPage"`
	Total      int `json:"total"`
	TotalPages int `json:"totalPages"`
}

// pageLinks returns the self/first/prev/next/last URLs for page of a list
// at u (other query parameters kept, so a filtered list pages within its
// filter) and the same links as an RFC 8288 Link header value. prev is
// omitted on the first page, next on the last; a page past the end links
// back to the last page.
func pageLinks(u *url.URL, m pageMeta) (map[string]string, string) {
	at := func(page int) string {
		q := u.Query()
		q.Set("page", strconv.Itoa(page))
		q.Set("per_page", strconv.Itoa(m.PerPage))
		v := url.URL{Path: u.Path, RawQuery: q.Encode()}
		return v.String()
	}
	last := max(m.TotalPages, 1)
	links := map[string]string{"self": at(m.Page), "first": at(1), "last": at(last)}
	if m.Page > 1 {
		links["prev"] = at(min(m.Page-1, last))
	}
	if m.Page < last {
		links["next"] = at(m.Page + 1)
	}
	var parts []string
	for _, rel := range []string{"first", "prev", "next", "last"} {
		if href, ok := links[rel]; ok {
			parts = append(parts, fmt.Sprintf(`<%s>; rel="%s"`, href, rel))
		}
	}
	return links, strings.Join(parts, ", ")
}

//go:build solution

package hypermedia

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// actions is the workflow: per state, each action and where it leads. Both
// Links and Apply read it, so a link is offered exactly when the action
// would succeed — the links cannot drift from the rules.
var actions = map[Status]map[string]Status{
	Draft:     {"publish": Published},
	Published: {"archive": Archived, "unpublish": Draft},
	Archived:  {"restore": Published},
}

func isAction(rel string) bool {
	for _, m := range actions {
		if _, ok := m[rel]; ok {
			return true
		}
	}
	return false
}

// Links returns the links article a carries for viewer, sorted by Rel.
func Links(a Article, viewer string) []Link {
	isAuthor := viewer != "" && viewer == a.Author
	if a.Status == Draft && !isAuthor {
		return nil // a draft is invisible to everyone but its author
	}
	self := "/v2/articles/" + url.PathEscape(a.Slug)
	links := []Link{
		{Rel: "self", Href: self, Method: "GET"},
		{Rel: "author", Href: "/v2/profiles/" + url.PathEscape(a.Author), Method: "GET"},
	}
	if isAuthor {
		if a.Status != Archived { // archived articles are read-only
			links = append(links, Link{Rel: "edit", Href: self, Method: "PUT"})
		}
		links = append(links, Link{Rel: "delete", Href: self, Method: "DELETE"})
		for rel := range actions[a.Status] {
			links = append(links, Link{Rel: rel, Href: self + "/" + rel, Method: "POST"})
		}
	}
	slices.SortFunc(links, func(x, y Link) int { return strings.Compare(x.Rel, y.Rel) })
	return links
}

// Apply performs the workflow action rel on a for viewer. The checks run in
// the order that decides the status code: unknown action, not visible,
// not allowed to act, wrong state.
func Apply(a Article, viewer, rel string) (Article, error) {
	if !isAction(rel) {
		return Article{}, fmt.Errorf("%w: %q", ErrUnknownAction, rel)
	}
	isAuthor := viewer != "" && viewer == a.Author
	if a.Status == Draft && !isAuthor {
		return Article{}, ErrNotFound
	}
	if !isAuthor {
		return Article{}, fmt.Errorf("%w: only %s may %s this article", ErrForbidden, a.Author, rel)
	}
	to, ok := actions[a.Status][rel]
	if !ok {
		return Article{}, fmt.Errorf("%w: cannot %s an article that is %s", ErrConflict, rel, a.Status)
	}
	a.Status = to
	return a, nil
}

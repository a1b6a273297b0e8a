package main

import (
	"net/http"
	"net/url"
	"slices"
)

// link is a hypermedia control: where to go and, for anything but GET,
// which method to use.
type link struct {
	Href   string `json:"href"`
	Method string `json:"method,omitempty"`
}

// articleLinks returns the links a v2 article carries for viewer. They
// follow the article's state and the viewer's rights, so a client can show
// a "Publish" button exactly when the link is there, instead of copying
// the server's workflow rules:
//
//	everyone:   self, author; related (if not a draft)
//	the author: edit (PUT), delete (DELETE), and one link per action the
//	            state allows — draft: publish; published: archive.
func articleLinks(a article, viewer string) map[string]link {
	self := "/v2/articles/" + url.PathEscape(a.Slug)
	links := map[string]link{
		"self":   {Href: self},
		"author": {Href: "/v2/profiles/" + url.PathEscape(a.Author)},
	}
	if a.Status != statusDraft {
		links["related"] = link{Href: self + "/related"}
	}
	if viewer != a.Author {
		return links
	}
	links["edit"] = link{Href: self, Method: http.MethodPut}
	links["delete"] = link{Href: self, Method: http.MethodDelete}
	actions := make([]string, 0, len(transitions[a.Status]))
	for action := range transitions[a.Status] {
		actions = append(actions, action)
	}
	slices.Sort(actions)
	for _, action := range actions {
		links[action] = link{Href: self + "/" + action, Method: http.MethodPost}
	}
	return links
}

// Package annotations is exercise 4 of chapter 28: write the swag
// annotations that make the generated OpenAPI document match a golden one.
//
// The general API information below is given; the operations are yours
// (handlers.go).
//
//	@title						Tags API
//	@version					1.0.0
//	@description				The tags of the bookmarks API.
//	@BasePath					/api
//	@securityDefinitions.apikey	Token
//	@in							header
//	@name						Authorization
package annotations

import "net/http"

// Handlers serves the tag operations. Their bodies are not the exercise:
// they answer 501; what matters is what their annotations document.
type Handlers struct{}

func notServed(w http.ResponseWriter) { w.WriteHeader(http.StatusNotImplemented) }

// Tag is a tag and how many bookmarks carry it.
type Tag struct {
	Name      string `json:"name" validate:"required" example:"go"`
	Bookmarks int    `json:"bookmarks" validate:"required" minimum:"0" example:"12"`
} //	@name	Tag

// TagRename is the body of a rename.
type TagRename struct {
	Name string `json:"name" validate:"required,min=1,max=30" example:"golang"`
} //	@name	TagRename

// Bookmark is a saved link, as a tag's page lists it.
type Bookmark struct {
	ID    int64  `json:"id" validate:"required" example:"3"`
	URL   string `json:"url" validate:"required" format:"uri" example:"https://go.dev/"`
	Title string `json:"title" validate:"required" example:"Go"`
} //	@name	Bookmark

// BookmarkPage is one page of a tag's bookmarks.
type BookmarkPage struct {
	Bookmarks []Bookmark `json:"bookmarks" validate:"required"`
	Count     int        `json:"count" validate:"required" example:"12"`
} //	@name	BookmarkPage

// Problem is an RFC 9457 error body.
type Problem struct {
	Type   string `json:"type" validate:"required" example:"about:blank"`
	Title  string `json:"title" validate:"required" example:"Not Found"`
	Status int    `json:"status" validate:"required" example:"404"`
	Detail string `json:"detail,omitempty"`
} //	@name	Problem

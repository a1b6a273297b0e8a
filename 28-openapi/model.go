package main

import "time"

// The types below are the API's bodies. swag reads their json names, the
// constraints in their validate tags (required, min/max become minLength/
// maxLength or maxItems), their enums, formats and examples into the
// document's definitions; the "@name" comment after each type is the name
// the schema gets, instead of "main.bookmark".

// bookmark is one saved link as the API returns it.
type bookmark struct {
	ID         int64     `json:"id" validate:"required" minimum:"1" example:"3"`
	URL        string    `json:"url" validate:"required" format:"uri" example:"https://go.dev/blog/"`
	Title      string    `json:"title" validate:"required,min=1,max=120" example:"The Go Blog"`
	Tags       []string  `json:"tags" validate:"required,max=5" example:"go,blog"`
	Visibility string    `json:"visibility" validate:"required" enums:"public,private" example:"public"`
	CreatedAt  time.Time `json:"createdAt" validate:"required" format:"date-time" example:"2026-01-05T09:00:00Z"`
} //	@name	Bookmark

// newBookmark is the body of POST /api/bookmarks.
type newBookmark struct {
	URL        string   `json:"url" validate:"required,max=2048" format:"uri" example:"https://go.dev/blog/"`
	Title      string   `json:"title" validate:"required,min=1,max=120" example:"The Go Blog"`
	Tags       []string `json:"tags,omitempty" validate:"max=5" example:"go,blog"`
	Visibility string   `json:"visibility,omitempty" enums:"public,private" example:"private"`
} //	@name	NewBookmark

// bookmarkList is one page of bookmarks and how many match in all.
type bookmarkList struct {
	Bookmarks      []bookmark `json:"bookmarks" validate:"required"`
	BookmarksCount int        `json:"bookmarksCount" validate:"required" minimum:"0" example:"2"`
} //	@name	BookmarkList

// tagList is every tag in use.
type tagList struct {
	Tags []string `json:"tags" validate:"required" example:"go,openapi"`
} //	@name	TagList

// problemDoc documents the error body that workbook/serve/problem writes
// (RFC 9457); TestProblemDocMatchesProblem keeps the two in step.
type problemDoc struct {
	Type      string          `json:"type" validate:"required" example:"about:blank"`
	Title     string          `json:"title" validate:"required" example:"Unprocessable Entity"`
	Status    int             `json:"status" validate:"required" minimum:"400" maximum:"599" example:"422"`
	Detail    string          `json:"detail,omitempty" example:"the bookmark is not valid"`
	Instance  string          `json:"instance,omitempty" example:"/api/bookmarks"`
	RequestID string          `json:"requestId,omitempty"`
	Errors    []fieldErrorDoc `json:"errors,omitempty"`
} //	@name	Problem

// fieldErrorDoc is one invalid field of a 422.
type fieldErrorDoc struct {
	Pointer string `json:"pointer" validate:"required" example:"/title"`
	Detail  string `json:"detail" validate:"required" example:"is required"`
} //	@name	FieldError

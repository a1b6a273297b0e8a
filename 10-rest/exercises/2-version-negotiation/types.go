// Package negotiate picks the API version of a request from its URL path,
// query, API-Version header and Accept header, by a fixed precedence.
package negotiate

import "errors"

// Source says where the version came from. The constants are in order of
// precedence: a version in the path beats one in the query, and so on.
type Source int

const (
	SourcePath    Source = iota + 1 // /v2/articles
	SourceQuery                     // ?version=2 (or v2)
	SourceHeader                    // API-Version: 2 (or v2)
	SourceAccept                    // Accept: application/vnd.workbook.v2+json
	SourceDefault                   // none of the above
)

func (s Source) String() string {
	switch s {
	case SourcePath:
		return "path"
	case SourceQuery:
		return "query"
	case SourceHeader:
		return "header"
	case SourceAccept:
		return "accept"
	case SourceDefault:
		return "default"
	}
	return "unknown"
}

// Result is the outcome of negotiation.
type Result struct {
	Version int
	Source  Source
	// Path is the request path with a version segment removed
	// ("/v2/articles" → "/articles", "/v2" → "/"); for other sources it is
	// the request path unchanged.
	Path string
}

var (
	// ErrMalformed: the winning source's value is not a version number. HTTP 400.
	ErrMalformed = errors.New("negotiate: malformed version")
	// ErrUnsupported: the winning source names a version not in the
	// supported list. HTTP 404 for a path, 400 for query and header.
	ErrUnsupported = errors.New("negotiate: unsupported version")
	// ErrNotAcceptable: Accept asks only for vendor versions that are not
	// supported. HTTP 406.
	ErrNotAcceptable = errors.New("negotiate: no acceptable version")
)

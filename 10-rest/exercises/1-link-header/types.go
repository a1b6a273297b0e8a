// Package linkheader writes and reads RFC 8288 Link headers, the standard
// way to put pagination links (first, prev, next, last) in HTTP headers.
package linkheader

import "errors"

// Link is one link-value of a Link header.
type Link struct {
	Target string            // the URI reference between < and >
	Rel    []string          // relation types from rel, lowercased, in order
	Params map[string]string // every other parameter, name lowercased, value unquoted
}

var (
	// ErrBadPage: page or perPage is below 1, or total is negative.
	ErrBadPage = errors.New("linkheader: bad page arguments")
	// ErrMalformed: the header is not a valid list of link-values.
	ErrMalformed = errors.New("linkheader: malformed Link header")
)

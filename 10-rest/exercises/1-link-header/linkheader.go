//go:build !solution

package linkheader

import (
	"errors"
	"net/url"
)

var errNotImplemented = errors.New("not implemented: edit exercises/1-link-header/linkheader.go")

// PageLinks returns the Link header value for page of a list of total items
// shown perPage at a time, at base. See README.md.
func PageLinks(base *url.URL, page, perPage, total int) (string, error) {
	return "", errNotImplemented
}

// ParseLinkHeader parses a Link header value into its link-values.
func ParseLinkHeader(v string) ([]Link, error) {
	return nil, errNotImplemented
}

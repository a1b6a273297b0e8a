package main

import (
	"errors"
	"strings"

	"github.com/elnormous/contenttype"
)

// negotiate picks the offer the client likes best from an Accept header.
// github.com/elnormous/contenttype does RFC 9110 §12.5.1's matching: the
// q-value grammar, wildcards, and the most specific matching range deciding
// (so "*/*, application/json;q=0" refuses JSON). Exercise 1 builds that
// algorithm from first principles; here it is a library call.
//
// What stays ours is policy:
//   - No Accept header means "anything": the first offer, our favourite.
//   - The library refuses a whole header for one element it cannot parse.
//     We drop that element and keep the rest: RFC 9110 lets a server ignore
//     what it does not understand, and one odd client token should not cost
//     the client its other preferences.
//   - Equal q goes to the range the client listed first (the library's rule;
//     RFC 9110 leaves ties to the server).
//
// ok is false when no offer is acceptable: the caller answers 406.
func negotiate(header string, offers []string) (string, bool) {
	if len(offers) == 0 {
		return "", false
	}
	if strings.TrimSpace(header) == "" {
		return offers[0], true
	}
	available := make([]contenttype.MediaType, len(offers))
	for i, o := range offers {
		available[i] = contenttype.NewMediaType(o)
	}
	var usable []string
	for elem := range strings.SplitSeq(header, ",") {
		if strings.TrimSpace(elem) == "" {
			continue // "a, , b" and a trailing comma are allowed list syntax
		}
		_, _, err := contenttype.GetAcceptableMediaTypeFromHeader(elem, available)
		if err == nil || errors.Is(err, contenttype.ErrNoAcceptableTypeFound) {
			usable = append(usable, elem) // it parses, whether or not it matches
		}
	}
	best, _, err := contenttype.GetAcceptableMediaTypeFromHeader(strings.Join(usable, ","), available)
	if err != nil {
		return "", false // ErrNoAcceptableTypeFound: every offer has q=0
	}
	for i, mt := range available {
		if mt.Equal(best) {
			return offers[i], true
		}
	}
	return "", false
}

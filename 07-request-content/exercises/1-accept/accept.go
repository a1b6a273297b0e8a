//go:build !solution

package accept

// This file is the stub you replace (not implemented: edit exercises/1-accept/accept.go).

// Quality returns the quality value (0 to 1) that the Accept header gives
// mediaType ("text/plain" or "text/plain;format=flowed"): the q of the MOST
// SPECIFIC media range that matches it, or 0 when none matches.
//
// Specificity, highest first: type/subtype with parameters (more parameters
// is more specific), type/subtype, type/*, */*. A range with parameters
// matches only a media type that has all of them with equal values. Type,
// subtype and parameter names compare case-insensitively, parameter values
// exactly (after removing quotes). Parameters after q are extensions, not
// part of the range. If two equally specific ranges match, the first wins.
//
// q must follow RFC 9110's grammar: "0" with up to three decimals, or "1"
// with up to three zeros ("0", "0.5", "0.125", "1", "1.000"; not ".5",
// "0.1234" or "1.5"). Elements that do not parse, or whose q does not, are
// ignored. An empty (or all-blank) header accepts everything: Quality is 1.
func Quality(accept, mediaType string) float64 {
	return 0
}

// Negotiate returns the offer with the highest Quality. Offers are listed
// in the server's order of preference, which breaks ties. ok is false when
// every offer has quality 0 (the server answers 406 Not Acceptable). With no
// offers, it returns "", false.
func Negotiate(accept string, offers []string) (best string, ok bool) {
	return "", false
}

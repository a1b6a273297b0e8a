package main

import (
	"regexp"
	"strconv"
	"strings"
)

// qvalue is RFC 9110's grammar for q: "0" with up to three decimals, or "1"
// with up to three zeros. ".5", "0.1234" and "1.5" are not quality values.
var qvalue = regexp.MustCompile(`^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$`)

// mediaRange is one element of an Accept header: "text/*;q=0.3".
type mediaRange struct {
	typ, sub string
	params   map[string]string // without q
	q        float64
}

// parseAccept splits an Accept header into media ranges. Elements that do not
// parse (no slash, a q that is not a qvalue) are skipped, as RFC 9110 lets a server
// ignore what it does not understand.
func parseAccept(header string) []mediaRange {
	var out []mediaRange
	for _, elem := range strings.Split(header, ",") {
		parts := strings.Split(elem, ";")
		typ, sub, ok := strings.Cut(strings.ToLower(strings.TrimSpace(parts[0])), "/")
		if !ok || typ == "" || sub == "" || (typ == "*" && sub != "*") {
			continue
		}
		mr := mediaRange{typ: typ, sub: sub, q: 1}
		valid := true
		for _, p := range parts[1:] {
			k, v, _ := strings.Cut(p, "=")
			k, v = strings.ToLower(strings.TrimSpace(k)), strings.Trim(strings.TrimSpace(v), `"`)
			if k == "q" {
				if !qvalue.MatchString(v) {
					valid = false
				}
				mr.q, _ = strconv.ParseFloat(v, 64)
				break // parameters after q are accept-extensions, not part of the range
			}
			if mr.params == nil {
				mr.params = map[string]string{}
			}
			mr.params[k] = v
		}
		if valid {
			out = append(out, mr)
		}
	}
	return out
}

// precedence orders matching ranges: type/subtype;params > type/subtype >
// type/* > */*. More parameters is more specific.
func (m mediaRange) precedence() int {
	switch {
	case m.typ == "*":
		return 0
	case m.sub == "*":
		return 1
	default:
		return 2 + len(m.params)
	}
}

// matches reports whether the range covers the media type typ/sub with params.
func (m mediaRange) matches(typ, sub string, params map[string]string) bool {
	if m.typ != "*" && m.typ != typ {
		return false
	}
	if m.sub != "*" && m.sub != sub {
		return false
	}
	for k, v := range m.params {
		if params[k] != v {
			return false
		}
	}
	return true
}

// quality is the q the ranges give mediaType: that of the most specific
// matching range, or 0 when none matches.
func quality(ranges []mediaRange, mediaType string) float64 {
	parts := strings.Split(mediaType, ";")
	typ, sub, _ := strings.Cut(strings.ToLower(strings.TrimSpace(parts[0])), "/")
	params := map[string]string{}
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(p, "=")
		params[strings.ToLower(strings.TrimSpace(k))] = strings.Trim(strings.TrimSpace(v), `"`)
	}
	best, q := -1, 0.0
	for _, m := range ranges {
		if m.matches(typ, sub, params) && m.precedence() > best {
			best, q = m.precedence(), m.q
		}
	}
	return q
}

// negotiate picks the offer the client likes best; offers are in the
// server's order of preference, which breaks ties. No Accept header means
// "anything", so the first offer wins. ok is false when every offer has
// q=0: the caller answers 406 Not Acceptable.
func negotiate(header string, offers []string) (string, bool) {
	if strings.TrimSpace(header) == "" {
		return offers[0], true
	}
	ranges := parseAccept(header)
	best, bestQ := "", 0.0
	for _, o := range offers {
		if q := quality(ranges, o); q > bestQ {
			best, bestQ = o, q
		}
	}
	return best, bestQ > 0
}

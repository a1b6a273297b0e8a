//go:build solution

package accept

import (
	"regexp"
	"strconv"
	"strings"
)

// qvalue is RFC 9110's grammar: ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).
var qvalue = regexp.MustCompile(`^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$`)

type mediaRange struct {
	typ, sub string
	params   map[string]string
	q        float64
}

// specificity: */* = 0, type/* = 1, type/subtype = 2 + number of parameters.
func (m mediaRange) specificity() int {
	switch {
	case m.typ == "*":
		return 0
	case m.sub == "*":
		return 1
	}
	return 2 + len(m.params)
}

func (m mediaRange) matches(typ, sub string, params map[string]string) bool {
	if (m.typ != "*" && m.typ != typ) || (m.sub != "*" && m.sub != sub) {
		return false
	}
	for k, v := range m.params {
		if got, ok := params[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// splitType parses "type/subtype;k=v;..." into lowercased type and subtype,
// and the parameters in order (names lowercased, values unquoted).
func splitType(s string) (typ, sub string, params [][2]string, ok bool) {
	fields := strings.Split(s, ";")
	typ, sub, ok = strings.Cut(strings.ToLower(strings.TrimSpace(fields[0])), "/")
	if !ok || typ == "" || sub == "" || strings.ContainsAny(typ+sub, " \t/") || (typ == "*" && sub != "*") {
		return "", "", nil, false
	}
	for _, f := range fields[1:] {
		k, v, found := strings.Cut(f, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !found || k == "" {
			return "", "", nil, false
		}
		params = append(params, [2]string{k, strings.Trim(strings.TrimSpace(v), `"`)})
	}
	return typ, sub, params, true
}

func parseAccept(header string) []mediaRange {
	var out []mediaRange
	for _, elem := range strings.Split(header, ",") {
		if strings.TrimSpace(elem) == "" {
			continue
		}
		typ, sub, params, ok := splitType(elem)
		if !ok {
			continue
		}
		m := mediaRange{typ: typ, sub: sub, params: map[string]string{}, q: 1}
		for _, p := range params {
			if p[0] == "q" {
				if !qvalue.MatchString(p[1]) {
					ok = false
				}
				m.q, _ = strconv.ParseFloat(p[1], 64)
				break // what follows q are accept-extensions
			}
			m.params[p[0]] = p[1]
		}
		if ok {
			out = append(out, m)
		}
	}
	return out
}

// Quality returns the q of the most specific range matching mediaType.
func Quality(accept, mediaType string) float64 {
	if strings.TrimSpace(accept) == "" {
		return 1
	}
	typ, sub, list, ok := splitType(mediaType)
	if !ok {
		return 0
	}
	params := make(map[string]string, len(list))
	for _, p := range list {
		params[p[0]] = p[1]
	}
	best, q := -1, 0.0
	for _, m := range parseAccept(accept) {
		if s := m.specificity(); s > best && m.matches(typ, sub, params) {
			best, q = s, m.q
		}
	}
	return q
}

// Negotiate returns the acceptable offer with the highest quality.
func Negotiate(accept string, offers []string) (string, bool) {
	best, bestQ := "", 0.0
	for _, o := range offers {
		if q := Quality(accept, o); q > bestQ {
			best, bestQ = o, q
		}
	}
	return best, bestQ > 0
}

//go:build solution

package acceptlanguage

import (
	"strconv"
	"strings"
)

// Pick returns the best of available for an Accept-Language header.
func Pick(header string, available []string, fallback string) string {
	best, bestQ := fallback, 0.0
	for _, item := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(item), ";")
		tag = strings.ToLower(strings.TrimSpace(tag))
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f > 1 { // a negative q is skipped below, as q=0 is
				continue
			}
			q = f
		}
		if tag == "" || q <= bestQ {
			continue
		}
		if m := match(tag, available, fallback); m != "" {
			best, bestQ = m, q
		}
	}
	return best
}

// match finds tag in available, or its primary language ("de" for "de-at").
func match(tag string, available []string, fallback string) string {
	if tag == "*" {
		return fallback
	}
	base, _, _ := strings.Cut(tag, "-")
	for _, want := range []string{tag, base} {
		for _, a := range available {
			if strings.ToLower(a) == want {
				return a
			}
		}
	}
	return ""
}

package main

import (
	"fmt"
	"regexp"
	"slices"
)

// article is one entry of the fixed corpus /articles searches.
type article struct {
	slug string
	tags []string
}

// corpus is 500 articles, each with three of ten tags.
var corpus = func() []article {
	tags := []string{"go", "http", "sql", "cache", "queue", "search", "auth", "tls", "grpc", "k8s"}
	out := make([]article, 500)
	for i := range out {
		out[i] = article{
			slug: fmt.Sprintf("how-to-scale-part-%d", i),
			tags: []string{tags[i%10], tags[(i/10)%10], tags[(i/100)%10]},
		}
	}
	return out
}()

const slugPattern = `^[a-z0-9]+(?:-[a-z0-9]+)*$`

// slugRE is compiled once, when the program starts.
var slugRE = regexp.MustCompile(slugPattern)

// validSlug is the fix: match against the regexp compiled at start-up.
func validSlug(s string) bool { return slugRE.MatchString(s) }

// validSlugPlanted is the PLANTED hot spot: it parses and compiles the
// pattern on every call — once per article per request.
func validSlugPlanted(s string) bool {
	return regexp.MustCompile(slugPattern).MatchString(s)
}

// validTag accepts 1–32 characters of a-z, 0-9 and '-'.
func validTag(s string) bool {
	if len(s) == 0 || len(s) > 32 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// articlesWithTag returns the slugs, checked by valid, of the articles tagged tag.
func articlesWithTag(tag string, valid func(string) bool) []string {
	var out []string
	for _, a := range corpus {
		if valid(a.slug) && slices.Contains(a.tags, tag) {
			out = append(out, a.slug)
		}
	}
	return out
}

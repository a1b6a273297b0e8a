//go:build solution

package valueobjects

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	slugRE   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	localRE  = regexp.MustCompile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$")
	labelRE  = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	topRE    = regexp.MustCompile(`^[a-z]{2,63}$`)
	maxSlug  = 64
	maxEmail = 254
)

// NewSlug returns s as a Slug if it is 1-64 characters of a-z and 0-9 in
// groups joined by single hyphens ("go-1-25"), and an error wrapping
// ErrInvalidSlug otherwise. It does not change its input.
func NewSlug(s string) (Slug, error) {
	if len(s) == 0 || len(s) > maxSlug || !slugRE.MatchString(s) {
		return Slug{}, fmt.Errorf("%w: %q must be 1-%d characters of a-z and 0-9 joined by single hyphens", ErrInvalidSlug, s, maxSlug)
	}
	return Slug{s}, nil
}

// NewEmail trims surrounding white space from s, lowercases the domain, and
// returns the result as an Email if it is valid (see the README for the
// rules); otherwise an error wrapping ErrInvalidEmail.
func NewEmail(s string) (Email, error) {
	s = strings.TrimSpace(s)
	bad := func(why string) (Email, error) {
		return Email{}, fmt.Errorf("%w: %q %s", ErrInvalidEmail, s, why)
	}
	if len(s) > maxEmail {
		return bad("is longer than 254 characters")
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || strings.Contains(domain, "@") {
		return bad("must contain exactly one @")
	}
	if !localRE.MatchString(local) || strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return bad("has an invalid part before the @")
	}
	domain = strings.ToLower(domain)
	labels := strings.Split(domain, ".")
	if len(labels) < 2 || !topRE.MatchString(labels[len(labels)-1]) {
		return bad("needs a domain like example.com")
	}
	for _, l := range labels {
		if !labelRE.MatchString(l) {
			return bad("has an invalid domain")
		}
	}
	return Email{local + "@" + domain}, nil
}

// NewSubscription returns a Subscription, or an error wrapping ErrZeroValue
// when either value object is the zero value (someone skipped a constructor).
func NewSubscription(email Email, topic Slug) (Subscription, error) {
	switch {
	case email.IsZero():
		return Subscription{}, fmt.Errorf("%w: email", ErrZeroValue)
	case topic.IsZero():
		return Subscription{}, fmt.Errorf("%w: topic", ErrZeroValue)
	}
	return Subscription{Email: email, Topic: topic}, nil
}

package main

import (
	"errors"
	"fmt"
	"strings"
)

// Errors of optimistic concurrency control.
var (
	errPreconditionRequired = errors.New("If-Match is required: GET the article and send its ETag back in If-Match")
	errPreconditionFailed   = errors.New("the article changed since you read it")
)

// etag is the article's entity tag: its ID and version, quoted. It is a
// strong validator: two responses with the same ETag are byte-for-byte the
// same representation. Including the ID means a recreated slug never
// matches an ETag of an older article.
func etag(a article) string { return fmt.Sprintf(`"%d-%d"`, a.ID, a.Version) }

// ifMatch turns an If-Match header into a precondition the store checks
// inside its critical section (RFC 9110 section 13.1.1). This server
// REQUIRES If-Match on PUT, PATCH and DELETE: an update without it would
// silently overwrite whatever another client wrote in the meantime (the
// "lost update"). Missing gives 428, "*" matches any current article, and a
// list matches if any member matches. If-Match uses the strong comparison,
// so a weak tag (W/"...") never matches.
func ifMatch(header string) precondition {
	return func(cur article) error {
		header = strings.TrimSpace(header)
		if header == "" {
			return errPreconditionRequired
		}
		if header == "*" {
			return nil
		}
		want := etag(cur)
		for _, t := range strings.Split(header, ",") {
			if strings.TrimSpace(t) == want {
				return nil
			}
		}
		return fmt.Errorf("%w: its ETag is now %s; GET it again, reapply your change and retry", errPreconditionFailed, want)
	}
}

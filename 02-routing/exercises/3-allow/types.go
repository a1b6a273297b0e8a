// Package allow decides between 200, 404, 405 and an automatic OPTIONS
// answer for a routing table, and computes the Allow header.
package allow

// Route is one entry of a routing table. Pattern is a path whose segments
// are either literal ("articles") or a parameter ("{slug}") that matches
// any one non-empty segment.
type Route struct {
	Method  string
	Pattern string
}

// Result is the routing decision for one request.
type Result struct {
	// Status is 200 (a route matched), 204 (automatic OPTIONS answer),
	// 404 (no route has this path) or 405 (the path exists, not the method).
	Status int
	// Route is the index in the table of the route that serves the
	// request, or -1 when none does.
	Route int
	// Allow is the value of the Allow header for 204 and 405 answers
	// ("GET, HEAD, OPTIONS"), and "" otherwise.
	Allow string
}

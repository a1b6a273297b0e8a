package methodtable

// Decision tells a server how to answer one request method on one resource.
// Exactly one of Run and Status is set.
type Decision struct {
	// Run names the handler that serves the request: the request's own
	// method, or "GET" for a HEAD request on a resource that has a GET
	// handler but no HEAD handler. It is "" when the server answers by itself.
	Run string

	// Status is the status code the server answers with by itself, without
	// running any handler: 204 for OPTIONS, 405, 501 or 400. It is 0 when
	// Run is set.
	Status int

	// Allow is the value of the Allow header to send: set when Status is 204
	// (an OPTIONS answer) or 405, and "" otherwise.
	Allow string

	// OmitBody is true when the response must carry no body even though its
	// headers describe one: the answer to a HEAD request.
	OmitBody bool
}

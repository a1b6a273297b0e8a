//go:build !solution

package connreuse

import (
	"context"
	"errors"
	"net/http"
)

// errNotImplemented is what the stubs return until you write them.
var errNotImplemented = errors.New("not implemented: edit exercises/3-connection-reuse/reuse.go")

// Probe sends n GET requests to url through client, one after another,
// treating each response body as handling says, and reports which
// connection carried each request. See README.md.
func Probe(ctx context.Context, client *http.Client, url string, n int, handling BodyHandling) (Report, error) {
	return Report{}, errNotImplemented
}

// Connections sends n GET requests to url through client all at once and
// returns how many distinct connections carried them. See README.md.
func Connections(ctx context.Context, client *http.Client, url string, n int) (int, error) {
	return 0, errNotImplemented
}

package main

import (
	"fmt"
	"io"
	"log/slog"
)

// Reverse routing with gorilla/mux: a named route and its variables give
// back the URL, and a value that breaks the route's constraint is an error
// instead of a link that would 404.
func Example_reverseRouting() {
	r := routes(newArticleStore(), slog.New(slog.NewTextHandler(io.Discard, nil)))

	u, _ := r.Get(routeV2Article).URL("slug", "hello-routing")
	fmt.Println(u)

	home, _ := r.Get(routeTenantHome).URL("tenant", "acme")
	fmt.Println(home)

	_, err := r.Get(routeV2Article).URL("slug", "Not A Slug")
	fmt.Println(err != nil)
	// Output:
	// /v2/articles/hello-routing
	// http://acme.localhost/
	// true
}

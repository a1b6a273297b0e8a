package main

//go:generate go tool swag init --quiet --exclude exercises --generalInfo routes.go --output docs --outputTypes go,json,yaml --packageName docs
//go:generate go run ./cmd/openapi3 -o docs/openapi3.json
//go:generate go tool oapi-codegen -config client/oapi-codegen.yaml docs/openapi3.json

import (
	"log/slog"
	"net/http"

	httpSwagger "github.com/swaggo/http-swagger/v2"

	"workbook/28-openapi/docs"
	"workbook/28-openapi/spec"
	"workbook/serve/problem"
)

// The general API information: swag reads these lines from this file
// (--generalInfo routes.go) into the document's info, basePath and
// securityDefinitions.
//
//	@title						Bookmarks API
//	@version					1.1.0
//	@description				Saved links and their tags, a slice of the Conduit domain, documented from its handlers.
//	@license.name				MIT
//	@BasePath					/api
//	@securityDefinitions.apikey	Token
//	@in							header
//	@name						Authorization
//	@description				"Token " followed by the server's API token (flag -token).

// newHandler builds the handler tree: the API under /api, the Swagger UI
// under /swagger/ and the OpenAPI 3 document at /openapi.json.
func newHandler(st *store, token string, logger *slog.Logger) (http.Handler, error) {
	doc3, err := spec.V3([]byte(docs.SwaggerInfo.ReadDoc()))
	if err != nil {
		return nil, err
	}
	openapiJSON, err := doc3.MarshalJSON()
	if err != nil {
		return nil, err
	}
	a := &api{store: st, token: token, logger: logger}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/tags", a.listTags)
	mux.HandleFunc("GET /api/bookmarks", a.listBookmarks)
	mux.Handle("POST /api/bookmarks", a.auth(http.HandlerFunc(a.createBookmark)))
	mux.HandleFunc("GET /api/bookmarks/{id}", a.getBookmark)
	mux.Handle("DELETE /api/bookmarks/{id}", a.auth(http.HandlerFunc(a.deleteBookmark)))
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openapiJSON)
	})
	// The UI reads the OpenAPI 2 document that the docs package registered
	// with swag (swag.ReadDoc), at /swagger/doc.json.
	mux.Handle("GET /swagger/", httpSwagger.Handler(httpSwagger.URL("/swagger/doc.json")))
	return problem.Routes(mux), nil
}

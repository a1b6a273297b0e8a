// Package spec turns the OpenAPI 2 document that swag generates into the
// OpenAPI 3 document the chapter serves, validates against and generates its
// client from.
package spec

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
)

// ProblemJSON is the media type of the error bodies (RFC 9457).
const ProblemJSON = "application/problem+json"

// V3 converts a swag-generated OpenAPI 2 (Swagger) document to OpenAPI 3 and
// checks that the result is a valid OpenAPI 3 document.
func V3(swagger []byte) (*openapi3.T, error) {
	var doc2 openapi2.T
	if err := json.Unmarshal(swagger, &doc2); err != nil {
		return nil, fmt.Errorf("read the OpenAPI 2 document: %w", err)
	}
	doc3, err := openapi2conv.ToV3(&doc2)
	if err != nil {
		return nil, fmt.Errorf("convert to OpenAPI 3: %w", err)
	}
	splitMediaTypes(doc3)
	if err := doc3.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("the OpenAPI 3 document is invalid: %w", err)
	}
	return doc3, nil
}

// splitMediaTypes gives each response the one media type it is sent with.
// OpenAPI 2 lists an operation's media types once ("produces"), for every
// status alike, so the conversion offers application/json and
// application/problem+json for each response. OpenAPI 3 puts content under
// each response: success bodies are JSON, errors are problem details.
func splitMediaTypes(doc *openapi3.T) {
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for code, resp := range op.Responses.Map() {
				if resp.Value == nil || len(resp.Value.Content) == 0 {
					continue
				}
				status, err := strconv.Atoi(code)
				keep := "application/json"
				if err == nil && status >= 400 {
					keep = ProblemJSON
				}
				for mt := range resp.Value.Content {
					if mt != keep {
						delete(resp.Value.Content, mt)
					}
				}
			}
		}
	}
}

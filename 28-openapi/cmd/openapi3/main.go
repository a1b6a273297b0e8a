// Command openapi3 writes the chapter's OpenAPI 3 document, converted from
// the swag-generated OpenAPI 2 one, to a file: go generate runs it so that
// oapi-codegen has a file to read.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"workbook/28-openapi/docs"
	"workbook/28-openapi/spec"
)

func main() {
	out := flag.String("o", "docs/openapi3.json", "output file")
	flag.Parse()
	doc3, err := spec.V3([]byte(docs.SwaggerInfo.ReadDoc()))
	if err != nil {
		fmt.Fprintln(os.Stderr, "openapi3:", err)
		os.Exit(1)
	}
	b, err := json.MarshalIndent(doc3, "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, "openapi3:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "openapi3:", err)
		os.Exit(1)
	}
}

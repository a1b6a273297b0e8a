//go:build !solution

package annotations

// annotatedFile is the file of this build: your handlers.go.
const annotatedFile = "handlers.go"

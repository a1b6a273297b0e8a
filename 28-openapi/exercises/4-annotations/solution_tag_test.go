//go:build solution

package annotations

// annotatedFile is the file of handlers.go's build: the reference.
const annotatedFile = "handlers_solution.go"

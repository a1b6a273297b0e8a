// Package depcheck is exercise 2 of chapter 29: the dependency rule over
// real Go packages, loaded with golang.org/x/tools/go/packages, reporting
// where in the source each forbidden import is.
package depcheck

// Rule says: no package matching From may directly import a package
// matching any pattern in Deny. A pattern is an import path ("net/http"),
// or a path followed by "/..." for that path and every path below it
// ("shop/web/..." matches "shop/web" and "shop/web/render").
type Rule struct {
	From string
	Deny []string
}

// Violation is one forbidden import, and where it is written.
type Violation struct {
	Package string // the importing package's import path
	Import  string // the forbidden import path
	File    string // the file holding the import, relative to the loaded directory, with "/" separators
	Line    int    // the import's line in File, from 1
}

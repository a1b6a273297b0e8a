// Package layerrules is exercise 1 of chapter 29: the dependency rule of a
// layered design as a pure function over an import map.
package layerrules

// Rule says: a package matching From may not directly import a package
// matching any pattern in Deny, unless the import also matches a pattern
// in Allow.
//
// A pattern is a slash-separated import path whose elements are literal,
// or "*" (exactly one element, whatever it is), or — as the last element
// only — "..." (zero or more elements). So "shop/*/internal" matches
// "shop/orders/internal", and "shop/adapters/..." matches "shop/adapters"
// and everything below it.
type Rule struct {
	From  string
	Deny  []string
	Allow []string
}

// Violation is one forbidden import.
type Violation struct {
	Package string // the importing package
	Import  string // what it imports
	Rule    int    // index in rules of the first rule it breaks
}

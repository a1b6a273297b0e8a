//go:build !solution

package methodtable

// Allow returns the value of the Allow header for a resource whose handlers
// are listed in methods. See README.md for the rules.
func Allow(methods []string) string {
	// not implemented: edit exercises/1-method-table/methodtable.go
	return ""
}

// Decide says how to answer a request with the given method on a resource
// whose handlers are listed in methods. See README.md for the rules.
func Decide(methods []string, method string) Decision {
	// not implemented: edit exercises/1-method-table/methodtable.go
	return Decision{}
}

// Package domain is the publishing platform's business model: value objects
// that cannot hold invalid data, the Article aggregate whose workflow is a
// guarded state machine, the domain events it records, and the errors it
// returns.
//
// It knows nothing about HTTP, SQL or any other technology: it imports only
// the standard library's pure packages. domain_imports_test.go fails the
// build if that ever changes.
package domain

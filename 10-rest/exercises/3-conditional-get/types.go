// Package conditional implements conditional GET: entity-tag comparison
// (RFC 9110 section 8.8.3.2) and a middleware that answers 304 Not
// Modified when the client's cached copy is still current.
package conditional

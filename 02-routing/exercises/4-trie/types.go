// Package trie is a from-scratch router: a tree with one level per path
// segment, where a static segment beats a parameter and a parameter beats
// a wildcard.
package trie

import "errors"

// Errors returned by (*Router).Add; test them with errors.Is.
var (
	// ErrBadPattern: the pattern does not start with "/", has a malformed
	// or empty {name}, mixes text and a variable in one segment, or has a
	// {name...} wildcard that is not the last segment.
	ErrBadPattern = errors.New("trie: bad pattern")
	// ErrDuplicate: a pattern of the same shape is already registered
	// ("/a/{x}" and "/a/{y}" have the same shape).
	ErrDuplicate = errors.New("trie: duplicate pattern")
)

package main

import "crypto/subtle"

// tokenEqualUnsafe compares with ==, which stops at the first differing
// byte: how long it takes says how much of a guess was right.
func tokenEqualUnsafe(got, want string) bool { return got == want }

// tokenEqual takes the same time wherever the first difference is (it
// still leaks the length, which for a fixed-size token is no secret).
func tokenEqual(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

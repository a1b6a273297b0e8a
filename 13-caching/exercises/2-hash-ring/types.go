// Package hashring is exercise 2 of chapter 13: a consistent-hash ring with
// virtual nodes.
package hashring

import "hash/fnv"

// Hash is the ring's hash: 64-bit FNV-1a followed by the splitmix64
// finalizer. FNV alone spreads "node#1", "node#2"… poorly (they differ in
// the last byte only); the finalizer mixes every bit into every other. Use
// it for node points and keys.
func Hash(s string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	x := h.Sum64()
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

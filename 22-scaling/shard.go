package main

import "hash/fnv"

// hashMod is the naive shard choice: hash the key, take it modulo n.
// Going from n to n+1 shards moves about n/(n+1) of all keys.
func hashMod(key string, n int) int {
	h := fnv.New64a()
	h.Write([]byte(key))
	return int(h.Sum64() % uint64(n))
}

// jumpHash is Lamping and Veach's jump consistent hash (2014): going from
// n to n+1 shards moves only the keys that land on the new shard, about
// 1/(n+1) of them, and it needs no ring and no memory.
func jumpHash(key string, n int) int {
	h := fnv.New64a()
	h.Write([]byte(key))
	k := h.Sum64()
	b, j := int64(-1), int64(0)
	for j < int64(n) {
		b = j
		k = k*2862933555777941757 + 1
		j = int64(float64(b+1) * (float64(int64(1)<<31) / float64((k>>33)+1)))
	}
	return int(b)
}

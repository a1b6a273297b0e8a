package main

import "fmt"

// Example_resharding counts how many of 10000 keys change shard when a
// fifth shard joins four.
func Example_resharding() {
	moved := map[string]int{}
	const keys = 10000
	for i := range keys {
		k := fmt.Sprintf("user-%d", i)
		if hashMod(k, 4) != hashMod(k, 5) {
			moved["hash mod"]++
		}
		if jumpHash(k, 4) != jumpHash(k, 5) {
			moved["jump hash"]++
		}
	}
	fmt.Printf("hash mod:  %d of %d keys moved\n", moved["hash mod"], keys)
	fmt.Printf("jump hash: %d of %d keys moved\n", moved["jump hash"], keys)
	// Output:
	// hash mod:  7990 of 10000 keys moved
	// jump hash: 2016 of 10000 keys moved
}

// Command race has a data race for the race detector to find: two
// goroutines increment one int without synchronisation.
//
//	go run -race ./23-concurrency/demos/race
//
// Without -race it prints a total that is often short of 2000 and never
// complains; with -race it reports both conflicting accesses and exits 66.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var hits int
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for range 1000 {
				hits++ // read, add, write: two goroutines interleave and lose updates
			}
		})
	}
	wg.Wait()
	fmt.Println("hits:", hits)
}

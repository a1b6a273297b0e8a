// Command deadlock reproduces the lock-ordering deadlock the ledger avoids:
// two goroutines take the same two locks in opposite orders.
//
//	go run ./23-concurrency/demos/deadlock
//
// It never finishes on its own: the runtime notices that every goroutine is
// blocked and stops the program with "all goroutines are asleep".
package main

import (
	"fmt"
	"sync"
)

func main() {
	var a, b sync.Mutex
	var wg, holding sync.WaitGroup
	holding.Add(2)
	lockBoth := func(first, second *sync.Mutex) {
		defer wg.Done()
		first.Lock()
		holding.Done()
		holding.Wait() // both goroutines now hold their first lock
		second.Lock()  // each waits for the lock the other holds: forever
		fmt.Println("never printed")
		second.Unlock()
		first.Unlock()
	}
	wg.Add(2)
	go lockBoth(&a, &b) // A then B
	go lockBoth(&b, &a) // B then A
	wg.Wait()
	fmt.Println("never printed either")
}

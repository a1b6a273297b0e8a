package main

import (
	"errors"
	"sort"
	"sync"
)

// account is one balance with its own lock: transfers between different
// pairs of accounts run in parallel.
type account struct {
	id      string
	mu      sync.Mutex
	balance int64
}

// ledger holds accounts. The map itself never changes after newLedger, so
// reading it from many goroutines needs no lock: immutable data is
// thread-safe for free.
type ledger struct {
	accounts map[string]*account
}

var (
	errNoAccount    = errors.New("no such account")
	errInsufficient = errors.New("insufficient funds")
	errSameAccount  = errors.New("from and to are the same account")
)

func newLedger(balances map[string]int64) *ledger {
	l := &ledger{accounts: map[string]*account{}}
	for id, b := range balances {
		l.accounts[id] = &account{id: id, balance: b}
	}
	return l
}

// transfer moves amount from one account to another. It must hold both
// locks. Taking them in the order of the call (from, then to) deadlocks
// when A→B and B→A run at once: each holds one lock and waits for the
// other. Taking them in one global order (by id) makes that cycle impossible.
func (l *ledger) transfer(from, to string, amount int64) error {
	a, b := l.accounts[from], l.accounts[to]
	if a == nil || b == nil {
		return errNoAccount
	}
	if a == b {
		return errSameAccount // locking one mutex twice would deadlock too
	}
	first, second := a, b
	if second.id < first.id {
		first, second = second, first
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	if a.balance < amount {
		return errInsufficient
	}
	a.balance -= amount
	b.balance += amount
	return nil
}

// balances returns every balance, taking the locks in the same global order.
func (l *ledger) balances() map[string]int64 {
	ids := make([]string, 0, len(l.accounts))
	for id := range l.accounts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make(map[string]int64, len(ids))
	for _, id := range ids {
		a := l.accounts[id]
		a.mu.Lock()
		out[id] = a.balance
		a.mu.Unlock()
	}
	return out
}

package main

import (
	"strings"
	"sync"
)

// marketingCategories are the categories a user can switch off. Account
// and billing mail is transactional: it is sent whatever the preferences.
var marketingCategories = []string{"newsletter", "product-updates"}

// preferences holds per-address opt-outs and the suppression list.
type preferences struct {
	mu         sync.Mutex
	optedOut   map[string]map[string]bool // address → category → unsubscribed
	suppressed map[string]string          // address → why (bounce, complaint)
}

func newPreferences() *preferences {
	return &preferences{optedOut: map[string]map[string]bool{}, suppressed: map[string]string{}}
}

func normalizeAddress(a string) string { return strings.ToLower(strings.TrimSpace(a)) }

// Allows reports whether marketing mail of category may go to addr.
func (p *preferences) Allows(addr, category string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return !p.optedOut[normalizeAddress(addr)][category]
}

// Set records addr's choice for category.
func (p *preferences) Set(addr, category string, subscribed bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	addr = normalizeAddress(addr)
	if p.optedOut[addr] == nil {
		p.optedOut[addr] = map[string]bool{}
	}
	p.optedOut[addr][category] = !subscribed
}

// Get returns every marketing category with whether addr receives it.
func (p *preferences) Get(addr string) map[string]bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]bool{}
	for _, c := range marketingCategories {
		out[c] = !p.optedOut[normalizeAddress(addr)][c]
	}
	return out
}

// Suppress stops all future mail to addr: a hard bounce means it does not
// exist, a complaint means the user called it spam.
func (p *preferences) Suppress(addr, reason string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.suppressed[normalizeAddress(addr)] = reason
}

func (p *preferences) Suppressed(addr string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, ok := p.suppressed[normalizeAddress(addr)]
	return ok
}

//go:build solution

package balancers

import "sync"

// index checks a backend list and maps each name to its position.
func index(backends []Backend, needWeight bool) (map[string]int, error) {
	if len(backends) == 0 {
		return nil, ErrNoBackends
	}
	pos := make(map[string]int, len(backends))
	for i, b := range backends {
		if _, dup := pos[b.Name]; dup || b.Name == "" || (needWeight && b.Weight < 1) {
			return nil, ErrBadBackend
		}
		pos[b.Name] = i
	}
	return pos, nil
}

// pool is what the three balancers share: names and health. Each
// balancer guards its pool with its own mutex.
type pool struct {
	names   []string
	pos     map[string]int
	healthy []bool
}

func newPool(backends []Backend, needWeight bool) (pool, error) {
	pos, err := index(backends, needWeight)
	if err != nil {
		return pool{}, err
	}
	p := pool{pos: pos, healthy: make([]bool, len(backends))}
	for i, b := range backends {
		p.names = append(p.names, b.Name)
		p.healthy[i] = true
	}
	return p, nil
}

// setHealthy is called with the balancer's lock held; it reports whether anything changed.
func (p *pool) setHealthy(name string, healthy bool) (bool, error) {
	i, ok := p.pos[name]
	if !ok {
		return false, ErrUnknownBackend
	}
	changed := p.healthy[i] != healthy
	p.healthy[i] = healthy
	return changed, nil
}

// RoundRobin hands out healthy backends in list order, in turn.
type RoundRobin struct {
	mu sync.Mutex
	pool
	next int // where the search for the next pick starts
}

// NewRoundRobin returns a RoundRobin over backends, all healthy.
func NewRoundRobin(backends []Backend) (*RoundRobin, error) {
	p, err := newPool(backends, false)
	if err != nil {
		return nil, err
	}
	return &RoundRobin{pool: p}, nil
}

// Next returns the name of the next healthy backend.
func (b *RoundRobin) Next() (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := len(b.names)
	for k := range n {
		i := (b.next + k) % n
		if b.healthy[i] {
			b.next = (i + 1) % n
			return b.names[i], nil
		}
	}
	return "", ErrNoHealthy
}

// SetHealthy marks a backend healthy or not.
func (b *RoundRobin) SetHealthy(name string, healthy bool) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, err := b.setHealthy(name, healthy)
	return err
}

// LeastConnections hands out the healthy backend with the fewest requests
// in flight.
type LeastConnections struct {
	mu sync.Mutex
	pool
	active []int
}

// NewLeastConnections returns a LeastConnections over backends, all healthy and idle.
func NewLeastConnections(backends []Backend) (*LeastConnections, error) {
	p, err := newPool(backends, false)
	if err != nil {
		return nil, err
	}
	return &LeastConnections{pool: p, active: make([]int, len(backends))}, nil
}

// Acquire picks a backend and counts a request in flight on it; release
// ends that request.
func (b *LeastConnections) Acquire() (string, func(), error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	best := -1
	for i := range b.names {
		if b.healthy[i] && (best < 0 || b.active[i] < b.active[best]) {
			best = i
		}
	}
	if best < 0 {
		return "", func() {}, ErrNoHealthy
	}
	b.active[best]++
	var once sync.Once
	release := func() {
		once.Do(func() {
			b.mu.Lock()
			b.active[best]--
			b.mu.Unlock()
		})
	}
	return b.names[best], release, nil
}

// InFlight reports the requests in flight on name (0 for an unknown name).
func (b *LeastConnections) InFlight(name string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	i, ok := b.pos[name]
	if !ok {
		return 0
	}
	return b.active[i]
}

// SetHealthy marks a backend healthy or not.
func (b *LeastConnections) SetHealthy(name string, healthy bool) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, err := b.setHealthy(name, healthy)
	return err
}

// SmoothWeighted is nginx's smooth weighted round-robin.
type SmoothWeighted struct {
	mu sync.Mutex
	pool
	weight  []int
	current []int
}

// NewSmoothWeighted returns a SmoothWeighted over backends, all healthy.
func NewSmoothWeighted(backends []Backend) (*SmoothWeighted, error) {
	p, err := newPool(backends, true)
	if err != nil {
		return nil, err
	}
	b := &SmoothWeighted{pool: p, current: make([]int, len(backends))}
	for _, be := range backends {
		b.weight = append(b.weight, be.Weight)
	}
	return b, nil
}

// Next returns the name of the next backend.
func (b *SmoothWeighted) Next() (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	best, total := -1, 0
	for i := range b.names {
		if !b.healthy[i] {
			continue
		}
		b.current[i] += b.weight[i]
		total += b.weight[i]
		if best < 0 || b.current[i] > b.current[best] {
			best = i
		}
	}
	if best < 0 {
		return "", ErrNoHealthy
	}
	b.current[best] -= total
	return b.names[best], nil
}

// SetHealthy marks a backend healthy or not; a change restarts the
// sequence (every current weight back to 0).
func (b *SmoothWeighted) SetHealthy(name string, healthy bool) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	changed, err := b.setHealthy(name, healthy)
	if changed {
		clear(b.current)
	}
	return err
}

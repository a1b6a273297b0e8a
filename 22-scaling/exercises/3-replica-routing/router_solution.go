//go:build solution

package replicarouting

import (
	"sync"
	"time"
)

type replica struct {
	name    string
	healthy bool
	lag     time.Duration
}

// Router routes reads and writes. It is safe for concurrent use.
type Router struct {
	primary  string
	window   time.Duration
	maxLag   time.Duration
	now      func() time.Time
	mu       sync.Mutex
	replicas []replica
	turn     int                  // replica reads so far, for taking turns
	wrote    map[string]time.Time // session → its last write
}

// New returns a Router; every replica starts healthy with no lag.
func New(cfg Config) (*Router, error) {
	if cfg.Primary == "" || cfg.RYWWindow < 0 || cfg.MaxLag < 0 {
		return nil, ErrConfig
	}
	seen := map[string]bool{cfg.Primary: true}
	r := &Router{primary: cfg.Primary, window: cfg.RYWWindow, maxLag: cfg.MaxLag, now: cfg.Now, wrote: map[string]time.Time{}}
	for _, name := range cfg.Replicas {
		if name == "" || seen[name] {
			return nil, ErrConfig
		}
		seen[name] = true
		r.replicas = append(r.replicas, replica{name: name, healthy: true})
	}
	if r.now == nil {
		r.now = time.Now
	}
	return r, nil
}

// Write routes a write by session ("" is a session-less write).
func (r *Router) Write(session string) Choice {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	r.forget(now)
	if session != "" {
		r.wrote[session] = now
	}
	return Choice{Node: r.primary, Reason: ToPrimary}
}

// forget drops the sessions whose window has ended, so the map stays
// as small as the writers of the last window. r.mu is held.
func (r *Router) forget(now time.Time) {
	for s, at := range r.wrote {
		if now.Sub(at) >= r.window {
			delete(r.wrote, s)
		}
	}
}

// Read routes a read by session.
func (r *Router) Read(session string) Choice {
	r.mu.Lock()
	defer r.mu.Unlock()
	if at, ok := r.wrote[session]; ok && r.now().Sub(at) < r.window {
		return Choice{Node: r.primary, Reason: ReadYourWrite}
	}
	var fit []string
	for _, rep := range r.replicas {
		if rep.healthy && rep.lag <= r.maxLag {
			fit = append(fit, rep.name)
		}
	}
	if len(fit) == 0 {
		return Choice{Node: r.primary, Reason: NoReplica}
	}
	name := fit[r.turn%len(fit)]
	r.turn++
	return Choice{Node: name, Reason: ToReplica}
}

// SetReplica records a replica's health and replication lag.
func (r *Router) SetReplica(name string, healthy bool, lag time.Duration) error {
	if lag < 0 {
		return ErrBadLag
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.replicas {
		if r.replicas[i].name == name {
			r.replicas[i].healthy, r.replicas[i].lag = healthy, lag
			return nil
		}
	}
	return ErrUnknownNode
}

// Sessions is how many sessions are still inside their read-your-writes window.
func (r *Router) Sessions() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.forget(r.now())
	return len(r.wrote)
}

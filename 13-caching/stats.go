package main

import (
	"sync/atomic"
	"time"
)

// Stats counts what the cache did. Every field is updated atomically, so the
// handlers can read a snapshot while requests run.
type Stats struct {
	hits, misses, negativeHits, loads, errors, refreshes atomic.Int64
	hitNanos, missNanos                                  atomic.Int64
}

// StatsSnapshot is the JSON body of GET /stats.
type StatsSnapshot struct {
	Hits         int64   `json:"hits"`
	Misses       int64   `json:"misses"`
	NegativeHits int64   `json:"negative_hits"`
	SourceLoads  int64   `json:"source_loads"`
	CacheErrors  int64   `json:"cache_errors"`
	Refreshes    int64   `json:"refresh_ahead"`
	HitRate      float64 `json:"hit_rate"`
	AvgHitMicros float64 `json:"avg_hit_us"`
	AvgMissMicro float64 `json:"avg_miss_us"`
}

// observe records one read: a hit (positive or negative) or a miss, and how long it took.
func (s *Stats) observe(hit bool, d time.Duration) {
	if hit {
		s.hits.Add(1)
		s.hitNanos.Add(int64(d))
		return
	}
	s.misses.Add(1)
	s.missNanos.Add(int64(d))
}

// Snapshot returns the counters and the figures derived from them.
func (s *Stats) Snapshot() StatsSnapshot {
	snap := StatsSnapshot{
		Hits: s.hits.Load(), Misses: s.misses.Load(), NegativeHits: s.negativeHits.Load(),
		SourceLoads: s.loads.Load(), CacheErrors: s.errors.Load(), Refreshes: s.refreshes.Load(),
	}
	if total := snap.Hits + snap.Misses; total > 0 {
		snap.HitRate = float64(snap.Hits) / float64(total)
	}
	if snap.Hits > 0 {
		snap.AvgHitMicros = float64(s.hitNanos.Load()) / float64(snap.Hits) / 1e3
	}
	if snap.Misses > 0 {
		snap.AvgMissMicro = float64(s.missNanos.Load()) / float64(snap.Misses) / 1e3
	}
	return snap
}

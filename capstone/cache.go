package main

import (
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"workbook/capstone/lru"
	"workbook/capstone/memcache"
	"workbook/capstone/service"
)

// newCache picks the cache adapter: memcached when MEMCACHED_ADDRS is set,
// else an in-process LRU of CACHE_SIZE entries, else (CACHE_SIZE=0) none.
// Its hit, miss and error counts are exported as cache_requests_total.
func newCache(cfg config, reg prometheus.Registerer, logger *slog.Logger) (*service.Cached, error) {
	var c service.Cache
	switch {
	case len(cfg.MemcachedAddrs) > 0:
		mc := memcache.New(200*time.Millisecond, cfg.MemcachedAddrs...)
		if err := mc.Ping(); err != nil {
			// Not fatal: the API works without its cache, only slower.
			logger.Warn("memcached does not answer yet; reads go to the store until it does", "addrs", cfg.MemcachedAddrs, "err", err)
		}
		c = mc
		logger.Info("cache", "kind", "memcached", "addrs", cfg.MemcachedAddrs, "ttl", cfg.CacheTTL.String())
	case cfg.CacheSize > 0:
		c = lru.New(cfg.CacheSize)
		logger.Info("cache", "kind", "in-process LRU", "entries", cfg.CacheSize, "ttl", cfg.CacheTTL.String())
	default:
		logger.Info("cache", "kind", "off")
		return nil, nil
	}
	cached := &service.Cached{Cache: c, Prefix: "conduit:", TTL: cfg.CacheTTL}
	for result, read := range map[string]func(service.CacheStats) int64{
		"hit":   func(s service.CacheStats) int64 { return s.Hits },
		"miss":  func(s service.CacheStats) int64 { return s.Misses },
		"error": func(s service.CacheStats) int64 { return s.Errors },
	} {
		err := reg.Register(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name:        "cache_requests_total",
			Help:        "Cached reads by result: hit, miss (loaded from the store), error (cache unreachable; loaded from the store).",
			ConstLabels: prometheus.Labels{"result": result},
		}, func() float64 { return float64(read(cached.Stats())) }))
		if err != nil {
			return nil, err
		}
	}
	return cached, nil
}

package testinfra

import (
	"fmt"
	"os"
	"testing"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/ory/dockertest/v3"
)

var memcachedService = service{
	name:    ServiceMemcached,
	envVar:  "WORKBOOK_MEMCACHED_ADDR",
	compose: "memcached",
	example: "127.0.0.1:11211",
}

// MemcachedEnv is a memcached server for one test.
type MemcachedEnv struct {
	// Addr is host:port of the server.
	Addr string
	// Prefix is unique to the test; put it in front of every key so that
	// tests sharing the server never see each other's entries. memcached
	// cannot list keys, so entries are left to expire or be evicted.
	Prefix string
}

// Memcached returns a memcached server from WORKBOOK_MEMCACHED_ADDR, else a
// memcached:1 container, else the test skips.
func Memcached(tb testing.TB) *MemcachedEnv {
	tb.Helper()
	addr := os.Getenv(memcachedService.envVar)
	if addr == "" {
		r, err := container(tb, "memcached", &dockertest.RunOptions{Repository: "memcached", Tag: "1-alpine"},
			func(r *dockertest.Resource) error { return memcache.New(r.GetHostPort("11211/tcp")).Ping() })
		if err != nil {
			unavailable(tb, memcachedService, err.Error())
			return nil
		}
		addr = r.GetHostPort("11211/tcp")
	}
	if err := memcache.New(addr).Ping(); err != nil {
		broken(tb, memcachedService, "ping %s: %v", addr, err)
	}
	return &MemcachedEnv{Addr: addr, Prefix: fmt.Sprintf("%s:", uniqueName(tb, "-"))}
}

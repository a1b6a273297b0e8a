package testinfra

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ory/dockertest/v3"
	"github.com/ory/dockertest/v3/docker"
)

// containerLifetime bounds how long a container started for tests may live:
// Docker removes it afterwards even if the test binary was killed.
const containerLifetime = 10 * 60 // seconds

var (
	dockerOnce sync.Once
	dockerPool *dockertest.Pool
	dockerErr  error

	containersMu sync.Mutex
	containers   = map[string]*containerResult{}
)

type containerResult struct {
	once     sync.Once
	resource *dockertest.Resource
	err      error
}

// pool returns a Docker pool whose engine answered Ping, or why there is none.
func pool() (*dockertest.Pool, error) {
	dockerOnce.Do(func() {
		p, err := dockertest.NewPool("")
		if err != nil {
			dockerErr = fmt.Errorf("no Docker client: %w", err)
			return
		}
		if err := p.Client.Ping(); err != nil {
			dockerErr = fmt.Errorf("no Docker engine: %w", err)
			return
		}
		p.MaxWait = 2 * time.Minute
		dockerPool = p
	})
	return dockerPool, dockerErr
}

// container starts opts once per test binary (every test in the package
// shares it, isolated by the helpers' own names) and waits until ready
// returns nil. Docker removes it after containerLifetime.
func container(tb testing.TB, key string, opts *dockertest.RunOptions, ready func(*dockertest.Resource) error) (*dockertest.Resource, error) {
	tb.Helper()
	p, err := pool()
	if err != nil {
		return nil, err
	}
	containersMu.Lock()
	c, ok := containers[key]
	if !ok {
		c = &containerResult{}
		containers[key] = c
	}
	containersMu.Unlock()
	c.once.Do(func() {
		tb.Logf("testinfra: starting %s:%s with Docker", opts.Repository, opts.Tag)
		r, err := p.RunWithOptions(opts, func(hc *docker.HostConfig) {
			hc.AutoRemove = true
			hc.RestartPolicy = docker.RestartPolicy{Name: "no"}
		})
		if err != nil {
			c.err = fmt.Errorf("start %s: %w", opts.Repository, err)
			return
		}
		_ = r.Expire(containerLifetime)
		if err := p.Retry(func() error { return ready(r) }); err != nil {
			_ = p.Purge(r)
			c.err = fmt.Errorf("%s never became ready: %w", opts.Repository, err)
			return
		}
		c.resource = r
	})
	return c.resource, c.err
}

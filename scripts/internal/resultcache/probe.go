package resultcache

import (
	"net"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// probeTimeout bounds each reachability check of a service.
const probeTimeout = 300 * time.Millisecond

// ServiceProbe says which of the services a test could use answer now: the
// Docker engine (DOCKER_HOST, else /var/run/docker.sock) and every address
// in a WORKBOOK_ variable (a URL with a host, or host:port). workbook/
// testinfra gives a test a service from those two places or skips it, so a
// skip, or a failure to connect, is explained by this fingerprint: when
// PostgreSQL starts, the fingerprint changes and the result is a miss.
func ServiceProbe(environ []string) string {
	type target struct{ name, network, addr string }
	var targets []target
	docker := "unix:///var/run/docker.sock"
	for _, kv := range environ {
		k, v, _ := strings.Cut(kv, "=")
		switch {
		case k == "DOCKER_HOST" && v != "":
			docker = v
		case strings.HasPrefix(k, "WORKBOOK_") && !ownVars[k]:
			if addr := hostPort(v); addr != "" {
				targets = append(targets, target{k, "tcp", addr})
			}
		}
	}
	if u, err := url.Parse(docker); err == nil && u.Scheme == "unix" {
		targets = append(targets, target{"docker", "unix", u.Path})
	} else if addr := hostPort(docker); addr != "" {
		targets = append(targets, target{"docker", "tcp", addr})
	}
	out := make([]string, len(targets))
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Go(func() {
			state := "down"
			if c, err := net.DialTimeout(t.network, t.addr, probeTimeout); err == nil {
				c.Close()
				state = "up"
			}
			out[i] = t.name + "=" + state
		})
	}
	wg.Wait()
	sort.Strings(out)
	return strings.Join(out, " ")
}

// hostPort is the host:port a service setting points at, or "".
func hostPort(v string) string {
	if u, err := url.Parse(v); err == nil && u.Host != "" && u.Scheme != "" {
		if u.Port() != "" {
			return u.Host
		}
		if port := map[string]string{"postgres": "5432", "postgresql": "5432", "amqp": "5672", "amqps": "5671", "http": "80", "https": "443", "tcp": "2375"}[u.Scheme]; port != "" {
			return net.JoinHostPort(u.Hostname(), port)
		}
		return ""
	}
	if host, port, err := net.SplitHostPort(v); err == nil && host != "" && port != "" && !strings.ContainsAny(v, "/ ") {
		return v
	}
	return ""
}

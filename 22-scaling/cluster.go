package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync"

	"workbook/serve"
	"workbook/serve/problem"
)

// instance runs one app on its own loopback listener and can be killed
// (every connection cut at once, like a crashed process) and restarted on
// the same address.
type instance struct {
	addr    string // fixed after the first start
	handler http.Handler
	logger  *slog.Logger

	mu  sync.Mutex
	srv *http.Server
}

// start listens on the instance's address (a free loopback port the first time).
func (in *instance) start() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.srv != nil {
		return errors.New("already running")
	}
	addr := in.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	in.addr = ln.Addr().String()
	srv := serve.NewServer(in.handler, in.logger)
	in.srv = srv
	go func() { _ = srv.Serve(ln) }() // Serve returns ErrServerClosed on kill
	return nil
}

// kill closes the listener and every connection, in-flight ones included.
func (in *instance) kill() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.srv == nil {
		return false
	}
	_ = in.srv.Close()
	in.srv = nil
	return true
}

// cluster is the balancer plus the instances it fronts.
type cluster struct {
	lb        *balancer
	instances []*instance
}

// newCluster starts n instances sharing one database and a balancer in front.
func newCluster(cfg config, db *dbRouter, logger *slog.Logger) (*cluster, error) {
	c := &cluster{}
	var urls []*url.URL
	for i := range cfg.instances {
		a := newApp("app-"+itoa(i+1), db, cfg.hotSpot, cfg.workTime)
		in := &instance{handler: a.routes(), logger: logger}
		if err := in.start(); err != nil {
			c.close()
			return nil, err
		}
		c.instances = append(c.instances, in)
		urls = append(urls, &url.URL{Scheme: "http", Host: in.addr})
	}
	c.lb = newBalancer(urls, cfg.weights, strategies[cfg.strategy](), logger)
	return c, nil
}

func (c *cluster) close() {
	for _, in := range c.instances {
		in.kill()
	}
}

// routes is the balancer's own API under /lb/, and the proxy for the rest.
func (c *cluster) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /lb/backends", func(w http.ResponseWriter, r *http.Request) {
		type status struct {
			Name    string `json:"name"`
			URL     string `json:"url"`
			Weight  int    `json:"weight"`
			Healthy bool   `json:"healthy"`
			Active  int64  `json:"active"`
			Served  int64  `json:"served"`
		}
		out := []status{}
		for _, b := range c.lb.backends {
			out = append(out, status{b.name, b.url.String(), b.weight, b.healthy.Load(), b.active.Load(), b.served.Load()})
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	})
	mux.HandleFunc("POST /lb/backends/{name}/{action}", func(w http.ResponseWriter, r *http.Request) {
		in := c.byName(r.PathValue("name"))
		if in == nil {
			problem.NotFound(w, r)
			return
		}
		switch r.PathValue("action") {
		case "kill":
			if !in.kill() {
				problem.Error(w, r, http.StatusConflict, r.PathValue("name")+" is not running")
				return
			}
		case "start":
			if err := in.start(); err != nil {
				c.lb.logger.Error("restart failed", "backend", r.PathValue("name"), "err", err)
				problem.Error(w, r, http.StatusConflict, r.PathValue("name")+" could not be started")
				return
			}
		default:
			problem.NotFound(w, r)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.Handle("/", c.lb)
	return problem.Routes(mux)
}

func (c *cluster) byName(name string) *instance {
	for i, b := range c.lb.backends {
		if b.name == name {
			return c.instances[i]
		}
	}
	return nil
}

// run serves the balancer on ln until ctx is done, with health checks running.
func (c *cluster) run(ctx context.Context, ln net.Listener, hc healthConfig, logger *slog.Logger) error {
	defer c.close()
	hctx, stop := context.WithCancel(ctx)
	defer stop()
	go c.lb.checkHealth(hctx, hc)
	return serve.Run(ctx, serve.NewServer(c.routes(), logger), ln, logger, serveGrace)
}

// Command 25-realtime runs a chat with rooms: WebSocket (gorilla/websocket)
// with an authenticated upgrade, origin check, ping/pong and bounded send
// buffers; Server-Sent Events with Last-Event-ID resume; a long-polling
// fallback; and a page that degrades from one to the next. Instances fan
// messages out to each other through RabbitMQ, or an in-process broker
// when no AMQP URL is given.
//
//	go run ./25-realtime                                   # 127.0.0.1:8125, in-process broker
//	go run ./25-realtime -amqp-url amqp://guest:guest@127.0.0.1:5672/ -token-secret s3cret
//
// Every flag has an environment variable of the same meaning (see parseConfig).
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"workbook/serve"
)

// config is everything the server can be told at start-up.
type config struct {
	addr           string
	amqpURL        string // empty: the in-process broker
	exchange       string
	tokenSecret    string // empty: a random one (tokens then work on this process only)
	tokenTTL       time.Duration
	allowedOrigins []string
	transports     []string
	history        int
	sendBuffer     int
	maxRooms       int
	pingInterval   time.Duration
	pollTimeout    time.Duration
	sendRate       float64
	sendBurst      int
	logFormat      string
}

const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "25-realtime:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "25-realtime:", err)
		os.Exit(2)
	}
	ctx, stop := serve.SignalContext()
	defer stop()
	if err := run(ctx, cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// run serves until ctx is done. On shutdown the hub tells every WebSocket
// (close 1001), SSE stream and long poll to finish, then waits for the
// WebSockets, which http.Server.Shutdown does not track once hijacked.
func run(ctx context.Context, cfg config, logger *slog.Logger) error {
	instance := randomHex(3)
	var broker Broker = NewMemoryBus().Connect()
	brokerName := "in-process"
	if cfg.amqpURL != "" {
		b, err := dialAMQP(cfg.amqpURL, cfg.exchange, "25-realtime "+instance, logger)
		if err != nil {
			return err
		}
		broker, brokerName = b, "amqp exchange "+cfg.exchange
	}
	defer broker.Close()
	secret := cfg.tokenSecret
	if secret == "" {
		secret = randomHex(32)
		logger.Warn("no -token-secret: tokens from this process work on this process only")
	}
	m := newMetrics()
	hub := newHub(broker, hubOptions{
		Instance: instance, History: cfg.history, SendBuffer: cfg.sendBuffer, MaxRooms: cfg.maxRooms,
		PresenceInterval: 5 * time.Second, Now: time.Now,
	}, m, logger)
	a := newAPI(hub, &tokens{secret: []byte(secret), ttl: cfg.tokenTTL, now: time.Now},
		newSendLimits(cfg.sendRate, cfg.sendBurst, 10000), m, logger, apiOptions{
			Transports: cfg.transports, AllowedOrigins: cfg.allowedOrigins, PingInterval: cfg.pingInterval,
			WriteWait: 10 * time.Second, MaxText: 2000, PollTimeout: cfg.pollTimeout,
		})
	srv := serve.NewServer(routes(a), logger)
	srv.RegisterOnShutdown(hub.Shutdown)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String(), "instance", instance, "broker", brokerName,
		"transports", strings.Join(cfg.transports, ","))
	err = serve.Run(ctx, srv, ln, logger, shutdownGrace)
	hub.Shutdown() // also when serving failed
	waitCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if werr := hub.Wait(waitCtx); werr != nil {
		logger.Warn("websockets still open after the grace period", "err", werr)
	}
	logger.Info("stopped")
	return err
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// parseConfig reads flags from args, each default taken from the environment
// (ADDR, AMQP_URL, AMQP_EXCHANGE, TOKEN_SECRET, TOKEN_TTL, ALLOWED_ORIGINS,
// TRANSPORTS, HISTORY, SEND_BUFFER, MAX_ROOMS, PING_INTERVAL, POLL_TIMEOUT,
// SEND_RATE, SEND_BURST, LOG_FORMAT).
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	durations := map[string]time.Duration{}
	for _, d := range []struct{ env, def string }{
		{"TOKEN_TTL", "1h"}, {"PING_INTERVAL", "20s"}, {"POLL_TIMEOUT", "25s"},
	} {
		v, err := time.ParseDuration(serve.EnvOr(getenv, d.env, d.def))
		if err != nil {
			return config{}, fmt.Errorf("%s=%q is not a duration", d.env, getenv(d.env))
		}
		durations[d.env] = v
	}
	ints := map[string]int{}
	for _, d := range []struct{ env, def string }{
		{"HISTORY", "256"}, {"SEND_BUFFER", "64"}, {"MAX_ROOMS", "1000"}, {"SEND_BURST", "5"},
	} {
		v, err := strconv.Atoi(serve.EnvOr(getenv, d.env, d.def))
		if err != nil {
			return config{}, fmt.Errorf("%s=%q is not an integer", d.env, getenv(d.env))
		}
		ints[d.env] = v
	}
	rate, err := strconv.ParseFloat(serve.EnvOr(getenv, "SEND_RATE", "2"), 64)
	if err != nil {
		return config{}, fmt.Errorf("SEND_RATE=%q is not a number", getenv("SEND_RATE"))
	}

	var cfg config
	var origins, transports string
	fs := flag.NewFlagSet("25-realtime", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8125"), "listen address (env ADDR)")
	fs.StringVar(&cfg.amqpURL, "amqp-url", getenv("AMQP_URL"), "RabbitMQ URL for fan-out between instances; empty: in-process broker (env AMQP_URL)")
	fs.StringVar(&cfg.exchange, "amqp-exchange", serve.EnvOr(getenv, "AMQP_EXCHANGE", "25-realtime.chat"), "topic exchange the instances share (env AMQP_EXCHANGE)")
	fs.StringVar(&cfg.tokenSecret, "token-secret", getenv("TOKEN_SECRET"), "HMAC secret of the tokens, the same on every instance; empty: random (env TOKEN_SECRET)")
	fs.DurationVar(&cfg.tokenTTL, "token-ttl", durations["TOKEN_TTL"], "how long a token is valid (env TOKEN_TTL)")
	fs.StringVar(&origins, "allowed-origins", getenv("ALLOWED_ORIGINS"), "comma-separated origins allowed to open a WebSocket; empty: same origin (env ALLOWED_ORIGINS)")
	fs.StringVar(&transports, "transports", serve.EnvOr(getenv, "TRANSPORTS", "websocket,sse,poll"), "enabled transports, of websocket, sse, poll (env TRANSPORTS)")
	fs.IntVar(&cfg.history, "history", ints["HISTORY"], "events kept per room for resume (env HISTORY)")
	fs.IntVar(&cfg.sendBuffer, "send-buffer", ints["SEND_BUFFER"], "events queued per WebSocket client before it is evicted (env SEND_BUFFER)")
	fs.IntVar(&cfg.maxRooms, "max-rooms", ints["MAX_ROOMS"], "rooms one instance keeps (env MAX_ROOMS)")
	fs.DurationVar(&cfg.pingInterval, "ping-interval", durations["PING_INTERVAL"], "WebSocket ping and SSE heartbeat period; no pong for twice this drops the client (env PING_INTERVAL)")
	fs.DurationVar(&cfg.pollTimeout, "poll-timeout", durations["POLL_TIMEOUT"], "longest a long poll waits (env POLL_TIMEOUT)")
	fs.Float64Var(&cfg.sendRate, "send-rate", rate, "messages per second a user may send, sustained (env SEND_RATE)")
	fs.IntVar(&cfg.sendBurst, "send-burst", ints["SEND_BURST"], "messages a user may send at once (env SEND_BURST)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	cfg.allowedOrigins = splitList(origins)
	cfg.transports = splitList(transports)
	for _, t := range cfg.transports {
		if !slices.Contains([]string{"websocket", "sse", "poll"}, t) {
			return config{}, fmt.Errorf("transport %q is not one of websocket, sse, poll", t)
		}
	}
	switch {
	case len(cfg.transports) == 0:
		return config{}, errors.New("at least one transport must be enabled")
	case cfg.history < 1 || cfg.sendBuffer < 1 || cfg.maxRooms < 1:
		return config{}, errors.New("history, send buffer and max rooms must be at least 1")
	case cfg.tokenTTL <= 0 || cfg.pingInterval <= 0:
		return config{}, errors.New("token ttl and ping interval must be positive")
	case cfg.pollTimeout <= 0 || cfg.pollTimeout > 25*time.Second:
		return config{}, fmt.Errorf("poll timeout must be from 1ns to 25s (the server's write timeout is 30s), got %s", cfg.pollTimeout)
	case cfg.sendRate <= 0 || cfg.sendBurst < 1:
		return config{}, errors.New("send rate must be positive and send burst at least 1")
	case cfg.logFormat != "text" && cfg.logFormat != "json":
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

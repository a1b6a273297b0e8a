// Command 14-email sends transactional email: welcome, password-reset and
// receipt emails (and a newsletter, the marketing kind) are rendered from
// embedded templates, written to an outbox, and sent by a worker with
// retries to an SMTP server (Mailpit in development), DKIM-signed.
//
//	go run ./14-email        # API on 127.0.0.1:8014, mail to Mailpit on 127.0.0.1:1025
//
// Every flag has an environment variable of the same meaning (see parseConfig).
package main

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"sync"
	"time"

	"workbook/serve"
)

type config struct {
	addr          string
	smtpAddr      string
	from          string
	publicURL     string
	dkimSelector  string
	dkimKeyFile   string // PEM private key; empty: a fresh RSA key at start
	unsubSecret   string
	webhookSecret string
	maxAttempts   int
	logFormat     string
}

const shutdownGrace = 10 * time.Second

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "14-email:", err)
		os.Exit(2)
	}
	logger, err := serve.NewLogger(cfg.logFormat, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "14-email:", err)
		os.Exit(2)
	}
	if err := run(cfg, logger); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

func run(cfg config, logger *slog.Logger) error {
	ctx, stop := serve.SignalContext()
	defer stop()
	key, err := loadDKIMKey(cfg.dkimKeyFile, logger)
	if err != nil {
		return err
	}
	srv, m, err := newApp(cfg, key, logger)
	if err != nil {
		return err
	}
	name, txt, err := m.signer.dnsRecord()
	if err != nil {
		return err
	}
	logger.Info("DKIM public key to publish in DNS", "name", name, "type", "TXT", "value", txt)
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	// The worker stops when ctx does; Run returns after the HTTP server has
	// drained, and then we wait for the worker's current email to finish.
	var wg sync.WaitGroup
	wg.Go(func() { m.Run(ctx) })
	defer wg.Wait()
	logger.Info("listening", "url", "http://"+ln.Addr().String(), "smtp", cfg.smtpAddr)
	return serve.Run(ctx, serve.NewServer(srv.routes(), logger), ln, logger, shutdownGrace)
}

// newApp wires the handlers and the worker around one outbox.
func newApp(cfg config, key crypto.Signer, logger *slog.Logger) (*server, *mailer, error) {
	tpl, err := loadTemplates()
	if err != nil {
		return nil, nil, err
	}
	outbox, prefs := newMemoryOutbox(), newPreferences()
	unsub := unsubscribeKeys{secret: []byte(cfg.unsubSecret)}
	m := &mailer{outbox: outbox, templates: tpl, prefs: prefs, smtpAddr: cfg.smtpAddr, from: cfg.from,
		signer:    dkimSigner{domain: domainOf(cfg.from), selector: cfg.dkimSelector, key: key},
		publicURL: cfg.publicURL, unsub: unsub, poll: 200 * time.Millisecond, wake: make(chan struct{}, 1),
		policy: retryPolicy{base: 500 * time.Millisecond, cap: time.Minute, maxAttempts: cfg.maxAttempts},
		logger: logger, now: time.Now}
	s := &server{outbox: outbox, templates: tpl, prefs: prefs, unsub: unsub,
		webhookSecret: []byte(cfg.webhookSecret), publicURL: cfg.publicURL, wake: m.Wake}
	return s, m, nil
}

// loadDKIMKey reads a PKCS#8 or PKCS#1 PEM key, or makes a 2048-bit RSA key
// for this run (run logs the DNS record that would publish either).
func loadDKIMKey(path string, logger *slog.Logger) (crypto.Signer, error) {
	if path == "" {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return nil, err
		}
		logger.Info("generated a DKIM key for this run; set DKIM_KEY_FILE to keep one")
		return key, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("DKIM key %s: no PEM block", path)
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("DKIM key %s: %w", path, err)
	}
	s, ok := k.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("DKIM key %s: not a signing key", path)
	}
	return s, nil
}

// parseConfig reads flags, each defaulting to its environment variable.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	attempts, err := strconv.Atoi(serve.EnvOr(getenv, "MAX_ATTEMPTS", "5"))
	if err != nil {
		return config{}, fmt.Errorf("MAX_ATTEMPTS=%q is not a number", getenv("MAX_ATTEMPTS"))
	}
	var cfg config
	fs := flag.NewFlagSet("14-email", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.addr, "addr", serve.EnvOr(getenv, "ADDR", "127.0.0.1:8014"), "listen address (env ADDR)")
	fs.StringVar(&cfg.smtpAddr, "smtp-addr", serve.EnvOr(getenv, "SMTP_ADDR", "127.0.0.1:1025"), "SMTP server host:port (env SMTP_ADDR)")
	fs.StringVar(&cfg.from, "from", serve.EnvOr(getenv, "MAIL_FROM", "no-reply@workbook.test"), "From address; its domain signs DKIM (env MAIL_FROM)")
	fs.StringVar(&cfg.publicURL, "public-url", serve.EnvOr(getenv, "PUBLIC_URL", "https://mail.workbook.test"), "https base URL of links in mail (env PUBLIC_URL)")
	fs.StringVar(&cfg.dkimSelector, "dkim-selector", serve.EnvOr(getenv, "DKIM_SELECTOR", "wb2026"), "DKIM selector (env DKIM_SELECTOR)")
	fs.StringVar(&cfg.dkimKeyFile, "dkim-key-file", serve.EnvOr(getenv, "DKIM_KEY_FILE", ""), "PEM DKIM private key; empty: generate one (env DKIM_KEY_FILE)")
	fs.StringVar(&cfg.unsubSecret, "unsubscribe-secret", serve.EnvOr(getenv, "UNSUBSCRIBE_SECRET", "dev-unsubscribe-secret"), "HMAC key of unsubscribe tokens (env UNSUBSCRIBE_SECRET)")
	fs.StringVar(&cfg.webhookSecret, "webhook-secret", serve.EnvOr(getenv, "WEBHOOK_SECRET", "dev-webhook-secret"), "HMAC key of the bounce webhook (env WEBHOOK_SECRET)")
	fs.IntVar(&cfg.maxAttempts, "max-attempts", attempts, "send attempts before an email is dead-lettered (env MAX_ATTEMPTS)")
	fs.StringVar(&cfg.logFormat, "log-format", serve.EnvOr(getenv, "LOG_FORMAT", "text"), "log format: text or json (env LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if cfg.maxAttempts < 1 {
		return config{}, fmt.Errorf("max attempts must be at least 1, got %d", cfg.maxAttempts)
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return config{}, fmt.Errorf("log format must be text or json, got %q", cfg.logFormat)
	}
	return cfg, nil
}

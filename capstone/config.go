package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"workbook/capstone/service"
)

// config is everything the capstone reads at start. Each field comes from a
// flag, else an environment variable, else a default that works on a laptop.
type config struct {
	Addr              string
	DebugAddr         string // "off": no debug listener
	DatabaseURL       string // secret: its password is redacted when logged
	DBMaxConns        int
	MemcachedAddrs    []string // empty: the in-process LRU
	CacheSize         int      // entries of the in-process LRU; 0: no cache
	CacheTTL          time.Duration
	ElasticsearchURL  string // empty: the embedded bleve index
	AMQPURL           string // secret: its password is redacted when logged; empty: an in-process queue
	AMQPPrefix        string // names the queues and the exchange: <prefix>.jobs, <prefix>.notifications
	SMTPURL           string // secret: its password is redacted when logged; empty: emails go to the log
	MailFrom          string
	PublicURL         string   // of the web front end, for links in emails
	SearchIndex       string   // Elasticsearch index name, or bleve's directory ("" in memory)
	JWTSecret         string   // secret: never logged
	JWTPrevious       []string // secrets: never logged; still verify, never sign
	JWTTTL            time.Duration
	BcryptCost        int
	LogLevel          slog.Level
	CORSOrigins       []string
	AuthRatePerMinute int
	AuthBurst         int
	MaxBodyBytes      int64
	ReadTimeout       time.Duration
	ReadHeaderTimeout time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	DrainDelay        time.Duration
	ShutdownTimeout   time.Duration
	RequestTimeout    time.Duration
	DigestAt          time.Duration // after midnight UTC; -1: no digest
	Tracing           string
	OTLPEndpoint      string

	// Uploads: files under UploadDir, unless S3Endpoint names an S3 store.
	UploadDir          string
	UploadMaxBytes     int64
	UploadMaxDimension int    // pixels per side
	UploadBaseURL      string // before /api/uploads/ in image URLs; empty: relative
	S3Endpoint         string // host[:port]
	S3Bucket           string
	S3AccessKey        string // secret: never logged
	S3SecretKey        string // secret: never logged
	S3Region           string // empty: asked of the store
	S3UseSSL           bool
	S3PresignTTL       time.Duration
}

// amqpName is what AMQP_PREFIX may hold (RabbitMQ allows more, but these
// stay readable in its management UI and need no quoting anywhere).
var amqpName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

// loadConfig parses args and the environment (through getenv), then checks
// every value. It reports all the problems at once, not the first one.
func loadConfig(args []string, getenv func(string) string) (config, error) {
	var (
		c        config
		problems []error
		fs       = flag.NewFlagSet("capstone", flag.ContinueOnError)
	)
	fs.SetOutput(io.Discard)
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	str := func(p *string, flagName, envName, def, usage string) {
		fs.StringVar(p, flagName, env(envName, def), usage+" (env "+envName+")")
	}
	num := func(p *int, flagName, envName string, def int, usage string) {
		v, err := strconv.Atoi(env(envName, strconv.Itoa(def)))
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %q is not an integer", envName, getenv(envName)))
		}
		fs.IntVar(p, flagName, v, usage+" (env "+envName+")")
	}
	dur := func(p *time.Duration, flagName, envName string, def time.Duration, usage string) {
		v, err := time.ParseDuration(env(envName, def.String()))
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %q is not a duration like 5s or 1m", envName, getenv(envName)))
		}
		fs.DurationVar(p, flagName, v, usage+" (env "+envName+")")
	}

	var level, origins string
	var maxBody int
	str(&c.Addr, "addr", "ADDR", "127.0.0.1:8080", "listen address")
	str(&c.DebugAddr, "debug-addr", "DEBUG_ADDR", "127.0.0.1:6060", "listen address of /metrics, /swagger/ and /debug/pprof/; off: none")
	str(&c.DatabaseURL, "database-url", "DATABASE_URL", "", "PostgreSQL URL; empty: in-memory store")
	num(&c.DBMaxConns, "db-max-conns", "DB_MAX_CONNS", 10, "PostgreSQL pool size")
	var memcached string
	str(&memcached, "memcached-addrs", "MEMCACHED_ADDRS", "", "comma-separated memcached host:port list; empty: an in-process LRU")
	num(&c.CacheSize, "cache-size", "CACHE_SIZE", 10_000, "entries of the in-process cache; 0 turns caching off (without MEMCACHED_ADDRS)")
	dur(&c.CacheTTL, "cache-ttl", "CACHE_TTL", 5*time.Minute, "lifetime of a cached read")
	str(&c.SMTPURL, "smtp-url", "SMTP_URL", "", "SMTP server for emails, smtp://[user:pass@]host:port; empty: emails are written to the log")
	str(&c.MailFrom, "mail-from", "MAIL_FROM", "Conduit <no-reply@conduit.localhost>", "From of every email")
	str(&c.PublicURL, "public-url", "PUBLIC_URL", "http://localhost:3000", "the web front end's URL, for the links in emails")
	str(&c.AMQPURL, "amqp-url", "AMQP_URL", "", "RabbitMQ URL for the job queue and notifications; empty: in process (jobs do not survive a restart)")
	str(&c.AMQPPrefix, "amqp-prefix", "AMQP_PREFIX", "conduit", "prefix of the RabbitMQ queue and exchange names, so deployments can share a broker")
	str(&c.ElasticsearchURL, "elasticsearch-url", "ELASTICSEARCH_URL", "", "Elasticsearch URL for search; empty: an embedded bleve index")
	str(&c.SearchIndex, "search-index", "SEARCH_INDEX", "", "Elasticsearch index name (default conduit-articles), or the bleve index directory (default: in memory, rebuilt at start)")
	str(&c.JWTSecret, "jwt-secret", "JWT_SECRET", "", "HS256 signing secret, at least 32 bytes; empty: random at start")
	var previous string
	str(&previous, "jwt-previous-secrets", "JWT_PREVIOUS_SECRETS", "", "comma-separated earlier JWT secrets whose tokens still verify while a rotation runs")
	dur(&c.JWTTTL, "jwt-ttl", "JWT_TTL", 72*time.Hour, "token lifetime")
	num(&c.BcryptCost, "bcrypt-cost", "BCRYPT_COST", service.DefaultBcryptCost, "bcrypt work factor (10-16)")
	str(&level, "log-level", "LOG_LEVEL", "info", "debug, info, warn or error")
	str(&origins, "cors-origins", "CORS_ORIGINS", "*", "comma-separated browser origins allowed, or *")
	num(&c.AuthRatePerMinute, "auth-rate", "AUTH_RATE_PER_MINUTE", 10, "sign-ups and logins per client IP per minute")
	num(&c.AuthBurst, "auth-burst", "AUTH_BURST", 5, "sign-ups and logins a client IP may make at once")
	num(&maxBody, "max-body-bytes", "MAX_BODY_BYTES", 1<<20, "largest request body accepted")
	dur(&c.ReadTimeout, "read-timeout", "READ_TIMEOUT", 10*time.Second, "time to read a whole request")
	dur(&c.ReadHeaderTimeout, "read-header-timeout", "READ_HEADER_TIMEOUT", 5*time.Second, "time to read request headers")
	dur(&c.WriteTimeout, "write-timeout", "WRITE_TIMEOUT", 15*time.Second, "time to write a response")
	dur(&c.RequestTimeout, "request-timeout", "REQUEST_TIMEOUT", 10*time.Second, "deadline of a request's work (database included); past it, 503")
	var digestAt string
	str(&digestAt, "digest-at", "DIGEST_AT", "07:00", "time of day (UTC, HH:MM) the daily digest email goes out, or off")
	dur(&c.IdleTimeout, "idle-timeout", "IDLE_TIMEOUT", 60*time.Second, "keep-alive idle time")
	dur(&c.DrainDelay, "drain-delay", "DRAIN_DELAY", time.Second, "time /readyz fails before the listener closes")
	dur(&c.ShutdownTimeout, "shutdown-timeout", "SHUTDOWN_TIMEOUT", 20*time.Second, "time in-flight requests get to finish")
	str(&c.Tracing, "tracing", "TRACING", "off", "OpenTelemetry exporter: off, stdout or otlp")
	str(&c.OTLPEndpoint, "otlp-endpoint", "OTEL_EXPORTER_OTLP_ENDPOINT", "", "OTLP/HTTP endpoint URL for -tracing=otlp")
	var uploadMax int
	var s3SSL string
	str(&c.UploadDir, "upload-dir", "UPLOAD_DIR", defaultUploadDir(), "directory of uploaded images when S3_ENDPOINT is empty")
	num(&uploadMax, "upload-max-bytes", "UPLOAD_MAX_BYTES", service.DefaultUploadLimit, "largest image upload accepted")
	num(&c.UploadMaxDimension, "upload-max-dimension", "UPLOAD_MAX_DIMENSION", service.DefaultMaxSide, "widest and tallest image accepted, in pixels")
	str(&c.UploadBaseURL, "upload-base-url", "UPLOAD_BASE_URL", "", "public URL of this API, for image URLs; empty: http://ADDR")
	str(&c.S3Endpoint, "s3-endpoint", "S3_ENDPOINT", "", "S3-compatible store for uploads, host[:port]; empty: UPLOAD_DIR")
	str(&c.S3Bucket, "s3-bucket", "S3_BUCKET", "", "S3 bucket of the uploads")
	str(&c.S3AccessKey, "s3-access-key", "S3_ACCESS_KEY", "", "S3 access key ID")
	str(&c.S3SecretKey, "s3-secret-key", "S3_SECRET_KEY", "", "S3 secret access key")
	str(&c.S3Region, "s3-region", "S3_REGION", "", "S3 region that signs requests; empty: asked of the store")
	str(&s3SSL, "s3-use-ssl", "S3_USE_SSL", "true", "talk to S3_ENDPOINT over https")
	dur(&c.S3PresignTTL, "s3-presign-ttl", "S3_PRESIGN_TTL", service.DefaultURLTTL, "lifetime of the pre-signed URLs GET /api/uploads/ redirects to")
	if err := fs.Parse(args); err != nil {
		problems = append(problems, err)
	}
	c.MaxBodyBytes = int64(maxBody)
	c.UploadMaxBytes = int64(uploadMax)
	useSSL, sslErr := strconv.ParseBool(s3SSL)
	if sslErr != nil {
		problems = append(problems, fmt.Errorf("S3_USE_SSL: %q is not true or false", s3SSL))
	}
	c.S3UseSSL = useSSL
	if c.UploadBaseURL == "" {
		c.UploadBaseURL = defaultUploadBaseURL(c.Addr)
	}
	for _, p := range strings.Split(previous, ",") {
		if p = strings.TrimSpace(p); p != "" {
			c.JWTPrevious = append(c.JWTPrevious, p)
		}
	}
	for _, a := range strings.Split(memcached, ",") {
		if a = strings.TrimSpace(a); a != "" {
			c.MemcachedAddrs = append(c.MemcachedAddrs, a)
		}
	}
	for _, o := range strings.Split(origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.CORSOrigins = append(c.CORSOrigins, o)
		}
	}
	c.DigestAt = -1
	if digestAt != "off" {
		if t, err := time.Parse("15:04", digestAt); err != nil {
			problems = append(problems, fmt.Errorf("DIGEST_AT: %q is not a time of day as HH:MM (UTC), or off", digestAt))
		} else {
			c.DigestAt = time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
		}
	}
	if err := c.LogLevel.UnmarshalText([]byte(level)); err != nil {
		problems = append(problems, fmt.Errorf("LOG_LEVEL: %q is not debug, info, warn or error", level))
	}
	problems = append(problems, c.validate()...)
	return c, errors.Join(problems...)
}

// validate returns every rule the values break.
func (c config) validate() []error {
	var p []error
	bad := func(format string, args ...any) { p = append(p, fmt.Errorf(format, args...)) }
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		bad("ADDR: %q is not host:port", c.Addr)
	}
	if _, _, err := net.SplitHostPort(c.DebugAddr); err != nil && c.DebugAddr != "off" {
		bad("DEBUG_ADDR: %q is not host:port or off", c.DebugAddr)
	}
	if c.DatabaseURL != "" {
		if u, err := url.Parse(c.DatabaseURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			bad("DATABASE_URL: must be a postgres:// URL")
		}
	}
	for _, a := range c.MemcachedAddrs {
		if _, _, err := net.SplitHostPort(a); err != nil {
			bad("MEMCACHED_ADDRS: %q is not host:port", a)
		}
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || u.Scheme != "smtp" || u.Host == "" {
			bad("SMTP_URL: must be smtp://[user:pass@]host:port")
		}
	}
	if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		bad("MAIL_FROM: %q is not an email address", c.MailFrom)
	}
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("PUBLIC_URL: %q is not an http(s) URL", c.PublicURL)
	}
	if c.AMQPURL != "" {
		if u, err := url.Parse(c.AMQPURL); err != nil || (u.Scheme != "amqp" && u.Scheme != "amqps") || u.Host == "" {
			bad("AMQP_URL: must be an amqp:// or amqps:// URL")
		}
	}
	if !amqpName.MatchString(c.AMQPPrefix) {
		bad("AMQP_PREFIX: %q must be 1-100 letters, digits, '.', '_' or '-'", c.AMQPPrefix)
	}
	if c.ElasticsearchURL != "" {
		if u, err := url.Parse(c.ElasticsearchURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("ELASTICSEARCH_URL: %q is not an http(s) URL", c.ElasticsearchURL)
		}
	}
	if c.CacheSize < 0 {
		bad("CACHE_SIZE: must not be negative")
	}
	if c.CacheTTL <= 0 {
		bad("CACHE_TTL: must be positive")
	}
	if c.DBMaxConns < 1 || c.DBMaxConns > 1000 {
		bad("DB_MAX_CONNS: %d is not between 1 and 1000", c.DBMaxConns)
	}
	if len(c.JWTPrevious) > 0 && c.JWTSecret == "" {
		bad("JWT_PREVIOUS_SECRETS: needs JWT_SECRET (the secret being rotated to)")
	}
	for i, p := range c.JWTPrevious {
		if len(p) < 32 {
			bad("JWT_PREVIOUS_SECRETS: secret %d must be at least 32 bytes (it has %d)", i+1, len(p))
		}
	}
	if c.JWTSecret != "" && len(c.JWTSecret) < 32 {
		bad("JWT_SECRET: must be at least 32 bytes (it has %d)", len(c.JWTSecret))
	}
	if c.JWTTTL < time.Minute {
		bad("JWT_TTL: %s is shorter than a minute", c.JWTTTL)
	}
	if c.BcryptCost < 10 || c.BcryptCost > 16 {
		bad("BCRYPT_COST: %d is not between 10 and 16", c.BcryptCost)
	}
	if c.AuthRatePerMinute < 1 {
		bad("AUTH_RATE_PER_MINUTE: must be at least 1")
	}
	if c.AuthBurst < 1 {
		bad("AUTH_BURST: must be at least 1")
	}
	if c.MaxBodyBytes < 1024 {
		bad("MAX_BODY_BYTES: %d is less than 1024", c.MaxBodyBytes)
	}
	for name, d := range map[string]time.Duration{
		"READ_TIMEOUT": c.ReadTimeout, "READ_HEADER_TIMEOUT": c.ReadHeaderTimeout,
		"WRITE_TIMEOUT": c.WriteTimeout, "IDLE_TIMEOUT": c.IdleTimeout, "SHUTDOWN_TIMEOUT": c.ShutdownTimeout,
		"REQUEST_TIMEOUT": c.RequestTimeout,
	} {
		if d <= 0 {
			bad("%s: must be positive", name)
		}
	}
	if c.DrainDelay < 0 {
		bad("DRAIN_DELAY: must not be negative")
	}
	switch c.Tracing {
	case "off", "stdout":
	case "otlp":
		if c.OTLPEndpoint != "" {
			if u, err := url.Parse(c.OTLPEndpoint); err != nil || u.Host == "" {
				bad("OTEL_EXPORTER_OTLP_ENDPOINT: %q is not a URL", c.OTLPEndpoint)
			}
		}
	default:
		bad("TRACING: %q is not off, stdout or otlp", c.Tracing)
	}
	p = append(p, c.validateUploads()...)
	return p
}

// LogValue prints the configuration with its secrets redacted, so it can be
// logged at start.
func (c config) LogValue() slog.Value {
	db := "memory"
	if c.DatabaseURL != "" {
		db = "postgres (unparseable URL)"
		if u, err := url.Parse(c.DatabaseURL); err == nil {
			db = u.Redacted()
		}
	}
	secret := "random at start"
	if c.JWTSecret != "" {
		secret = "[redacted]"
	}
	return slog.GroupValue(
		slog.String("addr", c.Addr),
		slog.String("debug_addr", c.DebugAddr),
		slog.String("database", db),
		slog.Int("db_max_conns", c.DBMaxConns),
		slog.Any("memcached_addrs", c.MemcachedAddrs),
		slog.Int("cache_size", c.CacheSize),
		slog.String("cache_ttl", c.CacheTTL.String()),
		slog.String("elasticsearch", redactURL(c.ElasticsearchURL)),
		slog.String("amqp", redactURL(c.AMQPURL)),
		slog.String("amqp_prefix", c.AMQPPrefix),
		slog.String("smtp", redactURL(c.SMTPURL)),
		slog.String("mail_from", c.MailFrom),
		slog.String("public_url", c.PublicURL),
		slog.String("search_index", c.SearchIndex),
		slog.String("jwt_secret", secret),
		slog.Int("jwt_previous_secrets", len(c.JWTPrevious)), // how many, never which
		slog.String("jwt_ttl", c.JWTTTL.String()),
		slog.Int("bcrypt_cost", c.BcryptCost),
		slog.String("log_level", c.LogLevel.String()),
		slog.Any("cors_origins", c.CORSOrigins),
		slog.Int("auth_rate_per_minute", c.AuthRatePerMinute),
		slog.Int("auth_burst", c.AuthBurst),
		slog.Int64("max_body_bytes", c.MaxBodyBytes),
		slog.String("read_timeout", c.ReadTimeout.String()),
		slog.String("read_header_timeout", c.ReadHeaderTimeout.String()),
		slog.String("write_timeout", c.WriteTimeout.String()),
		slog.String("request_timeout", c.RequestTimeout.String()),
		slog.String("digest_at", digestAtString(c.DigestAt)),
		slog.String("idle_timeout", c.IdleTimeout.String()),
		slog.String("drain_delay", c.DrainDelay.String()),
		slog.String("shutdown_timeout", c.ShutdownTimeout.String()),
		slog.String("tracing", c.Tracing),
		slog.String("otlp_endpoint", c.OTLPEndpoint),
		slog.Attr{Key: "uploads", Value: c.uploadsLogValue()},
	)
}

// redactURL hides a password in u, which may carry credentials.
func redactURL(u string) string {
	if p, err := url.Parse(u); err == nil {
		return p.Redacted()
	}
	return "(unparseable URL)"
}

// digestAtString is DIGEST_AT as it was written: "07:00", or "off".
func digestAtString(d time.Duration) string {
	if d < 0 {
		return "off"
	}
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

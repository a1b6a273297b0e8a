// Package testinfra hands tests real, isolated backing services.
//
// Every helper looks for its service in the same order:
//
//  1. an address from the environment (WORKBOOK_POSTGRES_URL, WORKBOOK_AMQP_URL,
//     WORKBOOK_MEMCACHED_ADDR, WORKBOOK_SMTP_ADDR + WORKBOOK_MAILPIT_URL,
//     WORKBOOK_ELASTICSEARCH_URL, WORKBOOK_S3_URL);
//  2. a container started with ory/dockertest when a Docker engine answers Ping;
//  3. otherwise the test is skipped with one line that says how to enable it.
//
// When WORKBOOK_REQUIRE_SERVICES names the service (a comma-separated list such
// as "postgres,rabbitmq,memcached,smtp"), step 3 fails the test instead: CI sets
// it for every service it started, so a broken service can never pass as a skip.
//
// Each call isolates the test: a fresh database, unique queue names, a key or
// index prefix, or a bucket of its own, all removed by tb.Cleanup.
package testinfra

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

// Service names as WORKBOOK_REQUIRE_SERVICES spells them.
const (
	ServicePostgres      = "postgres"
	ServiceRabbitMQ      = "rabbitmq"
	ServiceMemcached     = "memcached"
	ServiceSMTP          = "smtp"
	ServiceElasticsearch = "elasticsearch"
	ServiceS3            = "s3"
)

// RequireEnv is the variable that turns skips into failures.
const RequireEnv = "WORKBOOK_REQUIRE_SERVICES"

// service describes how to find one backing service.
type service struct {
	name    string // as in WORKBOOK_REQUIRE_SERVICES
	envVar  string // the primary address variable
	compose string // the docker-compose service that provides it
	example string // an example value for envVar
}

// required reports whether list (the value of WORKBOOK_REQUIRE_SERVICES) names service.
func required(list, service string) bool {
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(strings.ToLower(s))
		if s == service || s == "all" {
			return true
		}
	}
	return false
}

// unavailable skips the test, or fails it when the service is required.
// why says what was tried.
func unavailable(tb testing.TB, s service, why string) {
	tb.Helper()
	msg := fmt.Sprintf("%s unavailable (%s): set %s=%s (e.g. `docker compose up -d %s`) or start Docker",
		s.name, why, s.envVar, s.example, s.compose)
	if required(os.Getenv(RequireEnv), s.name) {
		tb.Fatalf("%s, and %s requires it", msg, RequireEnv)
	}
	tb.Skip(msg)
}

// broken fails the test: the service was configured but does not work.
// A configured service that is down is an error, never a silent skip.
func broken(tb testing.TB, s service, format string, args ...any) {
	tb.Helper()
	tb.Fatalf("testinfra: %s at %s: %s", s.name, s.envVar, fmt.Sprintf(format, args...))
}

var unsafeName = regexp.MustCompile(`[^a-z0-9]+`)

// uniqueName builds a short, lowercase, collision-free name for tb such as
// "wb_testcreatearticle_3f9a1c2b" using sep between the parts. Names fit the
// tightest limit of the services (PostgreSQL identifiers: 63 bytes).
func uniqueName(tb testing.TB, sep string) string {
	tb.Helper()
	base := unsafeName.ReplaceAllString(strings.ToLower(tb.Name()), sep)
	base = strings.Trim(base, sep)
	if len(base) > 40 {
		base = base[len(base)-40:]
		base = strings.TrimLeft(base, sep)
	}
	return "wb" + sep + base + sep + randomHex(4)
}

// getOK reports whether GET url answers 200 OK: the readiness probe of the
// services that speak HTTP.
func getOK(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("testinfra: crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b)
}

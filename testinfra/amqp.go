package testinfra

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/ory/dockertest/v3"
	amqp "github.com/rabbitmq/amqp091-go"
)

var amqpService = service{
	name:    ServiceRabbitMQ,
	envVar:  "WORKBOOK_AMQP_URL",
	compose: "rabbitmq",
	example: "amqp://guest:guest@127.0.0.1:5672/",
}

// AMQPEnv is a RabbitMQ broker for one test.
type AMQPEnv struct {
	// URL is the broker to dial.
	URL string

	prefix string
	mu     sync.Mutex
	names  []string
}

// Name returns a queue or exchange name unique to this test (the same one
// for the same base, so a producer and a consumer agree), such as
// "wb.testworker.1a2b3c4d.jobs". Queues and exchanges declared under names
// from Name are deleted at cleanup.
func (e *AMQPEnv) Name(base string) string {
	n := e.prefix + "." + base
	e.mu.Lock()
	e.names = append(e.names, n)
	e.mu.Unlock()
	return n
}

// AMQP returns a RabbitMQ broker from WORKBOOK_AMQP_URL, else a rabbitmq:3
// container, else the test skips.
func AMQP(tb testing.TB) *AMQPEnv {
	tb.Helper()
	addr := os.Getenv(amqpService.envVar)
	if addr == "" {
		r, err := container(tb, "rabbitmq", &dockertest.RunOptions{Repository: "rabbitmq", Tag: "3-alpine"},
			func(r *dockertest.Resource) error {
				c, err := amqp.Dial(fmt.Sprintf("amqp://guest:guest@%s/", r.GetHostPort("5672/tcp")))
				if err == nil {
					c.Close()
				}
				return err
			})
		if err != nil {
			unavailable(tb, amqpService, err.Error())
			return nil
		}
		addr = fmt.Sprintf("amqp://guest:guest@%s/", r.GetHostPort("5672/tcp"))
	}
	conn, err := amqp.Dial(addr)
	if err != nil {
		broken(tb, amqpService, "dial: %v", err)
	}
	conn.Close()

	env := &AMQPEnv{URL: addr, prefix: uniqueName(tb, ".")}
	tb.Cleanup(func() { env.deleteAll(tb) })
	return env
}

// deleteAll removes every queue and exchange named through Name. Each delete
// gets its own channel: a failed AMQP operation closes the channel it ran on.
func (e *AMQPEnv) deleteAll(tb testing.TB) {
	e.mu.Lock()
	names := append([]string(nil), e.names...)
	e.mu.Unlock()
	if len(names) == 0 {
		return
	}
	conn, err := amqp.Dial(e.URL)
	if err != nil {
		tb.Errorf("testinfra: cleanup of %v: %v", names, err)
		return
	}
	defer conn.Close()
	for _, n := range names {
		if ch, err := conn.Channel(); err == nil {
			_, _ = ch.QueueDelete(n, false, false, false)
			ch.Close()
		}
		if ch, err := conn.Channel(); err == nil {
			_ = ch.ExchangeDelete(n, false, false)
			ch.Close()
		}
	}
}

package rabbitmq

import (
	"testing"

	"workbook/capstone/broadcasttest"
	"workbook/capstone/service"
	"workbook/testinfra"
)

// TestBroadcastContract runs the contract on two Broadcasts — two
// connections, as two replicas would have — on one exchange of the real
// broker.
func TestBroadcastContract(t *testing.T) {
	env := testinfra.AMQP(t)
	broadcasttest.Run(t, func(t *testing.T) (service.Broadcaster, service.Broadcaster) {
		name := env.Name("notify")
		a, b := &Broadcast{URL: env.URL, Exchange: name}, &Broadcast{URL: env.URL, Exchange: name}
		t.Cleanup(func() { a.Close(); b.Close() })
		return a, b
	})
}

package testinfra

import (
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

func TestCloseConnectionFromBrokerSide(t *testing.T) {
	env := AMQP(t)
	cfg := amqp.Config{Properties: amqp.NewConnectionProperties()}
	name := env.Name("conn")
	cfg.Properties.SetClientConnectionName(name)
	conn, err := amqp.DialConfig(env.URL, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	closed := conn.NotifyClose(make(chan *amqp.Error, 1))
	env.CloseConnection(t, name)
	select {
	case e := <-closed:
		if e == nil || e.Code != amqp.ConnectionForced {
			t.Errorf("close = %v, want a connection-forced (320) close from the broker", e)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("connection still open 10s after the broker was asked to close it")
	}
}

package main

import (
	"io"
	"log/slog"
	"slices"
	"strconv"
	"testing"
	"time"

	"workbook/testinfra"
)

// testFanOut runs two instances, a and b, through one broker: a message
// sent to one reaches the clients of the other, presence spans both, and
// one publisher's messages arrive in order.
func testFanOut(t *testing.T, a, b *testServer) {
	t.Helper()
	alice := a.dial(t, "lobby", a.token(t, "alice"), "")
	bob := b.dial(t, "lobby", b.token(t, "bob"), "") // a's token would do: the secret is shared
	readUntil(t, alice, func(f frame) bool { return f.Type == "join" && f.From == "bob" })

	send(t, alice, "to b")
	if f := readUntil(t, bob, isMessage("to b")); f.From != "alice" || f.Instance != b.hub.opts.Instance {
		t.Errorf("bob got %+v, want alice's message numbered by instance b", f)
	}
	send(t, bob, "to a")
	readUntil(t, alice, isMessage("to a"))
	readUntil(t, bob, isMessage("to a"))

	// Per publisher order: 20 messages from alice arrive at bob in order.
	for i := range 20 {
		send(t, alice, "n"+strconv.Itoa(i))
	}
	for i := range 20 {
		if f := readUntil(t, bob, func(f frame) bool { return f.Type == "message" }); f.Text != "n"+strconv.Itoa(i) {
			t.Fatalf("bob's message %d is %q, want n%d: one publisher's order was lost", i, f.Text, i)
		}
	}

	waitFor(t, "bob in a's presence", func() bool { return slices.Equal(a.hub.Present("lobby"), []string{"alice", "bob"}) })
	waitFor(t, "alice in b's presence", func() bool { return slices.Equal(b.hub.Present("lobby"), []string{"alice", "bob"}) })
	// b stops announcing (as if it died): after three intervals a forgets bob.
	a.clock.Advance(3*a.hub.opts.PresenceInterval + time.Second)
	if got := a.hub.Present("lobby"); !slices.Equal(got, []string{"alice"}) {
		t.Errorf("a's presence after b went quiet = %v, want [alice]", got)
	}
}

func TestFanOutThroughTheInProcessBroker(t *testing.T) {
	bus := NewMemoryBus()
	a := newTestServer(t, bus.Connect(), nil)
	b := newTestServer(t, bus.Connect(), nil)
	testFanOut(t, a, b)
}

func TestFanOutThroughRabbitMQ(t *testing.T) {
	env := testinfra.AMQP(t)
	exchange := env.Name("chat")
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	brokerA, err := dialAMQP(env.URL, exchange, t.Name()+" a", logger)
	if err != nil {
		t.Fatal(err)
	}
	brokerB, err := dialAMQP(env.URL, exchange, t.Name()+" b", logger)
	if err != nil {
		t.Fatal(err)
	}
	testFanOut(t, newTestServer(t, brokerA, nil), newTestServer(t, brokerB, nil))
}

func TestMemoryBrokerAfterClose(t *testing.T) {
	b := NewMemoryBus().Connect()
	b.Close()
	if _, open := <-b.Deliveries(); open {
		t.Error("Deliveries is still open after Close")
	}
	if err := b.Publish(t.Context(), Envelope{Kind: "message"}); err != errBrokerClosed {
		t.Errorf("Publish after Close = %v, want errBrokerClosed", err)
	}
	b.Close() // twice is fine
}

package rabbitmq

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	"workbook/capstone/jobtest"
	"workbook/capstone/service"
	"workbook/testinfra"
)

// dead drains the dead-letter queue.
func dead(t *testing.T, env *testinfra.AMQPEnv, q *Queue) []service.Job {
	conn, err := amqp.Dial(env.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	var out []service.Job
	for {
		d, ok, err := ch.Get(q.DeadQueue(), true)
		if err != nil || !ok {
			return out
		}
		var j service.Job
		_ = json.Unmarshal(d.Body, &j)
		out = append(out, j)
	}
}

func newQueue(t *testing.T, env *testinfra.AMQPEnv) *Queue {
	q := &Queue{URL: env.URL, Name: env.Name("jobs"), Delays: jobtest.Delays}
	// the retry and dead queues are named after the work queue: register them for cleanup
	for i := range jobtest.Delays {
		env.Name("jobs.retry." + string(rune('1'+i)))
	}
	env.Name("jobs.dead")
	t.Cleanup(func() { q.Close() })
	return q
}

func TestContract(t *testing.T) {
	env := testinfra.AMQP(t)
	jobtest.Run(t, func(t *testing.T) jobtest.Harness {
		q := newQueue(t, env)
		return jobtest.Harness{Queue: q, Dead: func(t *testing.T) []service.Job { return dead(t, env, q) }}
	})
}

// TestKilledWorkerLosesNothing: a worker whose connection dies mid-job
// (closed from the broker's side, as when the process is killed) never
// acked it, so the broker delivers it again; the consumer dials again by
// itself and gets it.
func TestKilledWorkerLosesNothing(t *testing.T) {
	env := testinfra.AMQP(t)
	q := newQueue(t, env)
	q.ConnectionName = q.Name + "-worker"
	if err := q.Publish(context.Background(), service.Job{Kind: "test", Key: "once"}); err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int32
	started, killed := make(chan struct{}), make(chan struct{})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go q.Run(ctx, func(context.Context, service.Job) error {
		if calls.Add(1) == 1 {
			close(started)
			<-killed // the ack that follows goes to a dead connection
		}
		return nil
	})
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the job never reached the worker")
	}
	env.CloseConnection(t, q.ConnectionName)
	close(killed)
	for deadline := time.Now().Add(15 * time.Second); calls.Load() < 2 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
	}
	if calls.Load() != 2 {
		t.Errorf("after the connection died mid-job the job ran %d times in all, want 2 (redelivered once)", calls.Load())
	}
}

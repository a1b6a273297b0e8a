package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"

	"workbook/testinfra"
)

// testTopology names every queue through env.Name, so testinfra deletes them.
func testTopology(env *testinfra.AMQPEnv, delays ...time.Duration) topology {
	prefix := strings.TrimSuffix(env.Name("work"), ".work")
	t := newTopology(prefix, delays)
	for _, q := range t.Queues() {
		env.Name(strings.TrimPrefix(q, prefix+"."))
	}
	return t
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// eventually polls cond until it holds or 15 s pass: a bound, not a timing claim.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 15s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func startWorker(t *testing.T, w *worker) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("worker: %v", err)
		}
	})
}

func depth(t *testing.T, url string, topo topology, q string) int {
	t.Helper()
	d, err := (&inspector{URL: url, Topo: topo}).depths()
	if err != nil {
		t.Fatal(err)
	}
	return d[q].Messages
}

// attempts records which attempts each job ID was handled at.
type attempts struct {
	mu   sync.Mutex
	seen map[string][]int
}

func (a *attempts) add(id string, n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.seen == nil {
		a.seen = map[string][]int{}
	}
	a.seen[id] = append(a.seen[id], n)
}

func (a *attempts) of(id string) []int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]int(nil), a.seen[id]...)
}

func TestRetryThroughDelayQueuesThenDeadLetter(t *testing.T) {
	env := testinfra.AMQP(t)
	topo := testTopology(env, 20*time.Millisecond, 30*time.Millisecond)
	pub, err := newPublisher(context.Background(), env.URL, topo, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	var seen attempts
	st := newStats()
	startWorker(t, &worker{URL: env.URL, Name: env.Name("worker"), Topo: topo, Workers: 2, Prefetch: 4, Stats: st, Logger: quiet,
		Handle: func(ctx context.Context, j job, attempt int) error {
			seen.add(j.ID, attempt)
			return demoHandler(ctx, j, attempt)
		}})
	ctx := context.Background()
	if err := pub.Publish(ctx, job{ID: "doomed", Kind: "fail"}, "jobs.fail", 1, 0); err != nil {
		t.Fatal(err)
	}
	if err := pub.Publish(ctx, job{ID: "flaky", Kind: "flaky", Payload: json.RawMessage(`{"succeed_on":2}`)}, "jobs.flaky", 1, 0); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the failing job reaches the DLQ", func() bool { return depth(t, env.URL, topo, topo.DLQ) == 1 })
	if got := seen.of("doomed"); len(got) != 3 || got[0] != 1 || got[2] != 3 {
		t.Errorf("failing job ran at attempts %v, want [1 2 3] (one first try + one per retry queue)", got)
	}
	eventually(t, "the flaky job succeeds on attempt 2", func() bool { return len(seen.of("flaky")) == 2 })
	snap := st.snapshot()
	if snap.Counters["dead_lettered"] != 1 || snap.Counters["succeeded"] != 1 {
		t.Errorf("counters = %v, want 1 dead_lettered and 1 succeeded", snap.Counters)
	}
}

func TestDelayedJobWaitsInTheDelayQueue(t *testing.T) {
	env := testinfra.AMQP(t)
	topo := testTopology(env, 20*time.Millisecond)
	pub, err := newPublisher(context.Background(), env.URL, topo, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	if err := pub.Publish(context.Background(), job{ID: "later", Kind: "echo"}, "jobs.echo", 1, 40*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the delayed job moves to the work queue", func() bool { return depth(t, env.URL, topo, topo.Queue) == 1 })
}

func TestPriorityAndTopicRouting(t *testing.T) {
	env := testinfra.AMQP(t)
	topo := testTopology(env, 20*time.Millisecond)
	pub, err := newPublisher(context.Background(), env.URL, topo, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	ctx := context.Background()
	for _, p := range []struct {
		id, key string
		prio    uint8
	}{{"low", "jobs.echo", 1}, {"unrouted", "billing.echo", 9}, {"high", "jobs.report", 8}} {
		if err := pub.Publish(ctx, job{ID: p.id, Kind: "echo", Priority: p.prio}, p.key, 1, 0); err != nil {
			t.Fatal(err)
		}
	}
	if n := depth(t, env.URL, topo, topo.Queue); n != 2 {
		t.Fatalf("work queue holds %d, want 2 (billing.* does not match jobs.#)", n)
	}
	conn, err := amqp.Dial(env.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	d, ok, err := ch.Get(topo.Queue, true)
	if err != nil || !ok || d.MessageId != "high" || d.DeliveryMode != amqp.Persistent {
		t.Errorf("first out = %q (mode %d, %v, %v), want the persistent priority-8 job", d.MessageId, d.DeliveryMode, ok, err)
	}
}

func TestWorkerReconnectsAfterBrokerClosesConnection(t *testing.T) {
	env := testinfra.AMQP(t)
	topo := testTopology(env, 20*time.Millisecond)
	pub, err := newPublisher(context.Background(), env.URL, topo, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	var seen attempts
	name := env.Name("worker")
	startWorker(t, &worker{URL: env.URL, Name: name, Topo: topo, Workers: 1, Prefetch: 1, Stats: newStats(), Logger: quiet,
		Handle: func(ctx context.Context, j job, attempt int) error { seen.add(j.ID, attempt); return nil }})
	ctx := context.Background()
	if err := pub.Publish(ctx, job{ID: "before", Kind: "echo"}, "jobs.echo", 1, 0); err != nil {
		t.Fatal(err)
	}
	eventually(t, "job before the close", func() bool { return len(seen.of("before")) == 1 })
	env.CloseConnection(t, name)
	if err := pub.Publish(ctx, job{ID: "after", Kind: "echo"}, "jobs.echo", 1, 0); err != nil {
		t.Fatal(err)
	}
	eventually(t, "job after the broker closed the worker's connection", func() bool { return len(seen.of("after")) == 1 })
}

// fileEffect is the idempotent effect of the kill test: the job ID's file is
// created with O_EXCL, so a second delivery of the same job finds it and
// does nothing; ledger gets one line per effect really applied.
func fileEffect(dir string, j job) error {
	f, err := os.OpenFile(filepath.Join(dir, "effect-"+j.ID), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil // already done by an earlier delivery
	}
	if err != nil {
		return err
	}
	f.Close()
	return appendLine(filepath.Join(dir, "ledger"), j.ID)
}

func appendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(line + "\n")
	return err
}

func lines(path string) []string {
	b, _ := os.ReadFile(path)
	return strings.Fields(string(b))
}

// TestWorkerProcess is the worker of TestKilledWorkerRedeliversEffectOnce
// when re-executed with WB15_WORKER_DIR set; otherwise it has nothing to do.
func TestWorkerProcess(t *testing.T) {
	dir := os.Getenv("WB15_WORKER_DIR")
	if dir == "" {
		return
	}
	topo := newTopology(os.Getenv("WB15_PREFIX"), []time.Duration{20 * time.Millisecond})
	w := &worker{URL: os.Getenv("WB15_AMQP"), Name: "wb15-victim", Topo: topo, Workers: 1, Prefetch: 1, Stats: newStats(), Logger: quiet,
		Handle: func(ctx context.Context, j job, attempt int) error {
			_ = appendLine(filepath.Join(dir, "deliveries"), "victim")
			if err := fileEffect(dir, j); err != nil {
				return err
			}
			_ = appendLine(filepath.Join(dir, "hanging"), j.ID)
			select {} // crash window: effect done, ack not sent; SIGKILL lands here
		}}
	_ = w.Run(context.Background())
}

func TestKilledWorkerRedeliversEffectOnce(t *testing.T) {
	env := testinfra.AMQP(t)
	topo := testTopology(env, 20*time.Millisecond)
	dir := t.TempDir()
	pub, err := newPublisher(context.Background(), env.URL, topo, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestWorkerProcess$")
	cmd.Env = append(os.Environ(), "WB15_WORKER_DIR="+dir, "WB15_AMQP="+env.URL, "WB15_PREFIX="+strings.TrimSuffix(topo.Exchange, ".work"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	}()
	if err := pub.Publish(context.Background(), job{ID: "once", Kind: "echo"}, "jobs.echo", 1, 0); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the worker process is mid-job", func() bool { return len(lines(filepath.Join(dir, "hanging"))) == 1 })
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	killed = true

	startWorker(t, &worker{URL: env.URL, Name: env.Name("survivor"), Topo: topo, Workers: 1, Prefetch: 1, Stats: newStats(), Logger: quiet,
		Handle: func(ctx context.Context, j job, attempt int) error {
			_ = appendLine(filepath.Join(dir, "deliveries"), "survivor")
			return fileEffect(dir, j)
		}})
	eventually(t, "the job is redelivered to the surviving worker", func() bool { return len(lines(filepath.Join(dir, "deliveries"))) == 2 })
	eventually(t, "the job is acked", func() bool { return depth(t, env.URL, topo, topo.Queue) == 0 })
	if got := lines(filepath.Join(dir, "deliveries")); strings.Join(got, ",") != "victim,survivor" {
		t.Errorf("deliveries = %v, want victim then survivor", got)
	}
	if got := lines(filepath.Join(dir, "ledger")); len(got) != 1 {
		t.Errorf("effect applied %d times (%v), want exactly once", len(got), got)
	}
}

func TestWorkerDrainsInFlightJobOnShutdown(t *testing.T) {
	env := testinfra.AMQP(t)
	topo := testTopology(env, 20*time.Millisecond)
	pub, err := newPublisher(context.Background(), env.URL, topo, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer pub.Close()
	started, release := make(chan struct{}), make(chan struct{})
	var finished sync.WaitGroup
	finished.Add(1)
	w := &worker{URL: env.URL, Name: env.Name("drain"), Topo: topo, Workers: 1, Prefetch: 1, Stats: newStats(), Logger: quiet,
		Handle: func(ctx context.Context, j job, attempt int) error {
			close(started)
			<-release
			finished.Done()
			return nil
		}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	if err := pub.Publish(context.Background(), job{ID: "inflight", Kind: "echo"}, "jobs.echo", 1, 0); err != nil {
		t.Fatal(err)
	}
	<-started
	cancel()
	select {
	case <-done:
		t.Fatal("Run returned while a job was still in flight")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	finished.Wait()
	if n := depth(t, env.URL, topo, topo.Queue); n != 0 {
		t.Errorf("after drain the queue holds %d, want 0: the in-flight job was acked, not requeued", n)
	}
}

package testinfra

import (
	"context"
	"fmt"
	"net/smtp"
	"strings"
	"testing"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/jackc/pgx/v5"
	"github.com/minio/minio-go/v7"
	amqp "github.com/rabbitmq/amqp091-go"
)

// These tests run against the real services; each proves both the round
// trip and the cleanup that isolates one test from the next.

func TestPostgresGivesAFreshDatabaseAndDropsIt(t *testing.T) {
	ctx := context.Background()
	var dbURL, name string
	t.Run("inner", func(t *testing.T) {
		dbURL = Postgres(t)
		conn, err := pgx.Connect(ctx, dbURL)
		if err != nil {
			t.Fatalf("connect to %s: %v", dbURL, err)
		}
		defer conn.Close(ctx)
		if err := conn.QueryRow(ctx, "SELECT current_database()").Scan(&name); err != nil {
			t.Fatal(err)
		}
		var tables int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").Scan(&tables); err != nil {
			t.Fatal(err)
		}
		if tables != 0 {
			t.Errorf("fresh database %s has %d tables, want 0", name, tables)
		}
		if _, err := conn.Exec(ctx, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)"); err != nil {
			t.Fatalf("create table in %s: %v", name, err)
		}
		if other := Postgres(t); other == dbURL {
			t.Errorf("two calls returned the same database %s", dbURL)
		}
	})
	if t.Skipped() || name == "" {
		return
	}
	// The inner test's cleanup has run: its database must be gone.
	if err := pingPostgres(dbURL); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("after cleanup, connecting to %s gave %v, want database does not exist", name, err)
	}
}

func TestAMQPRoundTripAndCleanup(t *testing.T) {
	var env *AMQPEnv
	var queue string
	t.Run("inner", func(t *testing.T) {
		env = AMQP(t)
		queue = env.Name("jobs")
		if !strings.HasSuffix(queue, ".jobs") || queue != env.Name("jobs") {
			t.Errorf("Name(%q) = %q, want a stable name ending in .jobs", "jobs", queue)
		}
		var other *AMQPEnv
		t.Run("other", func(t *testing.T) { other = AMQP(t) })
		if other.Name("jobs") == queue {
			t.Errorf("two tests both got queue name %q", queue)
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
		if _, err := ch.QueueDeclare(queue, true, false, false, false, nil); err != nil {
			t.Fatalf("declare %s: %v", queue, err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := ch.PublishWithContext(ctx, "", queue, false, false, amqp.Publishing{Body: []byte("hello")}); err != nil {
			t.Fatal(err)
		}
		deliveries, err := ch.Consume(queue, "", true, false, false, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		select {
		case d := <-deliveries:
			if string(d.Body) != "hello" {
				t.Errorf("received %q, want %q", d.Body, "hello")
			}
		case <-ctx.Done():
			t.Fatal("no delivery within 10s")
		}
	})
	if env == nil {
		return
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
	if _, err := ch.QueueDeclarePassive(queue, true, false, false, false, nil); err == nil {
		t.Errorf("queue %s still exists after cleanup", queue)
	}
}

func TestMemcachedPrefixIsolates(t *testing.T) {
	a := Memcached(t)
	var other *MemcachedEnv
	t.Run("other", func(t *testing.T) { other = Memcached(t) })
	if other == nil || a.Prefix == other.Prefix {
		t.Fatalf("two calls gave prefixes %q and %v, want different ones", a.Prefix, other)
	}
	mc := memcache.New(a.Addr)
	if err := mc.Set(&memcache.Item{Key: a.Prefix + "k", Value: []byte("v"), Expiration: 60}); err != nil {
		t.Fatal(err)
	}
	it, err := mc.Get(a.Prefix + "k")
	if err != nil || string(it.Value) != "v" {
		t.Errorf("Get(%q) = %v, %v; want v", a.Prefix+"k", it, err)
	}
	if _, err := mc.Get(other.Prefix + "k"); err != memcache.ErrCacheMiss {
		t.Errorf("Get under another test's prefix = %v, want a cache miss", err)
	}
}

func TestSMTPDeliversToThisTestOnly(t *testing.T) {
	box := SMTP(t)
	send := func(to, subject string) {
		t.Helper()
		msg := fmt.Sprintf("From: app@workbook.test\r\nTo: %s\r\nSubject: %s\r\nX-Workbook: yes\r\n\r\nbody of %s\r\n", to, subject, subject)
		if err := smtp.SendMail(box.Addr, nil, "app@workbook.test", []string{to}, []byte(msg)); err != nil {
			t.Fatalf("send to %s: %v", to, err)
		}
	}
	send(box.To, "first")
	send("someone-else-"+randomHex(4)+"@workbook.test", "not ours")
	send(box.To, "second")

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msgs, err := box.Wait(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].Subject != "first" || msgs[1].Subject != "second" {
		t.Fatalf("Wait(2) = %+v, want the two messages to %s, oldest first", msgs, box.To)
	}
	m := msgs[0]
	if m.From != "app@workbook.test" || len(m.To) != 1 || m.To[0] != box.To || !strings.Contains(m.Text, "body of first") {
		t.Errorf("message = %+v, want from app@workbook.test to %s with the body", m, box.To)
	}
	if got := m.Headers["X-Workbook"]; len(got) != 1 || got[0] != "yes" {
		t.Errorf("header X-Workbook = %v, want [yes]", got)
	}
	short, cancel2 := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel2()
	if _, err := box.Wait(short, 3); err == nil {
		t.Error("Wait(3) returned without error though only 2 messages were sent")
	}
}

func TestElasticsearchPrefix(t *testing.T) {
	env := Elasticsearch(t)
	if !strings.HasPrefix(env.Prefix, "wb-") || strings.ToLower(env.Prefix) != env.Prefix {
		t.Errorf("Prefix = %q, want a lowercase wb- prefix (index names must be lowercase)", env.Prefix)
	}
}

func TestS3BucketRoundTrip(t *testing.T) {
	env := S3(t)
	c, err := env.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.PutObject(ctx, env.Bucket, "a.txt", strings.NewReader("hi"), 2, minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	obj, err := c.GetObject(ctx, env.Bucket, "a.txt", minio.GetObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := obj.Stat()
	if err != nil || st.Size != 2 {
		t.Errorf("Stat = %+v, %v; want size 2", st, err)
	}
}

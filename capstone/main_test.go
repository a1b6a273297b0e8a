package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"workbook/testinfra"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines to write
// while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start runs the program in the background with env and returns its
// address, its logs, a cancel function (SIGTERM) and the channel run's
// result arrives on.
func start(t *testing.T, env map[string]string) (string, *syncBuffer, context.CancelFunc, <-chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if _, set := env["DEBUG_ADDR"]; !set {
		env["DEBUG_ADDR"] = "127.0.0.1:0" // never the fixed default port: tests and a running capstone coexist
	}
	logs := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, envOf(env), logs) }()

	addrRe := regexp.MustCompile(`"msg":"listening","addr":"([^"]+)"`)
	var addr string
	for deadline := time.Now().Add(10 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRe.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("the program stopped before it listened: %v\n%s", err, logs.String())
		default:
		}
	}
	if addr == "" {
		t.Fatalf("the server did not log its address:\n%s", logs.String())
	}
	return addr, logs, cancel, done
}

// TestRunServesAndShutsDown starts the real program on a free port, makes
// a request, cancels (as SIGTERM would) and checks the shutdown order.
func TestRunServesAndShutsDown(t *testing.T) {
	addr, logs, cancel, done := start(t, map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "BCRYPT_COST": "10"})
	resp, err := http.Get("http://" + addr + "/api/tags")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /api/tags = %d, want 200", resp.StatusCode)
	}

	if err := healthcheck(context.Background(), addr); err != nil {
		t.Errorf("healthcheck(%s) = %v, want nil", addr, err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after cancel = %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return 10s after cancel")
	}
	out := logs.String()
	for _, want := range []string{`"msg":"JWT_SECRET is not set`, `"route":"/api/tags"`, `"msg":"shutting down: failing readiness"`, `"msg":"in-flight requests drained"`} {
		if !strings.Contains(out, want) {
			t.Errorf("logs do not contain %s", want)
		}
	}
	if strings.Index(out, "failing readiness") > strings.Index(out, "in-flight requests drained") {
		t.Error("readiness failed after the drain; want it first")
	}
	if err := healthcheck(context.Background(), addr); err == nil {
		t.Error("healthcheck after shutdown = nil, want an error")
	}
}

func TestRunRejectsBadConfig(t *testing.T) {
	err := run(context.Background(), nil, envOf(map[string]string{"ADDR": "x", "TRACING": "y"}), &syncBuffer{})
	if err == nil || !strings.Contains(err.Error(), "ADDR") || !strings.Contains(err.Error(), "TRACING") {
		t.Errorf("run with a bad config = %v, want an error naming ADDR and TRACING", err)
	}
}

// TestRunOnPostgres starts the program on a fresh database: migrations run
// at start, /readyz checks the database, and the pool closes last.
func TestRunOnPostgres(t *testing.T) {
	url := testinfra.Postgres(t)
	addr, logs, cancel, done := start(t, map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "DATABASE_URL": url})
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /readyz on PostgreSQL = %d, want 200", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run after cancel = %v, want nil", err)
	}
	out := logs.String()
	if !strings.Contains(out, `"kind":"postgres","migrations_applied":5`) {
		t.Errorf("logs do not show the migration applied at start:\n%s", out)
	}
	if strings.Index(out, "in-flight requests drained") > strings.Index(out, "database pool closed") {
		t.Error("the pool closed before the requests drained; want it last")
	}
}

// driveThroughShutdown runs 16 keep-alive clients that never retry against
// addr, cancels the program once the load is under way (as SIGTERM would),
// and returns what was sent and what failed. A client behaves as a load
// balancer does: it stops sending to this backend once a response says
// Connection: close.
func driveThroughShutdown(t *testing.T, addr string, cancel context.CancelFunc, done <-chan error) (sent, failed, closed int64) {
	t.Helper()
	const clients, maxPerClient = 16, 5000
	var nSent, nFailed, nClosed atomic.Int64
	ctx, stop := context.WithTimeout(context.Background(), 30*time.Second)
	defer stop()
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			tr := &http.Transport{MaxIdleConnsPerHost: 1}
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr}
			for range maxPerClient {
				if ctx.Err() != nil {
					return
				}
				// A GET whose body cannot be rewound (no GetBody) is never
				// retried by the transport, so every failure is seen.
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/api/articles?limit=1", nil)
				req.Body, req.ContentLength = io.NopCloser(strings.NewReader("{}")), 2
				nSent.Add(1)
				resp, err := c.Do(req)
				if err != nil {
					nFailed.Add(1)
					t.Errorf("request failed: %v", err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					nFailed.Add(1)
					t.Errorf("status %d", resp.StatusCode)
				}
				if resp.Close {
					nClosed.Add(1)
					return
				}
			}
		})
	}
	for nSent.Load() < 3000 && ctx.Err() == nil { // a barrier on the count, not a sleep
		time.Sleep(time.Millisecond)
	}
	cancel()
	wg.Wait()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after cancel = %v, want nil", err)
		}
	case <-ctx.Done():
		t.Fatal("run did not return within 30 s of the cancel")
	}
	return nSent.Load(), nFailed.Load(), nClosed.Load()
}

// TestShutdownDropsNothing: 16 keep-alive clients that never retry, through
// a shutdown with a drain delay, see no failed request, and every one of
// them is told Connection: close — on the memory store and on PostgreSQL.
func TestShutdownDropsNothing(t *testing.T) {
	stores := map[string]func(t *testing.T) map[string]string{
		"memory":   func(*testing.T) map[string]string { return map[string]string{} },
		"postgres": func(t *testing.T) map[string]string { return map[string]string{"DATABASE_URL": testinfra.Postgres(t)} },
	}
	for _, name := range []string{"memory", "postgres"} {
		t.Run(name, func(t *testing.T) {
			env := stores[name](t)
			env["ADDR"], env["DRAIN_DELAY"] = "127.0.0.1:0", "500ms"
			addr, _, cancel, done := start(t, env)
			sent, failed, closed := driveThroughShutdown(t, addr, cancel, done)
			t.Logf("%s: clients=16 sent=%d failed=%d told-to-close=%d", name, sent, failed, closed)
			if failed != 0 {
				t.Errorf("%d of %d requests failed during shutdown, want 0", failed, sent)
			}
			if closed != 16 {
				t.Errorf("%d clients were told Connection: close, want all 16", closed)
			}
		})
	}
}

// TestRunWithMemcached: with MEMCACHED_ADDRS the program caches anonymous
// reads in memcached, and the debug listener's /metrics counts the hits.
func TestRunWithMemcached(t *testing.T) {
	mc := testinfra.Memcached(t)
	addr, logs, cancel, done := start(t, map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "MEMCACHED_ADDRS": mc.Addr})
	for range 3 {
		resp, err := http.Get("http://" + addr + "/api/tags")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	m := regexp.MustCompile(`"msg":"debug listener","addr":"([^"]+)"`).FindStringSubmatch(logs.String())
	if m == nil {
		t.Fatalf("no debug listener in the logs:\n%s", logs.String())
	}
	resp, err := http.Get("http://" + m[1] + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	hit := regexp.MustCompile(`cache_requests_total\{result="hit"\} (\d+)`).FindSubmatch(body)
	if hit == nil || string(hit[1]) == "0" {
		t.Errorf("after three reads of /api/tags, /metrics has cache hits %q; want at least 1:\n%s", hit, body)
	}
	if !strings.Contains(logs.String(), `"kind":"memcached"`) {
		t.Errorf("the logs do not say the cache is memcached:\n%s", logs.String())
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run after cancel = %v", err)
	}
}

// TestTwoReplicasShareStoreAndCache: two processes of the program on one
// PostgreSQL and one memcached, as two replicas behind a load balancer. A
// token from one works on the other (same secret), and a write on one is
// read fresh on the other, even when the other had the old value cached.
func TestTwoReplicasShareStoreAndCache(t *testing.T) {
	db := testinfra.Postgres(t)
	mc := testinfra.Memcached(t)
	mq := testinfra.AMQP(t)
	prefix := mq.Name("conduit")
	for _, q := range []string{"jobs", "jobs.retry.1", "jobs.retry.2", "jobs.retry.3", "jobs.retry.4", "jobs.dead", "notifications"} {
		mq.Name("conduit." + q) // deleted at cleanup
	}
	env := func() map[string]string {
		return map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "DATABASE_URL": db, "MEMCACHED_ADDRS": mc.Addr,
			"AMQP_URL": mq.URL, "AMQP_PREFIX": prefix,
			"JWT_SECRET": "replicas-share-this-secret-replicas-share", "BCRYPT_COST": "10"}
	}
	a, _, stopA, doneA := start(t, env())
	b, logsB, stopB, doneB := start(t, env())
	call := func(addr, method, path, token, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, "http://"+addr+path, strings.NewReader(body))
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if token != "" {
			req.Header.Set("Authorization", "Token "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(out)
	}
	code, body := call(a, "POST", "/api/users", "", `{"user":{"username":"ann","email":"ann@example.com","password":"password1"}}`)
	token := regexp.MustCompile(`"token":"([^"]+)"`).FindStringSubmatch(body)
	if code != 201 || token == nil {
		t.Fatalf("register on A = %d %s", code, body)
	}
	if code, body := call(b, "GET", "/api/user", token[1], ""); code != 200 {
		t.Fatalf("A's token on B = %d %s, want 200", code, body)
	}
	if code, body := call(a, "POST", "/api/articles", token[1], `{"article":{"title":"Shared","description":"d","body":"first"}}`); code != 201 {
		t.Fatalf("create on A = %d %s", code, body)
	}
	if _, body := call(b, "GET", "/api/articles/shared", "", ""); !strings.Contains(body, `"body":"first"`) {
		t.Fatalf("B reads %s, want the body A wrote", body)
	}
	_, _ = call(b, "GET", "/api/articles/shared", "", "") // now certainly cached, under the current version
	if code, body := call(a, "PUT", "/api/articles/shared", token[1], `{"article":{"body":"second"}}`); code != 200 {
		t.Fatalf("update on A = %d %s", code, body)
	}
	for _, path := range []string{"/api/articles/shared", "/api/articles"} {
		if _, body := call(b, "GET", path, "", ""); strings.Contains(body, `"first"`) {
			t.Errorf("after A's update, B's anonymous %s still says first: %s", path, body)
		}
	}
	if _, body := call(b, "GET", "/api/articles/shared", "", ""); !strings.Contains(body, `"body":"second"`) {
		t.Errorf("B reads %s after A's update, want second", body)
	}

	// A notification published on A reaches a WebSocket client of B,
	// through the RabbitMQ fanout exchange.
	annWS, _ := wsClient(t, b, token[1])
	waitStreams(t, logsB, 1)
	cid := register(t, a, "cid")
	if code, body := call(a, "POST", "/api/profiles/ann/follow", cid, ""); code != 200 {
		t.Fatalf("follow on A = %d %s", code, body)
	}
	if n := expect(t, "ann, on B, followed through A", annWS, "follower"); n.Actor.Username != "cid" {
		t.Errorf("B's client heard %+v, want cid following", n)
	}
	stopA()
	stopB()
	for _, done := range []<-chan error{doneA, doneB} {
		if err := <-done; err != nil {
			t.Errorf("run after cancel = %v", err)
		}
	}
}

// TestRunSearch: with nothing configured, search runs on the embedded bleve
// index; an article written through the API is found shortly after, and on
// PostgreSQL a restarted program refills its in-memory index from the store.
func TestRunSearch(t *testing.T) {
	db := testinfra.Postgres(t)
	env := func() map[string]string {
		return map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "DATABASE_URL": db, "BCRYPT_COST": "10",
			"JWT_SECRET": "search-test-secret-search-test-secret-xx"}
	}
	get := func(url string) string {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	waitFor := func(url, want string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if strings.Contains(get(url), want) {
				return
			}
		}
		t.Fatalf("GET %s never contained %s: %s", url, want, get(url))
	}
	addr, _, cancel, done := start(t, env())
	resp, err := http.Post("http://"+addr+"/api/users", "application/json", strings.NewReader(`{"user":{"username":"ann","email":"ann@example.com","password":"password1"}}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	token := regexp.MustCompile(`"token":"([^"]+)"`).FindStringSubmatch(string(b))
	if token == nil {
		t.Fatalf("register: %s", b)
	}
	req, _ := http.NewRequest("POST", "http://"+addr+"/api/articles", strings.NewReader(`{"article":{"title":"Wyverns","description":"d","body":"two legs and wings","tagList":["myth"]}}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Token "+token[1])
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 201 {
		t.Fatalf("create: %v %v", resp, err)
	}
	waitFor("http://"+addr+"/api/search?q=wing", `"slug":"wyverns"`)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	addr, logs, cancel, done := start(t, env())
	waitFor("http://"+addr+"/api/search?tag=myth", `"slug":"wyverns"`)
	if !strings.Contains(logs.String(), `"msg":"search: index filled from the store","articles":1`) {
		t.Errorf("the restarted program did not log refilling its index:\n%s", logs.String())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestExpensiveRequestsDoNotStarveOthers: on PostgreSQL with a pool of 2,
// ten concurrent requests for the deepest page the API allows run beside
// ten requests for /api/tags; every one is answered 200 (the deep page is an
// index range, capped, and every request has a deadline), none is a 500.
func TestExpensiveRequestsDoNotStarveOthers(t *testing.T) {
	db := testinfra.Postgres(t)
	addr, _, cancel, done := start(t, map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "DATABASE_URL": db, "DB_MAX_CONNS": "2"})
	var wg sync.WaitGroup
	codes := make(chan string, 20)
	for i := range 20 {
		path := "/api/tags"
		if i%2 == 0 {
			path = "/api/articles?limit=100&offset=10000"
		}
		wg.Go(func() {
			resp, err := http.Get("http://" + addr + path)
			if err != nil {
				codes <- path + ": " + err.Error()
				return
			}
			resp.Body.Close()
			codes <- fmt.Sprintf("%s: %d", path, resp.StatusCode)
		})
	}
	wg.Wait()
	close(codes)
	for c := range codes {
		if !strings.HasSuffix(c, ": 200") {
			t.Errorf("under 10 deep-page requests on a pool of 2: %s, want 200", c)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestWelcomeEmail: a sign-up with Accept-Language: de gets one welcome
// email in German, both parts, delivered through the job queue to a real
// SMTP server (Mailpit) and read back through its API.
func TestWelcomeEmail(t *testing.T) {
	box := testinfra.SMTP(t)
	addr, _, cancel, done := start(t, map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "BCRYPT_COST": "10",
		"SMTP_URL": "smtp://" + box.Addr, "PUBLIC_URL": "https://conduit.test"})
	req, _ := http.NewRequest("POST", "http://"+addr+"/api/users", strings.NewReader(`{"user":{"username":"ann","email":"`+box.To+`","password":"password1"}}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Language", "de-AT, en;q=0.5")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("register = %v, %v", resp, err)
	}
	resp.Body.Close()
	ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	msgs, err := box.Wait(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // a second, duplicate email would have arrived by now
	if again, _ := box.Wait(ctx, 1); len(again) != 1 {
		t.Errorf("%d emails arrived, want exactly one welcome", len(again))
	}
	m := msgs[0]
	if m.Subject != "Willkommen bei Conduit, ann!" || !strings.Contains(m.Text, "Hallo ann") || !strings.Contains(m.HTML, `href="https://conduit.test/editor"`) {
		t.Errorf("welcome = subject %q, text %q, html %q", m.Subject, m.Text, m.HTML)
	}
	if id := m.Headers["Message-Id"]; len(id) != 1 || !strings.HasPrefix(id[0], "<welcome-") {
		t.Errorf("Message-ID = %q, want the stable <welcome-ID@…>", id)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestPasswordReset: a reset request answers the same for an unknown
// email; for a real one a link arrives by email (through the job queue and
// Mailpit), works once, sets the new password and signs out the old token.
func TestPasswordReset(t *testing.T) {
	box := testinfra.SMTP(t)
	addr, logs, cancel, done := start(t, map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "BCRYPT_COST": "10",
		"SMTP_URL": "smtp://" + box.Addr, "PUBLIC_URL": "https://conduit.test", "AUTH_BURST": "50", "AUTH_RATE_PER_MINUTE": "600"})
	post := func(path, body string) (int, string) {
		t.Helper()
		resp, err := http.Post("http://"+addr+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	_, body := post("/api/users", `{"user":{"username":"ann","email":"`+box.To+`","password":"password1"}}`)
	oldToken := regexp.MustCompile(`"token":"([^"]+)"`).FindStringSubmatch(body)[1]
	ctx, stop := context.WithTimeout(context.Background(), 15*time.Second)
	defer stop()
	if _, err := box.Wait(ctx, 1); err != nil { // the welcome email
		t.Fatal(err)
	}
	unknownCode, unknownBody := post("/api/users/password-reset", `{"user":{"email":"nobody@example.com"}}`)
	code, resBody := post("/api/users/password-reset", `{"user":{"email":"`+box.To+`"}}`)
	if code != 202 || unknownCode != code || unknownBody != resBody {
		t.Errorf("reset request = %d %s; for an unknown email %d %s; want the same 202", code, resBody, unknownCode, unknownBody)
	}
	msgs, err := box.Wait(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`https://conduit\.test/reset-password\?token=([A-Za-z0-9_-]+)`).FindStringSubmatch(msgs[1].Text)
	if m == nil {
		t.Fatalf("reset email text %q has no link", msgs[1].Text)
	}
	token := m[1]
	if strings.Contains(logs.String(), token) {
		t.Error("the reset token appears in the logs")
	}
	if code, body := post("/api/users/password-reset/confirm", `{"user":{"token":"`+token+`","password":"short"}}`); code != 422 {
		t.Errorf("confirm with a short password = %d %s, want 422", code, body)
	}
	if code, body := post("/api/users/password-reset/confirm", `{"user":{"token":"`+token+`","password":"a-new-password"}}`); code != 200 {
		t.Fatalf("confirm = %d %s, want 200", code, body)
	}
	if code, _ := post("/api/users/password-reset/confirm", `{"user":{"token":"`+token+`","password":"another-one"}}`); code != 422 {
		t.Errorf("the same token a second time = %d, want 422", code)
	}
	if code, _ := post("/api/users/login", `{"user":{"email":"`+box.To+`","password":"a-new-password"}}`); code != 200 {
		t.Errorf("login with the new password = %d, want 200", code)
	}
	req, _ := http.NewRequest("GET", "http://"+addr+"/api/user", nil)
	req.Header.Set("Authorization", "Token "+oldToken)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 401 {
		t.Errorf("the token from before the reset = %v, %v; want 401", resp, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"workbook/testinfra"
)

// newBrowser starts a headless Chromium for the test and returns its context.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := testinfra.Chromium(t)
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.UserDataDir(t.TempDir())}
	for _, f := range testinfra.ChromiumFlags {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if hasValue {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(browser); err != nil { // starts the browser
		t.Fatalf("starting chromium: %v", err)
	}
	return browser
}

// openTab opens the chat page of base in a new tab of browser, joins room
// as name, and waits until it is connected through transport.
func openTab(t *testing.T, browser context.Context, base, name, transport string) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	// The first action on a context opens its tab, and the tab lives as long
	// as that context: open it on tab itself, then time each step.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelStep := context.WithTimeout(tab, 30*time.Second)
	defer cancelStep()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.SendKeys(chromedp.ID("name"), name),
		// A click, not Submit: form.submit() skips the page's submit handler.
		chromedp.Click(chromedp.CSS("#join button")),
		chromedp.WaitVisible(chromedp.CSS(`#status[data-transport="`+transport+`"]`)),
	)
	if err != nil {
		diag, cancel := context.WithTimeout(tab, 5*time.Second)
		defer cancel()
		status, _ := chromedp.Run(diag, chromedp.Text(chromedp.ID("status")))
		t.Fatalf("tab %s on %s: %v (status %q, want connected via %s)", name, base, err, status, transport)
	}
	return tab
}

// chatInTabs sends a message from tab 1 and waits for it in tab 2, and back.
func chatInTabs(t *testing.T, tab1, tab2 context.Context) {
	t.Helper()
	for _, step := range []struct {
		from, to context.Context
		text     string
		want     string
	}{
		{tab1, tab2, "hello from tab one", "alice: hello from tab one"},
		{tab2, tab1, "and back from tab two", "bob: and back from tab two"},
	} {
		ctx, cancel := context.WithTimeout(step.from, 20*time.Second)
		err := chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.ID("text"), step.text),
			chromedp.Click(chromedp.ID("send-button")),
		)
		cancel()
		if err != nil {
			t.Fatalf("sending %q: %v", step.text, err)
		}
		ctx, cancel = context.WithTimeout(step.to, 20*time.Second)
		err = chromedp.Do(ctx, chromedp.WaitVisible(chromedp.Search(`//ul[@id="log"]/li[.="`+step.want+`"]`)))
		cancel()
		if err != nil {
			diag, cancel := context.WithTimeout(step.to, 5*time.Second)
			defer cancel()
			log, _ := chromedp.Run(diag, chromedp.Text(chromedp.ID("log")))
			t.Fatalf("%q did not arrive in the other tab: %v; its log:\n%s", step.want, err, log)
		}
	}
}

// startInstance runs the full server (run) on a free port with broker
// settings from cfg and returns its base URL.
func startInstance(t *testing.T, change func(*config)) string {
	t.Helper()
	cfg, err := parseConfig([]string{"-addr", "127.0.0.1:0", "-token-secret", "browser"}, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(&cfg)
	}
	ln := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	logger := slog.New(slog.NewTextHandler(&urlWriter{found: ln}, nil))
	go func() { done <- run(ctx, cfg, logger) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	select {
	case u := <-ln:
		return u
	case err := <-done:
		t.Fatalf("run: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the instance did not start")
	}
	return ""
}

// urlWriter passes the URL of the first "listening" log line to found.
type urlWriter struct{ found chan string }

func (w *urlWriter) Write(p []byte) (int, error) {
	line := string(p)
	if _, rest, ok := strings.Cut(line, "url="); ok && strings.Contains(line, "msg=listening") {
		select {
		case w.found <- strings.Fields(rest)[0]:
		default:
		}
	}
	return len(p), nil
}

func TestBrowserTwoTabsChat(t *testing.T) {
	browser := newBrowser(t)
	base := startInstance(t, nil)
	tab1 := openTab(t, browser, base, "alice", "websocket")
	tab2 := openTab(t, browser, base, "bob", "websocket")
	chatInTabs(t, tab1, tab2)
}

// TestBrowserFallsBack: with WebSocket and then SSE unavailable, the page
// degrades to SSE, then to long polling, and still chats.
func TestBrowserFallsBack(t *testing.T) {
	browser := newBrowser(t)
	for _, tc := range []struct{ transports, want string }{
		{"sse,poll", "sse"},
		{"poll", "poll"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			base := startInstance(t, func(c *config) { c.transports = strings.Split(tc.transports, ",") })
			tab1 := openTab(t, browser, base, "alice", tc.want)
			tab2 := openTab(t, browser, base, "bob", tc.want)
			chatInTabs(t, tab1, tab2)
		})
	}
}

// TestBrowserTwoInstancesThroughRabbitMQ: tab 1 on instance A, tab 2 on
// instance B; the message crosses the real broker.
func TestBrowserTwoInstancesThroughRabbitMQ(t *testing.T) {
	env := testinfra.AMQP(t)
	exchange := env.Name("chat")
	browser := newBrowser(t)
	withBroker := func(c *config) { c.amqpURL, c.exchange = env.URL, exchange }
	a := startInstance(t, withBroker)
	b := startInstance(t, withBroker)
	tab1 := openTab(t, browser, a, "alice", "websocket")
	tab2 := openTab(t, browser, b, "bob", "websocket")
	chatInTabs(t, tab1, tab2)
}

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// api calls the running program at addr and returns the status and body.
func api(t *testing.T, addr, method, path, token, body string) (int, string) {
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

// register signs up name on addr and returns the token.
func register(t *testing.T, addr, name string) string {
	t.Helper()
	code, body := api(t, addr, "POST", "/api/users", "", `{"user":{"username":"`+name+`","email":"`+name+`@example.com","password":"password1"}}`)
	m := regexp.MustCompile(`"token":"([^"]+)"`).FindStringSubmatch(body)
	if code != http.StatusCreated || m == nil {
		t.Fatalf("register %s = %d %s", name, code, body)
	}
	return m[1]
}

// notice is a notification as a client reads it.
type notice struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	To      []int64
	Actor   struct{ Username string }
	Article *struct{ Slug, Title string }
	Comment *struct{ Body string }
}

// wsClient opens the notification WebSocket on addr as a browser would:
// the token in the query, an Origin header.
func wsClient(t *testing.T, addr, token string) (<-chan notice, <-chan error) {
	t.Helper()
	u := "ws://" + addr + "/api/notifications/ws?token=" + url.QueryEscape(token)
	c, resp, err := websocket.DefaultDialer.Dial(u, http.Header{"Origin": {"http://" + addr}})
	if err != nil {
		t.Fatalf("dial %s: %v (%v)", u, err, resp)
	}
	t.Cleanup(func() { c.Close() })
	msgs, errc := make(chan notice, 16), make(chan error, 1)
	go func() {
		for {
			_, data, err := c.ReadMessage()
			if err != nil {
				errc <- err
				return
			}
			var n notice
			if err := json.Unmarshal(data, &n); err != nil {
				errc <- err
				return
			}
			msgs <- n
		}
	}()
	return msgs, errc
}

// sseClient opens the notification stream on addr with the Authorization header.
func sseClient(t *testing.T, addr, token string) <-chan notice {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addr+"/api/notifications/stream", nil)
	req.Header.Set("Authorization", "Token "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET stream: %v %v", resp, err)
	}
	out := make(chan notice, 16)
	go func() {
		defer resp.Body.Close()
		lines := bufio.NewScanner(resp.Body)
		for lines.Scan() {
			if data, ok := strings.CutPrefix(lines.Text(), "data: "); ok {
				var n notice
				if json.Unmarshal([]byte(data), &n) == nil {
					out <- n
				}
			}
		}
	}()
	return out
}

func expect(t *testing.T, what string, ch <-chan notice, typ string) notice {
	t.Helper()
	select {
	case n := <-ch:
		if n.Type != typ || n.ID == "" || n.To != nil {
			t.Fatalf("%s: got %+v, want a %s notification with an id and no recipient list", what, n, typ)
		}
		return n
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: no %s notification within 10 s", what, typ)
		return notice{}
	}
}

// waitStreams waits until the program's Hub holds n connections, read off
// /metrics on its debug listener, so that a write made next is certainly heard.
func waitStreams(t *testing.T, logs *syncBuffer, n int) {
	t.Helper()
	m := regexp.MustCompile(`"msg":"debug listener","addr":"([^"]+)"`).FindStringSubmatch(logs.String())
	if m == nil {
		t.Fatalf("no debug listener in the logs:\n%s", logs.String())
	}
	gauge := regexp.MustCompile(`(?m)^realtime_connections\{[^}]*\} (\d+)$`)
	total := 0
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := http.Get("http://" + m[1] + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		total = 0
		for _, g := range gauge.FindAllStringSubmatch(string(body), -1) {
			k, _ := strconv.Atoi(g[1])
			total += k
		}
		if total == n {
			return
		}
	}
	t.Fatalf("the hub holds %d connections, want %d", total, n)
}

// TestNotifications: on the default backends (nothing installed), a new
// follower, a new article by someone you follow and a new comment on your
// article each reach the user's open streams, over WebSocket and SSE; the
// streams refuse a missing token; and shutdown closes the WebSocket with
// 1001 instead of waiting for it.
func TestNotifications(t *testing.T) {
	addr, logs, cancel, done := start(t, map[string]string{"ADDR": "127.0.0.1:0", "DRAIN_DELAY": "0s", "BCRYPT_COST": "10"})
	ann, bob := register(t, addr, "ann"), register(t, addr, "bob")

	if code, body := api(t, addr, "GET", "/api/notifications/stream", "", ""); code != http.StatusUnauthorized {
		t.Errorf("stream without a token = %d %s, want 401", code, body)
	}
	if code, body := api(t, addr, "GET", "/api/notifications/stream?token=forged", "", ""); code != http.StatusUnauthorized {
		t.Errorf("stream with a bad token = %d %s, want 401", code, body)
	}

	bobWS, bobErr := wsClient(t, addr, bob)
	annSSE := sseClient(t, addr, ann)
	waitStreams(t, logs, 2)

	if code, body := api(t, addr, "POST", "/api/profiles/bob/follow", ann, ""); code != http.StatusOK {
		t.Fatalf("follow = %d %s", code, body)
	}
	if n := expect(t, "bob, followed by ann", bobWS, "follower"); n.Actor.Username != "ann" {
		t.Errorf("follower notification names %q, want ann", n.Actor.Username)
	}
	api(t, addr, "POST", "/api/profiles/bob/follow", ann, "") // again: not news

	if code, body := api(t, addr, "POST", "/api/articles", bob, `{"article":{"title":"Dragons","description":"d","body":"b"}}`); code != http.StatusCreated {
		t.Fatalf("create article = %d %s", code, body)
	}
	if n := expect(t, "ann, who follows bob", annSSE, "article"); n.Article == nil || n.Article.Slug != "dragons" || n.Actor.Username != "bob" {
		t.Errorf("article notification = %+v, want bob's dragons", n)
	}
	if code, body := api(t, addr, "POST", "/api/articles/dragons/comments", ann, `{"comment":{"body":"Nice"}}`); code != http.StatusOK {
		t.Fatalf("comment = %d %s", code, body)
	}
	if n := expect(t, "bob, whose article ann commented on", bobWS, "comment"); n.Comment == nil || n.Comment.Body != "Nice" || n.Article.Slug != "dragons" {
		t.Errorf("comment notification = %+v", n)
	}
	// bob commenting on his own article tells nobody; the second follow
	// above told nobody either: the next thing bob hears is the close.
	api(t, addr, "POST", "/api/articles/dragons/comments", bob, `{"comment":{"body":"Thanks"}}`)

	cancel()
	select {
	case err := <-bobErr:
		var ce *websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != websocket.CloseGoingAway {
			t.Errorf("at shutdown the WebSocket read %v, want close 1001", err)
		}
	case n := <-bobWS:
		t.Errorf("bob heard %+v; want nothing after ann's comment (the repeat follow and his own comment are not news)", n)
	case <-time.After(10 * time.Second):
		t.Error("no close frame within 10 s of shutdown")
	}
	if err := <-done; err != nil {
		t.Errorf("run = %v", err)
	}
}

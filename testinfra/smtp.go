package testinfra

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ory/dockertest/v3"
)

var smtpService = service{
	name:    ServiceSMTP,
	envVar:  "WORKBOOK_SMTP_ADDR",
	compose: "mailpit",
	example: "127.0.0.1:1025 WORKBOOK_MAILPIT_URL=http://127.0.0.1:8025",
}

// Mailbox is an SMTP server (Mailpit) and a recipient address unique to one
// test. Mail sent to To is read back through Mailpit's HTTP API.
type Mailbox struct {
	// Addr is the SMTP host:port (no TLS, no authentication).
	Addr string
	// To is a recipient address no other test uses.
	To string
	// APIURL is Mailpit's HTTP API base, such as http://127.0.0.1:8025.
	APIURL string

	client *http.Client
}

// Message is one delivered mail as Mailpit parsed it.
type Message struct {
	ID      string
	From    string
	To      []string // To, Cc and Bcc recipients
	Subject string
	Text    string
	HTML    string
	Headers map[string][]string
}

// SMTP returns a mailbox on the Mailpit from WORKBOOK_SMTP_ADDR and
// WORKBOOK_MAILPIT_URL, else an axllent/mailpit container, else the test
// skips. Messages to the mailbox are deleted at cleanup.
func SMTP(tb testing.TB) *Mailbox {
	tb.Helper()
	addr, api := os.Getenv(smtpService.envVar), os.Getenv("WORKBOOK_MAILPIT_URL")
	if addr == "" || api == "" {
		if addr != "" || api != "" {
			broken(tb, smtpService, "set both WORKBOOK_SMTP_ADDR and WORKBOOK_MAILPIT_URL")
		}
		r, err := container(tb, "mailpit", &dockertest.RunOptions{Repository: "axllent/mailpit", Tag: "v1.27"},
			func(r *dockertest.Resource) error {
				return mailpitReady(&http.Client{Timeout: 5 * time.Second}, "http://"+r.GetHostPort("8025/tcp"))
			})
		if err != nil {
			unavailable(tb, smtpService, err.Error())
			return nil
		}
		addr, api = r.GetHostPort("1025/tcp"), "http://"+r.GetHostPort("8025/tcp")
	}
	box := &Mailbox{
		Addr:   addr,
		To:     uniqueName(tb, "-") + "@workbook.test",
		APIURL: strings.TrimRight(api, "/"),
		client: &http.Client{Timeout: 10 * time.Second},
	}
	if err := mailpitReady(box.client, box.APIURL); err != nil {
		broken(tb, smtpService, "Mailpit API %s: %v", box.APIURL, err)
	}
	tb.Cleanup(func() { box.deleteAll(tb) })
	return box
}

func mailpitReady(c *http.Client, api string) error {
	return getOK(c, api+"/api/v1/info")
}

// Wait returns the messages delivered to b.To, oldest first, once there are
// at least n of them. It polls Mailpit until ctx is done.
func (b *Mailbox) Wait(ctx context.Context, n int) ([]Message, error) {
	for {
		ids, err := b.search(ctx)
		if err == nil && len(ids) >= n {
			msgs := make([]Message, 0, len(ids))
			for i := len(ids) - 1; i >= 0; i-- { // Mailpit lists newest first
				m, err := b.message(ctx, ids[i])
				if err != nil {
					return nil, err
				}
				msgs = append(msgs, m)
			}
			return msgs, nil
		}
		select {
		case <-ctx.Done():
			if err != nil {
				return nil, fmt.Errorf("testinfra: waiting for %d message(s) to %s: %w (last error: %v)", n, b.To, ctx.Err(), err)
			}
			return nil, fmt.Errorf("testinfra: waiting for %d message(s) to %s: %w (have %d)", n, b.To, ctx.Err(), len(ids))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// search returns the IDs of messages addressed to b.To (To, Cc or Bcc).
func (b *Mailbox) search(ctx context.Context) ([]string, error) {
	var res struct {
		Messages []struct{ ID string }
	}
	q := url.Values{"query": {"addressed:" + b.To}, "limit": {"1000"}}
	if err := b.getJSON(ctx, "/api/v1/search?"+q.Encode(), &res); err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Messages))
	for i, m := range res.Messages {
		ids[i] = m.ID
	}
	return ids, nil
}

type mailpitAddress struct{ Name, Address string }

func (b *Mailbox) message(ctx context.Context, id string) (Message, error) {
	var m struct {
		ID          string
		From        mailpitAddress
		To, Cc, Bcc []mailpitAddress
		Subject     string
		Text, HTML  string
	}
	if err := b.getJSON(ctx, "/api/v1/message/"+url.PathEscape(id), &m); err != nil {
		return Message{}, err
	}
	msg := Message{ID: m.ID, From: m.From.Address, Subject: m.Subject, Text: m.Text, HTML: m.HTML}
	for _, list := range [][]mailpitAddress{m.To, m.Cc, m.Bcc} {
		for _, a := range list {
			msg.To = append(msg.To, a.Address)
		}
	}
	if err := b.getJSON(ctx, "/api/v1/message/"+url.PathEscape(id)+"/headers", &msg.Headers); err != nil {
		return Message{}, err
	}
	return msg, nil
}

func (b *Mailbox) getJSON(ctx context.Context, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.APIURL+path, nil)
	if err != nil {
		return err
	}
	resp, err := b.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func (b *Mailbox) deleteAll(tb testing.TB) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ids, err := b.search(ctx)
	if err != nil || len(ids) == 0 {
		return
	}
	body, _ := json.Marshal(map[string][]string{"IDs": ids})
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, b.APIURL+"/api/v1/messages", bytes.NewReader(body))
	if err != nil {
		return
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.client.Do(req)
	if err != nil {
		tb.Logf("testinfra: delete messages to %s: %v", b.To, err)
		return
	}
	resp.Body.Close()
}

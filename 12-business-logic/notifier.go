package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"workbook/12-business-logic/publishing"
)

// notifier stands in for an email service: it "sends" a message to the
// author when their article is published or rejected, by logging it and
// keeping it for GET /notifications. It is the outbox relay's Handler, so
// it only ever hears about committed changes.
type notifier struct {
	logger *slog.Logger
	mu     sync.Mutex
	seen   map[int64]bool // outbox IDs already handled: redelivery is a no-op
	sent   []notification
}

type notification struct {
	OutboxID int64     `json:"outbox_id"`
	To       string    `json:"to"`
	Subject  string    `json:"subject"`
	SentAt   time.Time `json:"sent_at"`
}

func newNotifier(logger *slog.Logger) *notifier {
	return &notifier{logger: logger, seen: map[int64]bool{}}
}

// Deliver is a publishing.Handler.
func (n *notifier) Deliver(_ context.Context, m publishing.Message) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.seen[m.ID] {
		return nil
	}
	var p map[string]string
	if err := json.Unmarshal(m.Payload, &p); err != nil {
		return err
	}
	var subject string
	switch m.Event {
	case "article.published":
		subject = "Published: " + p["article"] + " (approved by " + p["editor"] + ")"
	case "article.rejected":
		subject = "Changes requested on " + p["article"] + ": " + p["reason"]
	default:
		n.seen[m.ID] = true // nobody is told about the other events
		return nil
	}
	note := notification{OutboxID: m.ID, To: p["notify"], Subject: subject, SentAt: time.Now().UTC()}
	n.sent = append(n.sent, note)
	n.seen[m.ID] = true
	n.logger.Info("notification sent", "to", note.To, "subject", note.Subject, "outbox_id", m.ID)
	return nil
}

func (n *notifier) handleList(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	out := append([]notification{}, n.sent...)
	n.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(map[string]any{"notifications": out})
}

// redact hides the password of a URL before it is logged.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable DATABASE_URL)"
	}
	return u.Redacted()
}

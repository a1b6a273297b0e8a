// Package paymentclient is the Payments port as an HTTP client of the
// payment provider (fakepayment here). The http.Client's Timeout is the
// adapter's own ceiling; the service's context deadline is usually shorter.
package paymentclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"workbook/29-architecture/domain"
)

// Client is safe for concurrent use.
type Client struct {
	baseURL string
	http    *http.Client
}

// New returns a client of the provider at baseURL ("http://host:port").
func New(baseURL string, timeout time.Duration) *Client {
	return &Client{baseURL: baseURL, http: &http.Client{Timeout: timeout}}
}

// Authorize implements ports.Payments. Every failure wraps
// domain.ErrUnavailable; the provider's own words stay in the error chain
// for the log, never for the client.
func (c *Client) Authorize(ctx context.Context, orderID string, amountCents int64) (string, error) {
	body, _ := json.Marshal(map[string]any{"orderId": orderID, "amountCents": amountCents})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/authorize", bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("%w: payment: %w", domain.ErrUnavailable, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("%w: payment: %w", domain.ErrUnavailable, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<10))
		return "", fmt.Errorf("%w: payment: status %d", domain.ErrUnavailable, resp.StatusCode)
	}
	var out struct {
		Authorization string `json:"authorization"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<10)).Decode(&out); err != nil || out.Authorization == "" {
		return "", fmt.Errorf("%w: payment: unreadable answer", domain.ErrUnavailable)
	}
	return out.Authorization, nil
}

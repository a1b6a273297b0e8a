package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// relatedFinder is a dependency: another service that recommends related
// articles. When it fails, this API answers 500 and logs the cause, but
// never forwards the cause (host names, ports, error text) to the client.
type relatedFinder interface {
	Related(ctx context.Context, slug string) ([]string, error)
}

// relatedClient asks an HTTP service at BaseURL: GET {BaseURL}/related/{slug}
// → ["slug", ...].
type relatedClient struct {
	BaseURL string
	HTTP    *http.Client
}

func (c *relatedClient) Related(ctx context.Context, slug string) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+"/related/"+url.PathEscape(slug), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, fmt.Errorf("related service: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("related service: status %d", resp.StatusCode)
	}
	var slugs []string
	if err := json.NewDecoder(resp.Body).Decode(&slugs); err != nil {
		return nil, fmt.Errorf("related service: %w", err)
	}
	return slugs, nil
}

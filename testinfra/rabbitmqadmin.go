package testinfra

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"testing"
	"time"
)

// rabbitmqAPIEnv names RabbitMQ's management API, e.g.
// http://guest:guest@127.0.0.1:15672 (the rabbitmq_management plugin).
const rabbitmqAPIEnv = "WORKBOOK_RABBITMQ_API"

// rabbitmqAPIService is RabbitMQ (the same service to WORKBOOK_REQUIRE_SERVICES
// and to the grader) found through its management API's variable.
var rabbitmqAPIService = func() service {
	s := amqpService
	s.envVar, s.example = rabbitmqAPIEnv, "http://guest:guest@127.0.0.1:15672"
	return s
}()

// CloseConnection closes, from the broker's side, every client connection
// whose connection_name (amqp.Config Properties, SetClientConnectionName) is
// name, through the management API's DELETE /api/connections/{name}. It
// waits (up to 10 s) until at least one such connection exists, so a test can
// call it right after starting a client that is still dialling. It skips,
// or fails when rabbitmq is required, if WORKBOOK_RABBITMQ_API is unset.
func (e *AMQPEnv) CloseConnection(tb testing.TB, name string) {
	tb.Helper()
	api := os.Getenv(rabbitmqAPIEnv)
	if api == "" {
		unavailable(tb, rabbitmqAPIService, rabbitmqAPIEnv+" is unset: the management API is needed to close a connection from the broker side")
		return
	}
	base, err := url.Parse(api)
	if err != nil {
		broken(tb, rabbitmqAPIService, "parse: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		// The management API refreshes its connection list every few seconds.
		names, err := connectionsNamed(ctx, base, name)
		if err != nil {
			broken(tb, rabbitmqAPIService, "GET /api/connections: %v", err)
		}
		if len(names) > 0 {
			for _, n := range names {
				if err := deleteConnection(ctx, base, n); err != nil {
					broken(tb, rabbitmqAPIService, "DELETE /api/connections/%s: %v", n, err)
				}
			}
			return
		}
		select {
		case <-ctx.Done():
			tb.Fatalf("testinfra: no RabbitMQ connection named %q appeared within 10s", name)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// connectionsNamed returns the broker's names (such as
// "127.0.0.1:50412 -> 127.0.0.1:5672") of the connections whose client set
// connection_name to name.
func connectionsNamed(ctx context.Context, base *url.URL, name string) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base.JoinPath("api", "connections").String(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s", resp.Status)
	}
	var conns []struct {
		Name             string `json:"name"`
		UserProvidedName string `json:"user_provided_name"`
		ClientProperties struct {
			ConnectionName string `json:"connection_name"`
		} `json:"client_properties"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&conns); err != nil {
		return nil, err
	}
	var out []string
	for _, c := range conns {
		if c.ClientProperties.ConnectionName == name || c.UserProvidedName == name {
			out = append(out, c.Name)
		}
	}
	return out, nil
}

func deleteConnection(ctx context.Context, base *url.URL, name string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, base.JoinPath("api", "connections", name).String(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Reason", "closed by a workbook test")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusNotFound {
		return fmt.Errorf("%s", resp.Status)
	}
	return nil
}

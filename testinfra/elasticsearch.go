package testinfra

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ory/dockertest/v3"
)

var elasticsearchService = service{
	name:    ServiceElasticsearch,
	envVar:  "WORKBOOK_ELASTICSEARCH_URL",
	compose: "elasticsearch",
	example: "http://127.0.0.1:9200",
}

// ElasticsearchEnv is an Elasticsearch cluster for one test.
type ElasticsearchEnv struct {
	// URL is the cluster's HTTP address.
	URL string
	// Prefix starts every index name the test creates ("wb-testsearch-1a2b3c4d-");
	// indices and aliases under it are deleted at cleanup.
	Prefix string
}

// Elasticsearch returns a cluster from WORKBOOK_ELASTICSEARCH_URL, else an
// elasticsearch:8 single-node container with security off, else the test skips.
func Elasticsearch(tb testing.TB) *ElasticsearchEnv {
	tb.Helper()
	client := &http.Client{Timeout: 30 * time.Second}
	addr := os.Getenv(elasticsearchService.envVar)
	if addr == "" {
		r, err := container(tb, "elasticsearch", &dockertest.RunOptions{
			Repository: "docker.elastic.co/elasticsearch/elasticsearch", Tag: "8.15.3",
			Env: []string{"discovery.type=single-node", "xpack.security.enabled=false", "ES_JAVA_OPTS=-Xms512m -Xmx512m"},
		}, func(r *dockertest.Resource) error {
			return elasticsearchReady(client, "http://"+r.GetHostPort("9200/tcp"))
		})
		if err != nil {
			unavailable(tb, elasticsearchService, err.Error())
			return nil
		}
		addr = "http://" + r.GetHostPort("9200/tcp")
	}
	addr = strings.TrimRight(addr, "/")
	if err := elasticsearchReady(client, addr); err != nil {
		broken(tb, elasticsearchService, "%v", err)
	}
	env := &ElasticsearchEnv{URL: addr, Prefix: uniqueName(tb, "-") + "-"}
	tb.Cleanup(func() { env.deleteIndices(tb, client) })
	return env
}

func elasticsearchReady(c *http.Client, addr string) error {
	return getOK(c, addr+"/_cluster/health?wait_for_status=yellow&timeout=5s")
}

// deleteIndices deletes the test's indices by name: Elasticsearch 8 refuses
// wildcard deletes (action.destructive_requires_name), so list them first.
func (e *ElasticsearchEnv) deleteIndices(tb testing.TB, c *http.Client) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet,
		e.URL+"/_cat/indices/"+url.PathEscape(e.Prefix+"*")+"?format=json&h=index&expand_wildcards=all", nil)
	resp, err := c.Do(req)
	if err != nil {
		tb.Logf("testinfra: list indices %s*: %v", e.Prefix, err)
		return
	}
	var rows []struct{ Index string }
	err = json.NewDecoder(resp.Body).Decode(&rows)
	resp.Body.Close()
	if err != nil {
		return
	}
	for _, row := range rows {
		req, _ := http.NewRequestWithContext(ctx, http.MethodDelete, e.URL+"/"+url.PathEscape(row.Index), nil)
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
		}
	}
}

package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"workbook/capstone/service"
	"workbook/capstone/storetest"
	"workbook/testinfra"
)

// planNode is the part of EXPLAIN (FORMAT JSON) this test reads.
type planNode struct {
	NodeType  string     `json:"Node Type"`
	Relation  string     `json:"Relation Name"`
	IndexName string     `json:"Index Name"`
	Plans     []planNode `json:"Plans"`
}

func (n planNode) walk(f func(planNode)) {
	f(n)
	for _, c := range n.Plans {
		c.walk(f)
	}
}

// TestListQueriesUseIndexes: on 20 000 articles, analysed, the queries of
// the first page of each list — and GET /api/tags — read no table from end
// to end: every scan of articles, article_tags, favorites or follows goes
// through an index (follows, 20 rows here, may be read whole), and the unfiltered and tag-only counts read a counter.
func TestListQueriesUseIndexes(t *testing.T) {
	dbURL := testinfra.Postgres(t)
	ctx := context.Background()
	s, err := Open(ctx, withParam(t, dbURL, "statement_timeout", "5min"), 2) // seeding is one long statement
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range storetest.SeedPostgresSQL(1001, 1, 20_000) {
		if _, err := s.pool.Exec(ctx, stmt); err != nil {
			t.Fatalf("seed: %v\n%s", err, stmt)
		}
	}
	viewer, err := s.UserByUsername(ctx, "user1")
	if err != nil {
		t.Fatal(err)
	}

	type query struct {
		name string
		sql  string
		args []any
	}
	var queries []query
	for _, q := range []struct {
		name string
		q    service.ArticleQuery
	}{
		{"list", service.ArticleQuery{}},
		{"tag", service.ArticleQuery{Tag: "tag7"}},
		{"author", service.ArticleQuery{Author: "user5"}},
		{"feed", service.ArticleQuery{FollowedBy: viewer.ID}},
		{"favorited", service.ArticleQuery{FavoritedBy: "user1"}},
		{"tag and author", service.ArticleQuery{Tag: "tag7", Author: "user5"}},
	} {
		q.q.Limit = 20
		countSQL, idsSQL, args := listPlan(q.q)
		queries = append(queries,
			query{q.name + " count", countSQL, args},
			query{q.name + " page", idsSQL, append(append([]any{}, args...), 20, 0)})
	}
	queries = append(queries,
		query{"page view", articleView + " WHERE a.id = ANY($2) ORDER BY a.created_at DESC, a.id DESC", []any{viewer.ID, []int64{1, 2, 3}}},
		query{"tags", `SELECT tag FROM tag_counts ORDER BY tag COLLATE "C"`, nil})

	// follows has 20 rows here, so reading it whole is the right plan.
	big := map[string]bool{"articles": true, "article_tags": true, "favorites": true, "users": true}
	for _, q := range queries {
		var raw []byte
		if err := s.pool.QueryRow(ctx, "EXPLAIN (FORMAT JSON) "+q.sql, q.args...).Scan(&raw); err != nil {
			t.Fatalf("EXPLAIN %s: %v\n%s", q.name, err, q.sql)
		}
		var plans []struct {
			Plan planNode `json:"Plan"`
		}
		if err := json.Unmarshal(raw, &plans); err != nil || len(plans) != 1 {
			t.Fatalf("EXPLAIN %s: %v", q.name, err)
		}
		var scans []string
		plans[0].Plan.walk(func(n planNode) {
			if n.Relation != "" {
				scans = append(scans, fmt.Sprintf("%s on %s %s", n.NodeType, n.Relation, n.IndexName))
			}
			if n.NodeType == "Seq Scan" && big[n.Relation] {
				t.Errorf("%s reads all of %s (Seq Scan):\n%s", q.name, n.Relation, raw)
			}
		})
		t.Logf("%-16s %s", q.name, strings.Join(scans, "; "))
		switch q.name {
		case "list count", "tag count":
			for _, sc := range scans {
				if !strings.Contains(sc, "_counts") {
					t.Errorf("%s reads %s; want only the counter table", q.name, sc)
				}
			}
		case "list page", "tag page":
			if len(scans) != 1 || !strings.HasPrefix(scans[0], "Index") {
				t.Errorf("%s reads %v; want one index scan, in order, that stops at the limit", q.name, scans)
			}
		}
	}
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// explainQuery is one query /explain may show the plan of.
type explainQuery struct {
	About string
	SQL   string
}

// explainQueries is the allow-list. /explain never runs SQL from a request:
// EXPLAIN ANALYZE executes its statement, so accepting arbitrary SQL would be
// an injection hole with a bow on it. Values are literals here because
// EXPLAIN cannot take bind parameters for the statement it explains.
var explainQueries = map[string]explainQuery{
	"feed": {
		About: "first page of the feed: the (created_at DESC, id DESC) index is read in order and the scan stops after 21 rows",
		SQL:   `SELECT id, slug, title FROM articles ORDER BY created_at DESC, id DESC LIMIT 21`,
	},
	"feed-keyset": {
		About: "a later page by keyset: the index seeks straight to the cursor",
		SQL: `SELECT id, slug, title FROM articles
			WHERE (created_at, id) < (now() - interval '3 days', 9223372036854775807)
			ORDER BY created_at DESC, id DESC LIMIT 21`,
	},
	"feed-offset": {
		About: "the same page by OFFSET: the index is read from the top and 4000 rows are thrown away (compare with ?analyze=true)",
		SQL:   `SELECT id, slug, title FROM articles ORDER BY created_at DESC, id DESC LIMIT 21 OFFSET 4000`,
	},
	"tags-for-page": {
		About: "tags of 20 articles in one query with = ANY(array): the fix for N+1",
		SQL: `SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
			WHERE at.article_id = ANY('{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20}'::bigint[])`,
	},
	"articles-by-tag": {
		About: "articles with tag 'go': tags_name_key finds the tag, article_tags_tag_id_idx its articles",
		SQL: `SELECT a.id, a.slug FROM articles a
			JOIN article_tags at ON at.article_id = a.id JOIN tags t ON t.id = at.tag_id
			WHERE t.name = 'go' ORDER BY a.created_at DESC LIMIT 20`,
	},
	"comments-by-author": {
		About: "a user's latest comments: no index on comments.author_id yet, so a Seq Scan (exercise 3 fixes it)",
		SQL:   `SELECT id, article_id, created_at FROM comments WHERE author_id = 2 ORDER BY created_at DESC LIMIT 20`,
	},
}

func init() {
	// Written over several lines above for reading; shown on one line.
	for name, q := range explainQueries {
		q.SQL = strings.Join(strings.Fields(q.SQL), " ")
		explainQueries[name] = q
	}
}

// explainNames lists the allow-list, sorted, for error messages and the index.
func explainNames() []string {
	names := make([]string, 0, len(explainQueries))
	for n := range explainQueries {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Explain returns PostgreSQL's plan of the allow-listed query name as JSON.
// With analyze it also runs the query (EXPLAIN ANALYZE) inside a READ ONLY
// transaction that is rolled back, and reports real row counts and timings.
func (s *pgStore) Explain(ctx context.Context, name string, analyze bool) (json.RawMessage, error) {
	q, ok := explainQueries[name]
	if !ok {
		return nil, fmt.Errorf("query %q %w", name, errNotFound)
	}
	options := "FORMAT JSON"
	if analyze {
		options = "ANALYZE, BUFFERS, FORMAT JSON"
	}
	var plan json.RawMessage
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, "EXPLAIN ("+options+") "+q.SQL).Scan(&plan); err != nil {
			return err
		}
		return errRollback // never keep anything EXPLAIN ANALYZE did
	})
	if err != errRollback {
		return nil, err
	}
	return plan, nil
}

// errRollback makes BeginTxFunc roll back a transaction that succeeded.
var errRollback = fmt.Errorf("rollback on purpose")

// planNode is the part of an EXPLAIN (FORMAT JSON) node the summary reads.
type planNode struct {
	NodeType     string     `json:"Node Type"`
	RelationName string     `json:"Relation Name"`
	IndexName    string     `json:"Index Name"`
	ActualRows   *float64   `json:"Actual Rows"`
	Plans        []planNode `json:"Plans"`
}

// summarizePlan flattens a JSON plan into one line per node, outermost first:
// "Limit", "Index Scan using articles_created_at_id_idx on articles"…
func summarizePlan(raw json.RawMessage) ([]string, error) {
	var plans []struct {
		Plan planNode `json:"Plan"`
	}
	if err := json.Unmarshal(raw, &plans); err != nil {
		return nil, err
	}
	var out []string
	var walk func(n planNode, depth int)
	walk = func(n planNode, depth int) {
		line := n.NodeType
		if n.IndexName != "" {
			line += " using " + n.IndexName
		}
		if n.RelationName != "" {
			line += " on " + n.RelationName
		}
		if n.ActualRows != nil {
			line += fmt.Sprintf(" (actual rows %.0f)", *n.ActualRows)
		}
		out = append(out, fmt.Sprintf("%*s%s", 2*depth, "", line))
		for _, c := range n.Plans {
			walk(c, depth+1)
		}
	}
	for _, p := range plans {
		walk(p.Plan, 0)
	}
	return out, nil
}

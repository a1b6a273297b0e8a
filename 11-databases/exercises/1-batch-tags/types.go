// Package batchtags is exercise 1 of chapter 11: load the tags of many
// articles in one query instead of one query per article (the N+1 problem).
package batchtags

import (
	"context"
	"sort"

	"github.com/jackc/pgx/v5"
)

// Querier is the one method TagsForArticles needs. *pgxpool.Pool, *pgx.Conn
// and pgx.Tx all satisfy it, so the function works inside or outside a
// transaction.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// TagsForArticlesNaive is the N+1 version, kept as the test's oracle and as
// the thing not to do: one round trip per article, so 50 articles cost 50
// queries and 50 network latencies.
func TagsForArticlesNaive(ctx context.Context, db Querier, articleIDs []int64) (map[int64][]string, error) {
	out := make(map[int64][]string)
	for _, id := range articleIDs {
		rows, err := db.Query(ctx, `
			SELECT t.name
			FROM article_tags at JOIN tags t ON t.id = at.tag_id
			WHERE at.article_id = $1`, id)
		if err != nil {
			return nil, err
		}
		names, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, err
		}
		if len(names) > 0 {
			sort.Strings(names)
			out[id] = names
		}
	}
	return out, nil
}

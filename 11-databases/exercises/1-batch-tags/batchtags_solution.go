//go:build solution

package batchtags

import (
	"context"
	"fmt"
)

// TagsForArticles returns the tag names of each article in articleIDs, using
// exactly one query whatever the number of articles (zero queries for none).
//
// The map holds only articles that have at least one tag; each slice is sorted
// by name. Unknown and repeated IDs are allowed.
func TagsForArticles(ctx context.Context, db Querier, articleIDs []int64) (map[int64][]string, error) {
	out := make(map[int64][]string)
	if len(articleIDs) == 0 {
		return out, nil // nothing to ask: do not pay a round trip
	}
	// pgx sends a Go []int64 as a PostgreSQL bigint[]; `= ANY($1)` matches
	// any element. One parameter, one plan, whatever len(articleIDs) is,
	// unlike an IN ($1, $2, …) list built by string concatenation.
	rows, err := db.Query(ctx, `
		SELECT at.article_id, t.name
		FROM article_tags at
		JOIN tags t ON t.id = at.tag_id
		WHERE at.article_id = ANY($1)
		ORDER BY at.article_id, t.name`, articleIDs)
	if err != nil {
		return nil, fmt.Errorf("batchtags: query: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("batchtags: scan: %w", err)
		}
		out[id] = append(out[id], name)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("batchtags: rows: %w", err)
	}
	return out, nil
}

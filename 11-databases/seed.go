package main

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// seed fills an empty database with demo data: three users, a handful of
// hand-written articles on top of the feed, and enough generated rows (5,000
// articles, 20,000 comments) that the planner's choices in /explain are the
// ones a real table would get. It returns how many articles it inserted (0
// when the database already had users).
func seed(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	var users int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM users`).Scan(&users); err != nil {
		return 0, err
	}
	if users > 0 {
		return 0, nil
	}
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `
			INSERT INTO users (username, email) VALUES
				('ada', 'ada@example.com'), ('grace', 'grace@example.com'), ('linus', 'linus@example.com');
			INSERT INTO tags (name) VALUES ('go'), ('sql'), ('postgres'), ('http'), ('testing');

			-- 5,000 generated articles, one a minute going back from a day ago.
			INSERT INTO articles (author_id, slug, title, body, created_at)
				SELECT 1 + g % 3, 'generated-' || g, 'Generated article ' || g, 'Body ' || g,
				       now() - interval '1 day' - g * interval '1 minute'
				FROM generate_series(1, 5000) g;
			-- Each generated article gets one or two of the five tags.
			INSERT INTO article_tags (article_id, tag_id)
				SELECT a.id, 1 + a.id % 5 FROM articles a
				UNION
				SELECT a.id, 1 + (a.id * 7) % 5 FROM articles a WHERE a.id % 2 = 0;
			INSERT INTO comments (article_id, author_id, body, created_at)
				SELECT 1 + g % 5000, 1 + g % 3, 'Comment ' || g, now() - g * interval '10 seconds'
				FROM generate_series(1, 20000) g;

			-- The hand-written ones come last, so they top the feed.
			INSERT INTO articles (author_id, slug, title, body) VALUES
				(1, 'why-postgres', 'Why PostgreSQL', 'Transactions, constraints and a planner you can ask.'),
				(2, 'keyset-pagination', 'Keyset pagination', 'Seek, do not skip.');
			INSERT INTO article_tags (article_id, tag_id)
				SELECT a.id, t.id FROM articles a, tags t
				WHERE (a.slug = 'why-postgres' AND t.name IN ('postgres', 'sql'))
				   OR (a.slug = 'keyset-pagination' AND t.name IN ('sql', 'http'));`)
		return err
	})
	if err != nil {
		return 0, err
	}
	// Fresh statistics, so the planner knows the tables are no longer empty.
	if _, err := pool.Exec(ctx, `ANALYZE`); err != nil {
		return 0, err
	}
	return 5002, nil
}

package storetest

import (
	"context"
	"fmt"
	"time"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// The scale fixture: Users users named user1…userN; article i (1-based) by
// user (i mod Users)+1, created i seconds after seedBase, tagged
// tag(i mod 50) and tag(7i mod 50); user1 follows user2…user21 and
// favourites every hundredth; every author favourites their own
// articles, so user1's favourites are a small part of the table. SeedStore writes it through the store's
// own methods (for the memory store); SeedPostgresSQL is the same data as
// set-based SQL, for a PostgreSQL large enough to measure.
const (
	SeedTags     = 50
	SeedFollowed = 20
)

var seedBase = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// SeedStore creates the users (when from is 1) and articles from…to.
func SeedStore(ctx context.Context, s service.Store, users, from, to int) error {
	if from == 1 {
		for i := 1; i <= users; i++ {
			u := &conduit.User{Username: fmt.Sprintf("user%d", i), Email: fmt.Sprintf("user%d@example.com", i), PasswordHash: "x", TokenGen: fmt.Sprintf("gen%d", i)}
			if err := s.CreateUser(ctx, u); err != nil {
				return err
			}
		}
		for i := 2; i <= SeedFollowed+1; i++ {
			if err := s.Follow(ctx, 1, userID(ctx, s, i)); err != nil {
				return err
			}
		}
	}
	first := userID(ctx, s, 1)
	for i := from; i <= to; i++ {
		at := seedBase.Add(time.Duration(i) * time.Second)
		a := &conduit.Article{
			Slug: fmt.Sprintf("article-%d", i), Title: fmt.Sprintf("Article %d", i),
			Description: fmt.Sprintf("about %d", i), Body: fmt.Sprintf("body %d", i),
			TagList:  []string{fmt.Sprintf("tag%d", i%SeedTags), fmt.Sprintf("tag%d", 7*i%SeedTags)},
			AuthorID: first + int64(i%users), CreatedAt: at, UpdatedAt: at,
		}
		if err := s.CreateArticle(ctx, a); err != nil {
			return err
		}
		if err := s.Favorite(ctx, a.AuthorID, a.ID); err != nil {
			return err
		}
		if i%100 == 0 && a.AuthorID != first {
			if err := s.Favorite(ctx, first, a.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

func userID(ctx context.Context, s service.Store, i int) int64 {
	u, err := s.UserByUsername(ctx, fmt.Sprintf("user%d", i))
	if err != nil {
		return 0
	}
	return u.ID
}

// SeedPostgresSQL returns the statements that add the same fixture to a
// migrated, empty PostgreSQL database (users when from is 1).
func SeedPostgresSQL(users, from, to int) []string {
	var stmts []string
	if from == 1 {
		stmts = append(stmts,
			fmt.Sprintf(`INSERT INTO users (username, email, password_hash, token_gen)
				SELECT 'user' || i, 'user' || i || '@example.com', 'x', 'gen' || i FROM generate_series(1, %d) i`, users),
			fmt.Sprintf(`INSERT INTO follows (follower_id, followee_id)
				SELECT f.id, u.id FROM users f, users u WHERE f.username = 'user1'
				AND u.username IN (SELECT 'user' || i FROM generate_series(2, %d) i)`, SeedFollowed+1))
	}
	first := `(SELECT id FROM users WHERE username = 'user1')`
	stmts = append(stmts,
		fmt.Sprintf(`INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)
			SELECT 'article-' || i, 'Article ' || i, 'about ' || i, 'body ' || i, %s + i %% %d,
			       timestamptz '%s' + i * interval '1 second', timestamptz '%s' + i * interval '1 second'
			FROM generate_series(%d, %d) i`, first, users, seedBase.Format(time.RFC3339), seedBase.Format(time.RFC3339), from, to),
		fmt.Sprintf(`INSERT INTO article_tags (article_id, tag, created_at)
			SELECT a.id, 'tag' || (n %% %d), a.created_at
			FROM articles a, LATERAL (SELECT substr(a.slug, 9)::int AS i) s, LATERAL (VALUES (s.i), (7 * s.i)) t(n)
			WHERE s.i BETWEEN %d AND %d ON CONFLICT DO NOTHING`, SeedTags, from, to),
		fmt.Sprintf(`INSERT INTO favorites (user_id, article_id)
			SELECT a.author_id, a.id FROM articles a WHERE substr(a.slug, 9)::int BETWEEN %d AND %d
			UNION
			SELECT %s, a.id FROM articles a WHERE substr(a.slug, 9)::int BETWEEN %d AND %d AND substr(a.slug, 9)::int %% 100 = 0
			ON CONFLICT DO NOTHING`, from, to, first, from, to),
		`VACUUM ANALYZE`,
	)
	return stmts
}

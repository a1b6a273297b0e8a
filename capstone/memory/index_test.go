package memory

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// scan answers q the slow way, from the article map alone: what the
// indexes must agree with.
func (s *Store) scan(viewerID int64, q service.ArticleQuery) ([]conduit.Article, int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]int64, 0, len(s.articles))
	for id := range s.articles {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []conduit.Article
	total := 0
	for i := len(ids) - 1; i >= 0; i-- {
		a := s.articles[ids[i]]
		author := s.users[a.AuthorID]
		if q.Tag != "" && !slices.Contains(a.TagList, q.Tag) ||
			q.Author != "" && author.Username != q.Author ||
			q.FavoritedBy != "" && !s.favoritedByName(a.ID, q.FavoritedBy) ||
			q.FollowedBy != 0 && !s.following[q.FollowedBy][a.AuthorID] {
			continue
		}
		if total >= q.Offset && len(out) < q.Limit {
			out = append(out, s.view(viewerID, a))
		}
		total++
	}
	if out == nil {
		out = []conduit.Article{}
	}
	return out, total
}

func (s *Store) favoritedByName(articleID int64, username string) bool {
	for uid := range s.favorites[articleID] {
		if s.users[uid].Username == username {
			return true
		}
	}
	return false
}

// TestIndexesAgreeWithAScan runs a long random mix of writes and checks,
// after each, that every kind of list the indexes answer is what a full
// scan gives, and that the tag list is every tag in use.
func TestIndexesAgreeWithAScan(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	s := New()
	var users []*conduit.User
	for i := range 6 {
		u := &conduit.User{Username: fmt.Sprintf("u%d", i), Email: fmt.Sprintf("u%d@example.com", i), PasswordHash: "h"}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	tagPool := []string{"go", "sql", "cache", "queue", "search"}
	randomTags := func() []string {
		var tags []string
		for _, tg := range tagPool {
			if r.IntN(3) == 0 {
				tags = append(tags, tg)
			}
		}
		return tags
	}
	var live []*conduit.Article
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for step := range 600 {
		u := users[r.IntN(len(users))]
		switch op := r.IntN(10); {
		case op < 4 || len(live) == 0:
			at = at.Add(time.Minute)
			a := &conduit.Article{Slug: fmt.Sprintf("a%d", step), Title: "t", Description: "d", Body: "b",
				TagList: randomTags(), AuthorID: u.ID, CreatedAt: at, UpdatedAt: at}
			if err := s.CreateArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
			live = append(live, a)
		case op == 4:
			i := r.IntN(len(live))
			if err := s.DeleteArticle(ctx, live[i].ID); err != nil {
				t.Fatal(err)
			}
			live = slices.Delete(live, i, i+1)
		case op == 5:
			a := live[r.IntN(len(live))]
			a.TagList = randomTags()
			if err := s.UpdateArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		case op == 6:
			if err := s.Favorite(ctx, u.ID, live[r.IntN(len(live))].ID); err != nil {
				t.Fatal(err)
			}
		case op == 7:
			if err := s.Unfavorite(ctx, u.ID, live[r.IntN(len(live))].ID); err != nil {
				t.Fatal(err)
			}
		case op == 8:
			if err := s.Follow(ctx, u.ID, users[r.IntN(len(users))].ID); err != nil {
				t.Fatal(err)
			}
		default:
			if err := s.Unfollow(ctx, u.ID, users[r.IntN(len(users))].ID); err != nil {
				t.Fatal(err)
			}
		}
		viewer := users[r.IntN(len(users))]
		other := users[r.IntN(len(users))].Username
		tag := tagPool[r.IntN(len(tagPool))]
		limit, offset := 1+r.IntN(8), r.IntN(12)
		for _, q := range []service.ArticleQuery{
			{},
			{Tag: tag},
			{Author: other},
			{FavoritedBy: other},
			{FollowedBy: viewer.ID},
			{Tag: tag, Author: other},
			{Tag: tag, FavoritedBy: other},
			{Author: other, FollowedBy: viewer.ID},
			{Author: "nobody"},
			{Tag: "no-such-tag"},
		} {
			q.Limit, q.Offset = limit, offset
			got, gotTotal, err := s.ListArticles(ctx, viewer.ID, q)
			if err != nil {
				t.Fatal(err)
			}
			want, wantTotal := s.scan(viewer.ID, q)
			if gotTotal != wantTotal || !cmp.Equal(got, want) {
				t.Fatalf("step %d: ListArticles(%+v) = %d articles of %d, want %d of %d\n%s",
					step, q, len(got), gotTotal, len(want), wantTotal, cmp.Diff(want, got))
			}
		}
		tags, _ := s.Tags(ctx)
		wantTags := map[string]bool{}
		for _, a := range s.articles {
			for _, tg := range a.TagList {
				wantTags[tg] = true
			}
		}
		if len(tags) != len(wantTags) || !slices.IsSorted(tags) {
			t.Fatalf("step %d: Tags() = %v, want the %d tags in use, sorted", step, tags, len(wantTags))
		}
		for _, tg := range tags {
			if !wantTags[tg] {
				t.Fatalf("step %d: Tags() has %q, which no article uses", step, tg)
			}
		}
	}
}

// Package storetest is the contract every storage adapter must meet: one
// suite, run by memory's tests and by postgres's tests against a real
// database. A behaviour that differs between the two fails here first.
package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// Run runs the contract suite. open must return a new, empty store for
// each call and arrange its cleanup with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) service.Store) {
	t.Run("Users", func(t *testing.T) { testUsers(t, open(t)) })
	t.Run("Follows", func(t *testing.T) { testFollows(t, open(t)) })
	t.Run("Articles", func(t *testing.T) { testArticles(t, open(t)) })
	t.Run("ArticleList", func(t *testing.T) { testArticleList(t, open(t)) })
	t.Run("Comments", func(t *testing.T) { testComments(t, open(t)) })
	t.Run("PasswordResets", func(t *testing.T) { testResets(t, open(t)) })
	t.Run("Effects", func(t *testing.T) { testEffects(t, open(t)) })
	t.Run("UserIDs", func(t *testing.T) { testUserIDs(t, open(t)) })
}

// testEffects: of many callers racing to claim one key, exactly one wins;
// a claim stays; other keys are independent.
func testEffects(t *testing.T, s service.Store) {
	ctx := context.Background()
	if ok, err := s.Claimed(ctx, "schedule:digest:2026-12-03"); err != nil || ok {
		t.Fatalf("Claimed(new key) = %v, %v; want false, nil", ok, err)
	}
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.Claim(ctx, "schedule:digest:2026-12-03")
			if err != nil {
				t.Errorf("Claim: %v", err)
			}
			if ok {
				wins.Add(1)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Errorf("16 racing claims of one key: %d won, want exactly 1", wins.Load())
	}
	if ok, err := s.Claimed(ctx, "schedule:digest:2026-12-03"); err != nil || !ok {
		t.Errorf("Claimed after a claim = %v, %v; want true", ok, err)
	}
	if ok, err := s.Claim(ctx, "schedule:digest:2026-12-04"); err != nil || !ok {
		t.Errorf("Claim(another key) = %v, %v; want true", ok, err)
	}
}

func testUserIDs(t *testing.T, s service.Store) {
	ctx := context.Background()
	var want []int64
	for _, n := range []string{"u1", "u2", "u3", "u4", "u5"} {
		want = append(want, mustUser(t, s, n).ID)
	}
	all, err := s.UserIDs(ctx, 0, 100)
	if err != nil || !slices.Equal(all, want) {
		t.Errorf("UserIDs(0, 100) = %v, %v; want %v", all, err, want)
	}
	page, err := s.UserIDs(ctx, want[1], 2)
	if err != nil || !slices.Equal(page, want[2:4]) {
		t.Errorf("UserIDs(after the 2nd, 2) = %v, %v; want %v", page, err, want[2:4])
	}
	if rest, _ := s.UserIDs(ctx, want[4], 10); len(rest) != 0 {
		t.Errorf("UserIDs(after the last) = %v, want none", rest)
	}
}

// base is a fixed, microsecond-precise instant: both stores keep microseconds.
var base = time.Date(2026, 1, 2, 3, 4, 5, 123456000, time.UTC)

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := conduit.ErrorCode(err); got != code {
		t.Errorf("%s: error code = %q (%v), want %q", what, got, err, code)
	}
}

func mustUser(t *testing.T, s service.Store, name string) *conduit.User {
	t.Helper()
	u := &conduit.User{Username: name, Email: name + "@example.com", PasswordHash: "hash-" + name, TokenGen: "gen-" + name}
	if err := s.CreateUser(context.Background(), u); err != nil {
		t.Fatalf("CreateUser(%q) = %v, want nil", name, err)
	}
	return u
}

func mustArticle(t *testing.T, s service.Store, author *conduit.User, slug string, at time.Time, tags ...string) *conduit.Article {
	t.Helper()
	a := &conduit.Article{
		Slug: slug, Title: "Title " + slug, Description: "about " + slug, Body: "body of " + slug,
		TagList: tags, CreatedAt: at, UpdatedAt: at, AuthorID: author.ID,
	}
	if a.TagList == nil {
		a.TagList = []string{}
	}
	if err := s.CreateArticle(context.Background(), a); err != nil {
		t.Fatalf("CreateArticle(%q) = %v, want nil", slug, err)
	}
	return a
}

func testUsers(t *testing.T, s service.Store) {
	ctx := context.Background()
	jake := mustUser(t, s, "jake")
	if jake.ID == 0 {
		t.Fatal("CreateUser did not set the ID")
	}

	dupName := &conduit.User{Username: "jake", Email: "other@example.com", PasswordHash: "h"}
	wantCode(t, "CreateUser with a taken username", s.CreateUser(ctx, dupName), conduit.ECONFLICT)
	dupEmail := &conduit.User{Username: "other", Email: "JAKE@example.com", PasswordHash: "h"}
	wantCode(t, "CreateUser with a taken email in other case", s.CreateUser(ctx, dupEmail), conduit.ECONFLICT)

	for name, get := range map[string]func() (*conduit.User, error){
		"UserByID":       func() (*conduit.User, error) { return s.UserByID(ctx, jake.ID) },
		"UserByEmail":    func() (*conduit.User, error) { return s.UserByEmail(ctx, "Jake@Example.com") },
		"UserByUsername": func() (*conduit.User, error) { return s.UserByUsername(ctx, "jake") },
	} {
		got, err := get()
		if err != nil {
			t.Fatalf("%s = %v, want nil", name, err)
		}
		if diff := cmp.Diff(jake, got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
		}
	}
	_, err := s.UserByID(ctx, 999_999)
	wantCode(t, "UserByID(unknown)", err, conduit.ENOTFOUND)
	_, err = s.UserByEmail(ctx, "nobody@example.com")
	wantCode(t, "UserByEmail(unknown)", err, conduit.ENOTFOUND)
	_, err = s.UserByUsername(ctx, "nobody")
	wantCode(t, "UserByUsername(unknown)", err, conduit.ENOTFOUND)

	bio, image, email := "I work at statefarm", "https://example.com/jake.png", "jake@jake.jake"
	updated, err := s.UpdateUser(ctx, jake.ID, service.UserChanges{Bio: &bio, Image: &image, Email: &email})
	if err != nil {
		t.Fatalf("UpdateUser = %v, want nil", err)
	}
	jake.Bio, jake.Image, jake.Email = bio, image, email
	if diff := cmp.Diff(jake, updated); diff != "" {
		t.Errorf("UpdateUser's result mismatch (-want +got):\n%s", diff)
	}
	got, _ := s.UserByID(ctx, jake.ID)
	if diff := cmp.Diff(jake, got); diff != "" {
		t.Errorf("UserByID after UpdateUser mismatch (-want +got):\n%s", diff)
	}
	hash, gen := "new-hash", "new-gen"
	if got, err := s.UpdateUser(ctx, jake.ID, service.UserChanges{PasswordHash: &hash, TokenGen: &gen}); err != nil || got.PasswordHash != hash || got.TokenGen != gen || got.Bio != bio {
		t.Errorf("UpdateUser(password hash, token gen) = %+v, %v; want both set and the bio kept", got, err)
	}
	ann := mustUser(t, s, "ann")
	taken := "jake"
	_, err = s.UpdateUser(ctx, ann.ID, service.UserChanges{Username: &taken})
	wantCode(t, "UpdateUser to a taken username", err, conduit.ECONFLICT)
	_, err = s.UpdateUser(ctx, 999_999, service.UserChanges{Bio: &bio})
	wantCode(t, "UpdateUser(unknown)", err, conduit.ENOTFOUND)
	testConcurrentUserEdits(t, s, ann)
}

// testConcurrentUserEdits: edits of different fields racing on one user
// all survive; none writes back a value another one replaced.
func testConcurrentUserEdits(t *testing.T, s service.Store, u *conduit.User) {
	ctx := context.Background()
	const rounds = 50
	done := make(chan error, 2)
	go func() {
		for i := range rounds {
			bio := fmt.Sprintf("bio %d", i)
			if _, err := s.UpdateUser(ctx, u.ID, service.UserChanges{Bio: &bio}); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	go func() {
		for i := range rounds {
			hash := fmt.Sprintf("hash %d", i)
			if _, err := s.UpdateUser(ctx, u.ID, service.UserChanges{PasswordHash: &hash}); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for range 2 {
		if err := <-done; err != nil {
			t.Fatalf("concurrent UpdateUser = %v", err)
		}
	}
	got, err := s.UserByID(ctx, u.ID)
	if err != nil || got.Bio != fmt.Sprintf("bio %d", rounds-1) || got.PasswordHash != fmt.Sprintf("hash %d", rounds-1) {
		t.Errorf("after %d racing bio edits and %d racing password changes: %+v, %v; want the last of each", rounds, rounds, got, err)
	}
}

func testFollows(t *testing.T, s service.Store) {
	ctx := context.Background()
	a, b := mustUser(t, s, "a"), mustUser(t, s, "b")
	for range 2 { // following twice is not an error
		if err := s.Follow(ctx, a.ID, b.ID); err != nil {
			t.Fatalf("Follow = %v, want nil", err)
		}
	}
	if ok, err := s.IsFollowing(ctx, a.ID, b.ID); err != nil || !ok {
		t.Errorf("IsFollowing(a, b) = %v, %v; want true, nil", ok, err)
	}
	if ok, _ := s.IsFollowing(ctx, b.ID, a.ID); ok {
		t.Error("IsFollowing(b, a) = true, want false: follows are one-way")
	}
	for range 2 {
		if err := s.Unfollow(ctx, a.ID, b.ID); err != nil {
			t.Fatalf("Unfollow = %v, want nil", err)
		}
	}
	if ok, _ := s.IsFollowing(ctx, a.ID, b.ID); ok {
		t.Error("IsFollowing after Unfollow = true, want false")
	}
	// FollowerIDs pages b's followers in ID order, after a key.
	c, d := mustUser(t, s, "c"), mustUser(t, s, "d")
	for _, f := range []*conduit.User{d, a, c} {
		if err := s.Follow(ctx, f.ID, b.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Follow(ctx, b.ID, a.ID); err != nil { // the other way: not a follower of b
		t.Fatal(err)
	}
	all, err := s.FollowerIDs(ctx, b.ID, 0, 10)
	if want := []int64{a.ID, c.ID, d.ID}; err != nil || !slices.Equal(all, want) {
		t.Errorf("FollowerIDs(b, 0, 10) = %v, %v; want %v", all, err, want)
	}
	page, err := s.FollowerIDs(ctx, b.ID, a.ID, 1)
	if want := []int64{c.ID}; err != nil || !slices.Equal(page, want) {
		t.Errorf("FollowerIDs(b, after a, 1) = %v, %v; want %v", page, err, want)
	}
	if none, err := s.FollowerIDs(ctx, d.ID, 0, 10); err != nil || len(none) != 0 {
		t.Errorf("FollowerIDs(d) = %v, %v; want none", none, err)
	}
	for _, f := range []*conduit.User{a, c, d} {
		_ = s.Unfollow(ctx, f.ID, b.ID)
	}
	_ = s.Unfollow(ctx, b.ID, a.ID)
	// Both stores refuse a follow that names a user who does not exist,
	// with the same code and message.
	for what, err := range map[string]error{
		"Follow(unknown followee)": s.Follow(ctx, a.ID, 999_999),
		"Follow(unknown follower)": s.Follow(ctx, 999_999, a.ID),
	} {
		wantCode(t, what, err, conduit.ENOTFOUND)
		if msg := conduit.ErrorMessage(err); msg != "user not found" {
			t.Errorf("%s message = %q, want %q", what, msg, "user not found")
		}
	}
}

func testArticles(t *testing.T, s service.Store) {
	ctx := context.Background()
	jake, ann := mustUser(t, s, "jake"), mustUser(t, s, "ann")
	a := mustArticle(t, s, jake, "dragons", base, "dragons", "angularjs", "training")
	if a.ID == 0 {
		t.Fatal("CreateArticle did not set the ID")
	}
	dup := &conduit.Article{Slug: "dragons", Title: "t", Description: "d", Body: "b", TagList: []string{}, CreatedAt: base, UpdatedAt: base, AuthorID: ann.ID}
	wantCode(t, "CreateArticle with a taken slug", s.CreateArticle(ctx, dup), conduit.ECONFLICT)

	if err := s.Follow(ctx, ann.ID, jake.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Favorite(ctx, ann.ID, a.ID); err != nil {
		t.Fatalf("Favorite = %v, want nil", err)
	}
	_ = s.Favorite(ctx, ann.ID, a.ID) // idempotent
	err := s.Favorite(ctx, 999_999, a.ID)
	wantCode(t, "Favorite by an unknown user", err, conduit.ENOTFOUND)
	if msg := conduit.ErrorMessage(err); msg != "user not found" {
		t.Errorf("Favorite by an unknown user: message %q, want %q", msg, "user not found")
	}
	orphan := &conduit.Article{Slug: "orphan", Title: "t", Description: "d", Body: "b", TagList: []string{}, CreatedAt: base, UpdatedAt: base, AuthorID: 999_999}
	err = s.CreateArticle(ctx, orphan)
	wantCode(t, "CreateArticle by an unknown author", err, conduit.ENOTFOUND)
	if msg := conduit.ErrorMessage(err); msg != "author not found" {
		t.Errorf("CreateArticle by an unknown author: message %q, want %q", msg, "author not found")
	}
	got, err := s.ArticleBySlug(ctx, ann.ID, "dragons")
	if err != nil {
		t.Fatalf("ArticleBySlug = %v, want nil", err)
	}
	want := conduit.Article{
		ID: a.ID, Slug: "dragons", Title: "Title dragons", Description: "about dragons", Body: "body of dragons",
		TagList: []string{"angularjs", "dragons", "training"}, CreatedAt: base, UpdatedAt: base,
		Favorited: true, FavoritesCount: 1, AuthorID: jake.ID,
		Author: conduit.Profile{Username: "jake", Following: true},
	}
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("ArticleBySlug as a follower who favourited mismatch (-want +got):\n%s", diff)
	}
	byID, err := s.ArticleByID(ctx, ann.ID, got.ID)
	if err != nil || !cmp.Equal(got, byID) {
		t.Errorf("ArticleByID = %+v, %v; want what ArticleBySlug gave: %+v", byID, err, got)
	}
	_, err = s.ArticleByID(ctx, 0, 999_999)
	wantCode(t, "ArticleByID(unknown)", err, conduit.ENOTFOUND)
	anon, _ := s.ArticleBySlug(ctx, 0, "dragons")
	if anon.Favorited || anon.Author.Following || anon.FavoritesCount != 1 {
		t.Errorf("ArticleBySlug anonymously = favorited %v, following %v, count %d; want false, false, 1",
			anon.Favorited, anon.Author.Following, anon.FavoritesCount)
	}
	_, err = s.ArticleBySlug(ctx, 0, "no-such-slug")
	wantCode(t, "ArticleBySlug(unknown)", err, conduit.ENOTFOUND)

	// An update rewrites the fields and replaces the tags as one change.
	later := base.Add(time.Hour)
	a.Slug, a.Title, a.Body, a.TagList, a.UpdatedAt = "dragons-2", "Dragons 2", "new body", []string{"zoo"}, later
	if err := s.UpdateArticle(ctx, a); err != nil {
		t.Fatalf("UpdateArticle = %v, want nil", err)
	}
	got, _ = s.ArticleBySlug(ctx, 0, "dragons-2")
	if got == nil || got.Body != "new body" || !cmp.Equal(got.TagList, []string{"zoo"}) || !got.UpdatedAt.Equal(later) || !got.CreatedAt.Equal(base) {
		t.Errorf("ArticleBySlug after UpdateArticle = %+v, want body %q, tags [zoo], updated %v, created %v", got, "new body", later, base)
	}
	if tags, _ := s.Tags(ctx); !cmp.Equal(tags, []string{"zoo"}) {
		t.Errorf("Tags after UpdateArticle = %q, want [zoo]", tags)
	}
	other := mustArticle(t, s, ann, "other", base)
	other.Slug = "dragons-2"
	wantCode(t, "UpdateArticle to a taken slug", s.UpdateArticle(ctx, other), conduit.ECONFLICT)

	if err := s.Unfavorite(ctx, ann.ID, a.ID); err != nil {
		t.Fatalf("Unfavorite = %v, want nil", err)
	}
	if got, _ := s.ArticleBySlug(ctx, ann.ID, "dragons-2"); got.Favorited || got.FavoritesCount != 0 {
		t.Errorf("after Unfavorite: favorited %v, count %d; want false, 0", got.Favorited, got.FavoritesCount)
	}

	// Deleting an article takes its comments, tags and favourites with it.
	_ = s.Favorite(ctx, ann.ID, a.ID)
	c := &conduit.Comment{ArticleID: a.ID, AuthorID: ann.ID, Body: "hi", CreatedAt: base, UpdatedAt: base}
	if err := s.CreateComment(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteArticle(ctx, a.ID); err != nil {
		t.Fatalf("DeleteArticle = %v, want nil", err)
	}
	_, err = s.ArticleBySlug(ctx, 0, "dragons-2")
	wantCode(t, "ArticleBySlug after DeleteArticle", err, conduit.ENOTFOUND)
	_, err = s.CommentByID(ctx, c.ID)
	wantCode(t, "CommentByID after DeleteArticle", err, conduit.ENOTFOUND)
	if tags, _ := s.Tags(ctx); len(tags) != 0 {
		t.Errorf("Tags after DeleteArticle = %q, want none", tags)
	}
	wantCode(t, "DeleteArticle twice", s.DeleteArticle(ctx, a.ID), conduit.ENOTFOUND)
	wantCode(t, "Favorite(deleted article)", s.Favorite(ctx, ann.ID, a.ID), conduit.ENOTFOUND)
	if msg := conduit.ErrorMessage(s.Favorite(ctx, ann.ID, a.ID)); msg != "article not found" {
		t.Errorf("Favorite(deleted article) message = %q, want %q", msg, "article not found")
	}
}

func testArticleList(t *testing.T, s service.Store) {
	ctx := context.Background()
	jake, ann, bob := mustUser(t, s, "jake"), mustUser(t, s, "ann"), mustUser(t, s, "bob")
	mustArticle(t, s, jake, "j1", base, "go")
	mustArticle(t, s, ann, "a1", base.Add(1*time.Minute), "go", "sql")
	j2 := mustArticle(t, s, jake, "j2", base.Add(2*time.Minute))
	mustArticle(t, s, ann, "a2", base.Add(3*time.Minute), "sql")
	_ = s.Favorite(ctx, bob.ID, j2.ID)
	_ = s.Follow(ctx, bob.ID, ann.ID)

	tests := []struct {
		name      string
		viewer    int64
		q         service.ArticleQuery
		wantSlugs []string
		wantTotal int
	}{
		{"all, newest first", 0, service.ArticleQuery{Limit: 20}, []string{"a2", "j2", "a1", "j1"}, 4},
		{"limit", 0, service.ArticleQuery{Limit: 2}, []string{"a2", "j2"}, 4},
		{"offset", 0, service.ArticleQuery{Limit: 2, Offset: 3}, []string{"j1"}, 4},
		{"offset past the end", 0, service.ArticleQuery{Limit: 2, Offset: 10}, []string{}, 4},
		{"tag", 0, service.ArticleQuery{Tag: "go", Limit: 20}, []string{"a1", "j1"}, 2},
		{"author", 0, service.ArticleQuery{Author: "jake", Limit: 20}, []string{"j2", "j1"}, 2},
		{"favorited by", 0, service.ArticleQuery{FavoritedBy: "bob", Limit: 20}, []string{"j2"}, 1},
		{"tag and author", 0, service.ArticleQuery{Tag: "sql", Author: "ann", Limit: 1}, []string{"a2"}, 2},
		{"unknown author", 0, service.ArticleQuery{Author: "nobody", Limit: 20}, []string{}, 0},
		{"feed", bob.ID, service.ArticleQuery{FollowedBy: bob.ID, Limit: 20}, []string{"a2", "a1"}, 2},
		{"empty feed", jake.ID, service.ArticleQuery{FollowedBy: jake.ID, Limit: 20}, []string{}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, total, err := s.ListArticles(ctx, tc.viewer, tc.q)
			if err != nil {
				t.Fatalf("ListArticles(%+v) = %v, want nil", tc.q, err)
			}
			slugs := []string{}
			for _, a := range got {
				slugs = append(slugs, a.Slug)
			}
			if !cmp.Equal(slugs, tc.wantSlugs) || total != tc.wantTotal {
				t.Errorf("ListArticles(%+v) = %q, total %d; want %q, total %d", tc.q, slugs, total, tc.wantSlugs, tc.wantTotal)
			}
		})
	}
	got, _, _ := s.ListArticles(ctx, bob.ID, service.ArticleQuery{Limit: 20})
	for _, a := range got {
		if wantFav := a.Slug == "j2"; a.Favorited != wantFav {
			t.Errorf("ListArticles as bob: %s favorited = %v, want %v", a.Slug, a.Favorited, wantFav)
		}
		if wantFollow := a.Author.Username == "ann"; a.Author.Following != wantFollow {
			t.Errorf("ListArticles as bob: %s author following = %v, want %v", a.Slug, a.Author.Following, wantFollow)
		}
	}
	if tags, _ := s.Tags(ctx); !cmp.Equal(tags, []string{"go", "sql"}) {
		t.Errorf("Tags() = %q, want [go sql]", tags)
	}
}

func testComments(t *testing.T, s service.Store) {
	ctx := context.Background()
	jake, ann := mustUser(t, s, "jake"), mustUser(t, s, "ann")
	a := mustArticle(t, s, jake, "post", base)
	var ids []int64
	for i, author := range []*conduit.User{ann, jake} {
		c := &conduit.Comment{ArticleID: a.ID, AuthorID: author.ID, Body: author.Username + " says hi",
			CreatedAt: base.Add(time.Duration(i) * time.Second), UpdatedAt: base.Add(time.Duration(i) * time.Second)}
		if err := s.CreateComment(ctx, c); err != nil {
			t.Fatalf("CreateComment = %v, want nil", err)
		}
		ids = append(ids, c.ID)
	}
	bad := &conduit.Comment{ArticleID: 999_999, AuthorID: ann.ID, Body: "x", CreatedAt: base, UpdatedAt: base}
	wantCode(t, "CreateComment on an unknown article", s.CreateComment(ctx, bad), conduit.ENOTFOUND)

	c, err := s.CommentByID(ctx, ids[0])
	if err != nil {
		t.Fatalf("CommentByID = %v, want nil", err)
	}
	want := &conduit.Comment{ID: ids[0], ArticleID: a.ID, Body: "ann says hi", CreatedAt: base, UpdatedAt: base,
		AuthorID: ann.ID, Author: conduit.Profile{Username: "ann"}}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("CommentByID mismatch (-want +got):\n%s", diff)
	}

	_ = s.Follow(ctx, jake.ID, ann.ID)
	cs, err := s.CommentsByArticle(ctx, jake.ID, a.ID, 10, 0)
	if err != nil || len(cs) != 2 {
		t.Fatalf("CommentsByArticle = %d comments, %v; want 2, nil", len(cs), err)
	}
	if cs[0].ID != ids[0] || cs[1].ID != ids[1] {
		t.Errorf("CommentsByArticle order = %d, %d; want oldest first %d, %d", cs[0].ID, cs[1].ID, ids[0], ids[1])
	}
	if !cs[0].Author.Following || cs[1].Author.Following {
		t.Errorf("CommentsByArticle as jake: following = %v, %v; want true (ann), false (himself)", cs[0].Author.Following, cs[1].Author.Following)
	}
	for _, p := range []struct{ limit, offset, want int }{{1, 0, 1}, {1, 1, 1}, {5, 2, 0}, {5, 1, 1}} {
		page, err := s.CommentsByArticle(ctx, jake.ID, a.ID, p.limit, p.offset)
		if err != nil || len(page) != p.want || (p.want == 1 && page[0].ID != ids[p.offset]) {
			t.Errorf("CommentsByArticle(limit %d, offset %d) = %d comments, %v; want %d from the %d-th", p.limit, p.offset, len(page), err, p.want, p.offset)
		}
	}

	if err := s.DeleteComment(ctx, ids[0]); err != nil {
		t.Fatalf("DeleteComment = %v, want nil", err)
	}
	wantCode(t, "DeleteComment twice", s.DeleteComment(ctx, ids[0]), conduit.ENOTFOUND)
	_, err = s.CommentByID(ctx, ids[0])
	wantCode(t, "CommentByID after delete", err, conduit.ENOTFOUND)
	if cs, _ := s.CommentsByArticle(ctx, 0, a.ID, 10, 0); len(cs) != 1 {
		t.Errorf("CommentsByArticle after delete = %d comments, want 1", len(cs))
	}
	if cs, err := s.CommentsByArticle(ctx, 0, 999_999, 10, 0); err != nil || len(cs) != 0 {
		t.Errorf("CommentsByArticle(unknown article) = %d, %v; want 0, nil", len(cs), err)
	}
}

func testResets(t *testing.T, s service.Store) {
	ctx := context.Background()
	ann := mustUser(t, s, "ann")
	if err := s.SaveReset(ctx, "hash-1", ann.ID, base.Add(time.Hour)); err != nil {
		t.Fatalf("SaveReset = %v", err)
	}
	if err := s.SaveReset(ctx, "hash-2", ann.ID, base.Add(time.Minute)); err != nil {
		t.Fatalf("SaveReset (a second token) = %v", err)
	}
	wantCode(t, "SaveReset for an unknown user", s.SaveReset(ctx, "hash-3", 999_999, base.Add(time.Hour)), conduit.ENOTFOUND)
	if id, err := s.TakeReset(ctx, "hash-1", base); err != nil || id != ann.ID {
		t.Errorf("TakeReset = %d, %v; want ann's id", id, err)
	}
	_, err := s.TakeReset(ctx, "hash-1", base)
	wantCode(t, "TakeReset a second time", err, conduit.ENOTFOUND)
	_, err = s.TakeReset(ctx, "hash-2", base.Add(time.Minute))
	wantCode(t, "TakeReset at its expiry", err, conduit.ENOTFOUND)
	_, err = s.TakeReset(ctx, "nope", base)
	wantCode(t, "TakeReset of an unknown token", err, conduit.ENOTFOUND)
}

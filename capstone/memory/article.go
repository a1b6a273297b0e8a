package memory

import (
	"context"
	"slices"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// CreateArticle stores a and sets a.ID; ECONFLICT when the slug is taken.
func (s *Store) CreateArticle(_ context.Context, a *conduit.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bySlug(a.Slug) != nil {
		return conduit.Errorf(conduit.ECONFLICT, "slug %q has already been taken", a.Slug)
	}
	a.ID = s.id()
	s.articles[a.ID] = stored(a)
	s.slugs[a.Slug] = a.ID
	s.order = append(s.order, a.ID)
	return nil
}

// ArticleBySlug returns the article as viewerID sees it, or ENOTFOUND.
func (s *Store) ArticleBySlug(_ context.Context, viewerID int64, slug string) (*conduit.Article, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a := s.bySlug(slug)
	if a == nil {
		return nil, conduit.Errorf(conduit.ENOTFOUND, "article not found")
	}
	v := s.view(viewerID, a)
	return &v, nil
}

// ListArticles returns the page of articles matching q, newest first, and
// the number that match before paging.
func (s *Store) ListArticles(_ context.Context, viewerID int64, q service.ArticleQuery) ([]conduit.Article, int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	authorID, favID := int64(-1), int64(-1)
	if q.Author != "" {
		authorID = s.userID(q.Author)
	}
	if q.FavoritedBy != "" {
		favID = s.userID(q.FavoritedBy)
	}
	out := make([]conduit.Article, 0, min(q.Limit, len(s.order)))
	total := 0
	for i := len(s.order) - 1; i >= 0; i-- {
		a := s.articles[s.order[i]]
		switch {
		case q.Tag != "" && !slices.Contains(a.TagList, q.Tag),
			q.Author != "" && a.AuthorID != authorID,
			q.FavoritedBy != "" && !s.favorites[a.ID][favID],
			q.FollowedBy != 0 && !s.follows[[2]int64{q.FollowedBy, a.AuthorID}]:
			continue
		}
		if total >= q.Offset && len(out) < q.Limit {
			out = append(out, s.view(viewerID, a))
		}
		total++
	}
	return out, total, nil
}

// UpdateArticle replaces the stored article a.ID; ECONFLICT when the new slug is taken.
func (s *Store) UpdateArticle(_ context.Context, a *conduit.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.articles[a.ID] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "article not found")
	}
	if o := s.bySlug(a.Slug); o != nil && o.ID != a.ID {
		return conduit.Errorf(conduit.ECONFLICT, "slug %q has already been taken", a.Slug)
	}
	delete(s.slugs, s.articles[a.ID].Slug)
	s.articles[a.ID] = stored(a)
	s.slugs[a.Slug] = a.ID
	return nil
}

// DeleteArticle removes the article with its favourites and comments.
func (s *Store) DeleteArticle(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.articles[id] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "article not found")
	}
	delete(s.slugs, s.articles[id].Slug)
	delete(s.articles, id)
	delete(s.favorites, id)
	s.order = slices.DeleteFunc(s.order, func(x int64) bool { return x == id })
	for cid, c := range s.comments {
		if c.ArticleID == id {
			delete(s.comments, cid)
		}
	}
	return nil
}

// Favorite records userID's favourite; ENOTFOUND for an unknown article.
func (s *Store) Favorite(_ context.Context, userID, articleID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.articles[articleID] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "article not found")
	}
	if s.favorites[articleID] == nil {
		s.favorites[articleID] = map[int64]bool{}
	}
	s.favorites[articleID][userID] = true
	return nil
}

// Unfavorite removes userID's favourite, if any.
func (s *Store) Unfavorite(_ context.Context, userID, articleID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.favorites[articleID], userID)
	return nil
}

// Tags returns every tag used by an article, sorted.
func (s *Store) Tags(context.Context) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	tags := []string{}
	for _, a := range s.articles {
		tags = append(tags, a.TagList...)
	}
	slices.Sort(tags)
	return slices.Compact(tags), nil
}

// bySlug finds an article; the caller holds a lock.
func (s *Store) bySlug(slug string) *conduit.Article {
	return s.articles[s.slugs[slug]]
}

// userID returns the id of username, or -1 so that nothing matches.
func (s *Store) userID(username string) int64 {
	for _, u := range s.users {
		if u.Username == username {
			return u.ID
		}
	}
	return -1
}

// view copies a and fills the viewer-relative fields; the caller holds a lock.
func (s *Store) view(viewerID int64, a *conduit.Article) conduit.Article {
	v := *a
	v.TagList = slices.Clone(a.TagList)
	v.FavoritesCount = len(s.favorites[a.ID])
	v.Favorited = viewerID != 0 && s.favorites[a.ID][viewerID]
	v.Author = s.profile(viewerID, a.AuthorID)
	return v
}

// stored copies the persistent fields of a, with its tags sorted and
// deduplicated as PostgreSQL returns them.
func stored(a *conduit.Article) *conduit.Article {
	tags := slices.Clone(a.TagList)
	slices.Sort(tags)
	return &conduit.Article{
		ID: a.ID, Slug: a.Slug, Title: a.Title, Description: a.Description, Body: a.Body,
		TagList: slices.Compact(tags), CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, AuthorID: a.AuthorID,
	}
}

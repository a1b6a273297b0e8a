package memory

import (
	"container/heap"
	"context"
	"slices"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// CreateArticle stores a and sets a.ID; ECONFLICT when the slug is taken,
// ENOTFOUND when the author does not exist.
func (s *Store) CreateArticle(_ context.Context, a *conduit.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bySlug(a.Slug) != nil {
		return conduit.Errorf(conduit.ECONFLICT, "slug %q has already been taken", a.Slug)
	}
	if s.users[a.AuthorID] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "author not found")
	}
	a.ID = s.id()
	st := stored(a)
	s.articles[a.ID] = st
	s.slugs[a.Slug] = a.ID
	s.all = s.all.with(a.ID)
	s.byAuthor[a.AuthorID] = s.byAuthor[a.AuthorID].with(a.ID)
	s.indexTags(a.ID, nil, st.TagList)
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

// ArticleByID returns the article as viewerID sees it, or ENOTFOUND.
func (s *Store) ArticleByID(_ context.Context, viewerID, id int64) (*conduit.Article, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a := s.articles[id]
	if a == nil {
		return nil, conduit.Errorf(conduit.ENOTFOUND, "article not found")
	}
	v := s.view(viewerID, a)
	return &v, nil
}

// ListArticles returns the page of articles matching q, newest first, and
// the number that match before paging. One filter (or none) is answered
// from its index alone: the count is the list's length and the page is a
// slice of it. Several filters walk the shortest of their lists; the feed
// merges the lists of the followed authors.
func (s *Store) ListArticles(_ context.Context, viewerID int64, q service.ArticleQuery) ([]conduit.Article, int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()

	var lists []idList
	var keep []func(*conduit.Article) bool
	if q.Tag != "" {
		lists = append(lists, s.byTag[q.Tag])
		keep = append(keep, func(a *conduit.Article) bool { _, ok := slices.BinarySearch(a.TagList, q.Tag); return ok })
	}
	if q.Author != "" {
		id, ok := s.usernames[q.Author]
		if !ok {
			return []conduit.Article{}, 0, nil
		}
		lists = append(lists, s.byAuthor[id])
		keep = append(keep, func(a *conduit.Article) bool { return a.AuthorID == id })
	}
	if q.FavoritedBy != "" {
		id, ok := s.usernames[q.FavoritedBy]
		if !ok {
			return []conduit.Article{}, 0, nil
		}
		lists = append(lists, s.byFavoriter[id])
		keep = append(keep, func(a *conduit.Article) bool { return s.favorites[a.ID][id] })
	}
	if q.FollowedBy != 0 {
		if len(lists) == 0 {
			return s.feed(viewerID, q)
		}
		keep = append(keep, func(a *conduit.Article) bool { return s.following[q.FollowedBy][a.AuthorID] })
	}
	if len(lists) == 0 {
		lists = []idList{s.all}
	}
	if len(lists) == 1 && len(keep) <= 1 {
		return s.page(viewerID, lists[0], q), len(lists[0]), nil
	}

	// The shortest list bounds the work; every filter still checks it.
	base := slices.MinFunc(lists, func(a, b idList) int { return len(a) - len(b) })
	out := make([]conduit.Article, 0, min(q.Limit, len(base)))
	total := 0
	for i := len(base) - 1; i >= 0; i-- {
		a := s.articles[base[i]]
		if !all(keep, a) {
			continue
		}
		if total >= q.Offset && len(out) < q.Limit {
			out = append(out, s.view(viewerID, a))
		}
		total++
	}
	return out, total, nil
}

func all(keep []func(*conduit.Article) bool, a *conduit.Article) bool {
	for _, k := range keep {
		if !k(a) {
			return false
		}
	}
	return true
}

// page returns the page of ids (oldest first) that q asks for, newest first.
func (s *Store) page(viewerID int64, ids idList, q service.ArticleQuery) []conduit.Article {
	out := make([]conduit.Article, 0, max(0, min(q.Limit, len(ids)-q.Offset)))
	for i := len(ids) - 1 - q.Offset; i >= 0 && len(out) < q.Limit; i-- {
		out = append(out, s.view(viewerID, s.articles[ids[i]]))
	}
	return out
}

// feed merges the article lists of the authors q.FollowedBy follows, newest
// first: the count is the sum of their lengths, and the page costs
// (offset + limit) steps of a heap as tall as the number of followees.
func (s *Store) feed(viewerID int64, q service.ArticleQuery) ([]conduit.Article, int, error) {
	var h cursors
	total := 0
	for followee := range s.following[q.FollowedBy] {
		if l := s.byAuthor[followee]; len(l) > 0 {
			h = append(h, cursor{l, len(l) - 1})
			total += len(l)
		}
	}
	heap.Init(&h)
	out := make([]conduit.Article, 0, max(0, min(q.Limit, total-q.Offset)))
	for skipped := 0; h.Len() > 0 && len(out) < q.Limit; {
		c := &h[0]
		id := c.list[c.at]
		if c.at--; c.at < 0 {
			heap.Pop(&h)
		} else {
			heap.Fix(&h, 0)
		}
		if skipped < q.Offset {
			skipped++
			continue
		}
		out = append(out, s.view(viewerID, s.articles[id]))
	}
	return out, total, nil
}

// cursor walks one author's list from its newest article down.
type cursor struct {
	list idList
	at   int
}

// cursors is a max-heap of cursors by the ID each points at.
type cursors []cursor

func (h cursors) Len() int           { return len(h) }
func (h cursors) Less(i, j int) bool { return h[i].list[h[i].at] > h[j].list[h[j].at] }
func (h cursors) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *cursors) Push(x any)        { *h = append(*h, x.(cursor)) }
func (h *cursors) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

// UpdateArticle replaces the stored article a.ID; ECONFLICT when the new slug is taken.
func (s *Store) UpdateArticle(_ context.Context, a *conduit.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.articles[a.ID]
	if old == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "article not found")
	}
	if o := s.bySlug(a.Slug); o != nil && o.ID != a.ID {
		return conduit.Errorf(conduit.ECONFLICT, "slug %q has already been taken", a.Slug)
	}
	st := stored(a)
	st.AuthorID = old.AuthorID // the author never changes
	delete(s.slugs, old.Slug)
	s.articles[a.ID] = st
	s.slugs[a.Slug] = a.ID
	s.indexTags(a.ID, old.TagList, st.TagList)
	return nil
}

// DeleteArticle removes the article with its favourites and comments.
func (s *Store) DeleteArticle(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.articles[id]
	if a == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "article not found")
	}
	s.indexTags(id, a.TagList, nil)
	s.all = s.all.without(id)
	s.byAuthor[a.AuthorID] = s.byAuthor[a.AuthorID].without(id)
	for user := range s.favorites[id] {
		s.byFavoriter[user] = s.byFavoriter[user].without(id)
	}
	for _, cid := range s.commentsOf[id] {
		delete(s.comments, cid)
	}
	delete(s.commentsOf, id)
	delete(s.favorites, id)
	delete(s.slugs, a.Slug)
	delete(s.articles, id)
	return nil
}

// Favorite records userID's favourite; ENOTFOUND for an unknown article or user.
func (s *Store) Favorite(_ context.Context, userID, articleID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.articles[articleID] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "article not found")
	}
	if s.users[userID] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "user not found")
	}
	if s.favorites[articleID] == nil {
		s.favorites[articleID] = map[int64]bool{}
	}
	s.favorites[articleID][userID] = true
	s.byFavoriter[userID] = s.byFavoriter[userID].with(articleID)
	return nil
}

// Unfavorite removes userID's favourite, if any.
func (s *Store) Unfavorite(_ context.Context, userID, articleID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.favorites[articleID], userID)
	s.byFavoriter[userID] = s.byFavoriter[userID].without(articleID)
	return nil
}

// Tags returns every tag used by an article, sorted. The sorted list is
// kept until a tag comes or goes, so a read costs one copy.
func (s *Store) Tags(context.Context) ([]string, error) {
	s.mu.RLock()
	tags := s.tagList
	s.mu.RUnlock()
	if tags == nil {
		s.mu.Lock()
		if s.tagList == nil {
			s.tagList = make([]string, 0, len(s.byTag))
			for t := range s.byTag {
				s.tagList = append(s.tagList, t)
			}
			slices.Sort(s.tagList)
		}
		tags = s.tagList
		s.mu.Unlock()
	}
	return slices.Clone(tags), nil
}

// indexTags moves article id from the lists of the tags in before to those
// in after (both sorted); the caller holds the write lock.
func (s *Store) indexTags(id int64, before, after []string) {
	for _, t := range before {
		if _, still := slices.BinarySearch(after, t); still {
			continue
		}
		if s.byTag[t] = s.byTag[t].without(id); len(s.byTag[t]) == 0 {
			delete(s.byTag, t)
			s.tagList = nil
		}
	}
	for _, t := range after {
		if _, already := slices.BinarySearch(before, t); already {
			continue
		}
		if len(s.byTag[t]) == 0 {
			s.tagList = nil // a new tag
		}
		s.byTag[t] = s.byTag[t].with(id)
	}
}

// bySlug finds an article; the caller holds a lock.
func (s *Store) bySlug(slug string) *conduit.Article {
	return s.articles[s.slugs[slug]]
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

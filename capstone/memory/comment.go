package memory

import (
	"context"

	"workbook/capstone/conduit"
)

// CreateComment stores c and sets c.ID; ENOTFOUND for an unknown article
// or author.
func (s *Store) CreateComment(_ context.Context, c *conduit.Comment) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.articles[c.ArticleID] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "article not found")
	}
	if s.users[c.AuthorID] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "author not found")
	}
	c.ID = s.id()
	stored := *c
	stored.Author = conduit.Profile{}
	s.comments[c.ID] = &stored
	s.commentsOf[c.ArticleID] = s.commentsOf[c.ArticleID].with(c.ID)
	return nil
}

// CommentByID returns the comment, its author as seen by nobody in particular, or ENOTFOUND.
func (s *Store) CommentByID(_ context.Context, id int64) (*conduit.Comment, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := s.comments[id]
	if c == nil {
		return nil, conduit.Errorf(conduit.ENOTFOUND, "comment not found")
	}
	v := *c
	v.Author = s.profile(0, c.AuthorID)
	return &v, nil
}

// CommentsByArticle returns a page of the article's comments, oldest first.
func (s *Store) CommentsByArticle(_ context.Context, viewerID, articleID int64, limit, offset int) ([]conduit.Comment, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := s.commentsOf[articleID]
	ids = ids[min(offset, len(ids)):]
	ids = ids[:min(limit, len(ids))]
	out := make([]conduit.Comment, 0, len(ids))
	for _, id := range ids {
		c := s.comments[id]
		v := *c
		v.Author = s.profile(viewerID, c.AuthorID)
		out = append(out, v)
	}
	return out, nil
}

// DeleteComment removes the comment; ENOTFOUND when it does not exist.
func (s *Store) DeleteComment(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.comments[id]
	if c == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "comment not found")
	}
	delete(s.comments, id)
	s.commentsOf[c.ArticleID] = s.commentsOf[c.ArticleID].without(id)
	return nil
}

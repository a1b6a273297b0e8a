package memory

import (
	"context"
	"sort"

	"workbook/capstone/conduit"
)

// CreateComment stores c and sets c.ID; ENOTFOUND for an unknown article.
func (s *Store) CreateComment(_ context.Context, c *conduit.Comment) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.articles[c.ArticleID] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "article not found")
	}
	c.ID = s.id()
	stored := *c
	stored.Author = conduit.Profile{}
	s.comments[c.ID] = &stored
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

// CommentsByArticle returns the article's comments, oldest first.
func (s *Store) CommentsByArticle(_ context.Context, viewerID, articleID int64) ([]conduit.Comment, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []conduit.Comment{}
	for _, c := range s.comments {
		if c.ArticleID == articleID {
			v := *c
			v.Author = s.profile(viewerID, c.AuthorID)
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// DeleteComment removes the comment; ENOTFOUND when it does not exist.
func (s *Store) DeleteComment(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.comments[id] == nil {
		return conduit.Errorf(conduit.ENOTFOUND, "comment not found")
	}
	delete(s.comments, id)
	return nil
}

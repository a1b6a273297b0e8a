package bookmark

import (
	"context"
	"strings"
	"time"
)

// Service holds the rules: validate, normalise, stamp, store. It knows the
// storage only through the Repository port.
type Service struct {
	repo Repository
	now  func() time.Time
}

// NewService returns a Service over repo; now is the clock (time.Now in
// production, a fixed time in tests).
func NewService(repo Repository, now func() time.Time) *Service {
	return &Service{repo: repo, now: now}
}

// Create validates in and stores it with its URL normalised, its title
// trimmed and the current time, truncated to the microsecond PostgreSQL keeps.
func (s *Service) Create(ctx context.Context, in NewBookmark) (Bookmark, error) {
	if err := Validate(in); err != nil {
		return Bookmark{}, err
	}
	u, _ := NormalizeURL(in.URL) // Validate has checked it
	return s.repo.Create(ctx, Bookmark{
		URL:       u,
		Title:     strings.TrimSpace(in.Title),
		CreatedAt: s.now().UTC().Truncate(time.Microsecond),
	})
}

// Get returns one bookmark.
func (s *Service) Get(ctx context.Context, id int64) (Bookmark, error) {
	return s.repo.Get(ctx, id)
}

// List returns every bookmark, oldest first.
func (s *Service) List(ctx context.Context) ([]Bookmark, error) {
	return s.repo.List(ctx)
}

// Delete removes one bookmark. It used to Get first and Delete second; the
// repository's Delete already answers ErrNotFound, so the look-up was one
// round trip and one race too many. The refactor changed no behaviour, and
// it broke the over-mocked test in overmocking_test.go: read why there.
func (s *Service) Delete(ctx context.Context, id int64) error {
	return s.repo.Delete(ctx, id)
}

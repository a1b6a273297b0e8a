package bookmark_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"

	"workbook/26-testing/bookmark"
	"workbook/26-testing/mocks"
)

var clock = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 123456789, time.UTC) }

// A mock earns its place where the interaction IS the behaviour: invalid
// input must never reach the store. The mock has no expectations, so any
// call fails the test.
func TestCreateRejectsInvalidInputBeforeTheStore(t *testing.T) {
	repo := mocks.NewRepository(t)
	svc := bookmark.NewService(repo, clock)
	_, err := svc.Create(context.Background(), bookmark.NewBookmark{URL: "ftp://go.dev", Title: ""})
	var verr bookmark.ValidationError
	if !errors.As(err, &verr) || len(verr) != 2 {
		t.Fatalf("Create(invalid) = %v, want a ValidationError with 2 fields", err)
	}
}

// What the service hands the port is its output too: normalised URL,
// trimmed title, a UTC clock truncated to microseconds.
func TestCreateHandsTheStoreANormalisedBookmark(t *testing.T) {
	repo := mocks.NewRepository(t)
	want := bookmark.Bookmark{
		URL:       "https://go.dev/",
		Title:     "Go",
		CreatedAt: time.Date(2026, 3, 1, 12, 0, 0, 123456000, time.UTC),
	}
	repo.EXPECT().Create(mock.Anything, want).Return(bookmark.Bookmark{ID: 7}, nil).Once()
	got, err := bookmark.NewService(repo, clock).Create(context.Background(),
		bookmark.NewBookmark{URL: "HTTPS://GO.DEV", Title: "  Go  "})
	if err != nil || got.ID != 7 {
		t.Fatalf("Create = %+v, %v; want the store's answer", got, err)
	}
}

// failingRepo is a stub: canned answers, no assertions. It stands in for a
// store that is down, which no fake and no real database gives on demand.
type failingRepo struct{ bookmark.Repository }

var errDown = errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")

func (failingRepo) Create(context.Context, bookmark.Bookmark) (bookmark.Bookmark, error) {
	return bookmark.Bookmark{}, errDown
}
func (failingRepo) List(context.Context) ([]bookmark.Bookmark, error) { return nil, errDown }

func TestStoreErrorsPassThroughUnchanged(t *testing.T) {
	svc := bookmark.NewService(failingRepo{}, clock)
	if _, err := svc.Create(context.Background(), bookmark.NewBookmark{URL: "https://go.dev", Title: "Go"}); !errors.Is(err, errDown) {
		t.Errorf("Create over a failing store = %v, want its error", err)
	}
	if _, err := svc.List(context.Background()); !errors.Is(err, errDown) {
		t.Errorf("List over a failing store = %v, want its error", err)
	}
}

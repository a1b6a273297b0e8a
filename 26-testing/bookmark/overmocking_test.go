package bookmark_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/mock"

	"workbook/26-testing/bookmark"
	"workbook/26-testing/mocks"
)

// deleteBeforeRefactor is how Service.Delete was written before a harmless
// refactor: look the bookmark up, then delete it. Service.Delete now calls
// the repository's Delete alone, which already answers ErrNotFound.
func deleteBeforeRefactor(ctx context.Context, repo bookmark.Repository, id int64) error {
	if _, err := repo.Get(ctx, id); err != nil {
		return err
	}
	return repo.Delete(ctx, id)
}

// overMockedDelete is an over-mocked test: it pins HOW delete talks to the
// store (Get once, then Delete once) instead of WHAT the caller observes.
func overMockedDelete(t testingT, del func(context.Context, bookmark.Repository, int64) error) {
	repo := mocks.NewRepository(t)
	repo.EXPECT().Get(mock.Anything, int64(7)).Return(bookmark.Bookmark{ID: 7}, nil).Once()
	repo.EXPECT().Delete(mock.Anything, int64(7)).Return(nil).Once()
	if err := del(context.Background(), repo, 7); err != nil {
		t.Errorf("delete = %v", err)
	}
}

// behaviourOfDelete is the same test over the fake: it checks only what a
// caller can see — gone afterwards, not found the second time.
func behaviourOfDelete(t testingT, del func(context.Context, bookmark.Repository, int64) error) {
	ctx := context.Background()
	repo := bookmark.NewMemory()
	b, _ := repo.Create(ctx, fixture())
	if err := del(ctx, repo, b.ID); err != nil {
		t.Errorf("delete = %v", err)
	}
	if _, err := repo.Get(ctx, b.ID); !errors.Is(err, bookmark.ErrNotFound) {
		t.Errorf("Get after delete = %v, want ErrNotFound", err)
	}
	if err := del(ctx, repo, b.ID); !errors.Is(err, bookmark.ErrNotFound) {
		t.Errorf("second delete = %v, want ErrNotFound", err)
	}
}

// TestOverMockingBreaksOnAHarmlessRefactor runs both tests against both
// versions of delete, each on a recording testing.T, and shows the mock
// test failing the refactor that the behaviour test accepts.
func TestOverMockingBreaksOnAHarmlessRefactor(t *testing.T) {
	afterRefactor := func(ctx context.Context, repo bookmark.Repository, id int64) error {
		return bookmark.NewService(repo, clock).Delete(ctx, id)
	}
	for _, tt := range []struct {
		test        string
		run         func(testingT, func(context.Context, bookmark.Repository, int64) error)
		impl        string
		del         func(context.Context, bookmark.Repository, int64) error
		wantFailure bool
	}{
		{"over-mocked", overMockedDelete, "before the refactor", deleteBeforeRefactor, false},
		{"over-mocked", overMockedDelete, "after the refactor", afterRefactor, true},
		{"behaviour over the fake", behaviourOfDelete, "before the refactor", deleteBeforeRefactor, false},
		{"behaviour over the fake", behaviourOfDelete, "after the refactor", afterRefactor, false},
	} {
		rec := &recordingT{}
		tt.run(rec, tt.del)
		rec.finish()
		if rec.failed != tt.wantFailure {
			t.Errorf("%s test, delete %s: failed = %v, want %v\n%s", tt.test, tt.impl, rec.failed, tt.wantFailure, rec.log)
		}
		if testing.Verbose() && rec.failed {
			t.Logf("%s test, delete %s, fails with:\n%s", tt.test, tt.impl, rec.log)
		}
	}
}

// testingT is what a mockery mock needs of a *testing.T.
type testingT interface {
	mock.TestingT
	Cleanup(func())
}

// recordingT is a testing.T stand-in that records failures instead of
// failing the real test, so one test can watch another fail.
type recordingT struct {
	failed   bool
	log      string
	cleanups []func()
}

func (r *recordingT) Logf(format string, args ...any) { r.log += fmt.Sprintf(format, args...) + "\n" }
func (r *recordingT) Errorf(format string, args ...any) {
	r.failed = true
	r.Logf(format, args...)
}
func (r *recordingT) FailNow()         { r.failed = true }
func (r *recordingT) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recordingT) finish() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

package refreshrotation

import (
	"errors"
	"sync"
	"testing"
	"time"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newStore() (*Store, *clock) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	return NewStore(time.Hour, c.now), c
}

func mustIssue(t *testing.T, s *Store, user string) Token {
	t.Helper()
	tok, err := s.Issue(user)
	if err != nil {
		t.Fatalf("Issue(%q) error = %v", user, err)
	}
	return tok
}

func mustRotate(t *testing.T, s *Store, tok Token) Token {
	t.Helper()
	next, err := s.Rotate(tok.Value)
	if err != nil {
		t.Fatalf("Rotate(%s…) error = %v, want nil", tok.Value[:min(6, len(tok.Value))], err)
	}
	return next
}

func wantErr(t *testing.T, s *Store, what string, tok Token, want error) {
	t.Helper()
	if _, err := s.Rotate(tok.Value); !errors.Is(err, want) {
		t.Errorf("Rotate(%s) error = %v, want %v", what, err, want)
	}
}

func TestIssue(t *testing.T) {
	s, c := newStore()
	a, b := mustIssue(t, s, "ada"), mustIssue(t, s, "ada")
	if len(a.Value) < 22 {
		t.Errorf("Issue().Value = %q, want at least 128 bits of randomness (22+ base64 characters)", a.Value)
	}
	if a.Value == b.Value || a.Family == b.Family || a.Family == "" {
		t.Errorf("two logins gave values %q/%q and families %q/%q, want all distinct and non-empty", a.Value, b.Value, a.Family, b.Family)
	}
	if a.UserID != "ada" || !a.ExpiresAt.Equal(c.now().Add(time.Hour)) {
		t.Errorf("Issue(ada) = %+v, want user ada expiring in 1h", a)
	}
}

func TestRotateKeepsTheFamilyAndRenewsTheExpiry(t *testing.T) {
	s, c := newStore()
	first := mustIssue(t, s, "ada")
	c.advance(30 * time.Minute)
	second := mustRotate(t, s, first)
	if second.Value == first.Value || second.Family != first.Family || second.UserID != "ada" {
		t.Errorf("Rotate = %+v, want a new value in family %q for ada", second, first.Family)
	}
	if !second.ExpiresAt.Equal(c.now().Add(time.Hour)) {
		t.Errorf("Rotate().ExpiresAt = %v, want %v", second.ExpiresAt, c.now().Add(time.Hour))
	}
	third := mustRotate(t, s, second)
	mustRotate(t, s, third)
}

func TestReuseRevokesTheWholeFamily(t *testing.T) {
	s, _ := newStore()
	first := mustIssue(t, s, "ada")
	laptop := mustIssue(t, s, "ada") // another login of the same user
	second := mustRotate(t, s, first)
	third := mustRotate(t, s, second)

	// A thief replays the first token: the family dies…
	wantErr(t, s, "an already-rotated token", first, ErrReused)
	// …including the newest token, which the thief may also hold.
	wantErr(t, s, "the newest token after reuse", third, ErrRevoked)
	wantErr(t, s, "a reused token, again", second, ErrRevoked)
	// Other logins are untouched.
	mustRotate(t, s, laptop)
}

func TestRotateRejections(t *testing.T) {
	s, c := newStore()
	wantErr(t, s, "an empty value", Token{}, ErrUnknown)
	wantErr(t, s, "a made-up value", Token{Value: "made-up"}, ErrUnknown)

	tok := mustIssue(t, s, "ada")
	c.advance(time.Hour) // exactly at ExpiresAt: already expired
	wantErr(t, s, "an expired token", tok, ErrExpired)

	gone := mustIssue(t, s, "ada")
	s.RevokeFamily(gone.Family)
	c.advance(2 * time.Hour)
	wantErr(t, s, "an expired token of a revoked family", gone, ErrRevoked)
}

func TestRevokeUser(t *testing.T) {
	s, _ := newStore()
	phone, laptop := mustIssue(t, s, "ada"), mustIssue(t, s, "ada")
	bobs := mustIssue(t, s, "bob")
	phone = mustRotate(t, s, phone)
	s.RevokeUser("ada")
	wantErr(t, s, "ada's phone after RevokeUser", phone, ErrRevoked)
	wantErr(t, s, "ada's laptop after RevokeUser", laptop, ErrRevoked)
	mustRotate(t, s, bobs)
	// A new login after revocation works.
	mustRotate(t, s, mustIssue(t, s, "ada"))
}

func TestConcurrentRotateHasOneWinner(t *testing.T) {
	s, _ := newStore()
	tok := mustIssue(t, s, "ada")
	const n = 32
	var wg sync.WaitGroup
	results := make(chan error, n)
	for range n {
		wg.Go(func() {
			_, err := s.Rotate(tok.Value)
			results <- err
		})
	}
	wg.Wait()
	close(results)
	wins, reuses := 0, 0
	for err := range results {
		switch {
		case err == nil:
			wins++
		case errors.Is(err, ErrReused), errors.Is(err, ErrRevoked):
			reuses++
		default:
			t.Errorf("concurrent Rotate error = %v, want nil, ErrReused or ErrRevoked", err)
		}
	}
	if wins != 1 || reuses != n-1 {
		t.Errorf("%d concurrent Rotate calls: %d succeeded, %d saw reuse; want exactly 1 and %d", n, wins, reuses, n-1)
	}
}

func TestRotateExpiryBoundary(t *testing.T) {
	s, c := newStore()
	tok := mustIssue(t, s, "ada")
	c.advance(time.Hour - time.Nanosecond) // the last instant before ExpiresAt
	next := mustRotate(t, s, tok)
	c.advance(time.Hour - time.Nanosecond) // the successor's expiry was renewed
	mustRotate(t, s, next)
}

func TestRotatePrecedence(t *testing.T) {
	t.Run("reused beats expired", func(t *testing.T) {
		s, c := newStore()
		first := mustIssue(t, s, "ada")
		mustRotate(t, s, first)
		c.advance(2 * time.Hour)
		wantErr(t, s, "a rotated token after it expired", first, ErrReused)
	})
	t.Run("revoked beats reused", func(t *testing.T) {
		s, _ := newStore()
		first := mustIssue(t, s, "ada")
		mustRotate(t, s, first)
		s.RevokeFamily(first.Family)
		wantErr(t, s, "a rotated token of a revoked family", first, ErrRevoked)
	})
	t.Run("revoked beats a live token", func(t *testing.T) {
		s, _ := newStore()
		tok := mustIssue(t, s, "ada")
		s.RevokeFamily(tok.Family)
		wantErr(t, s, "a live token of a revoked family", tok, ErrRevoked)
	})
	t.Run("an expired token stays expired", func(t *testing.T) {
		s, c := newStore()
		tok := mustIssue(t, s, "ada")
		c.advance(time.Hour)
		wantErr(t, s, "an expired token", tok, ErrExpired)
		wantErr(t, s, "the same expired token again", tok, ErrExpired)
	})
}

func TestReuseIsReportedOnceThenRevoked(t *testing.T) {
	s, _ := newStore()
	first := mustIssue(t, s, "ada")
	second := mustRotate(t, s, first)
	wantErr(t, s, "a replayed token", first, ErrReused)
	wantErr(t, s, "the replayed token, again", first, ErrRevoked)
	wantErr(t, s, "its live successor", second, ErrRevoked)
}

func TestRevokeFamilyIsPerFamily(t *testing.T) {
	s, _ := newStore()
	phone, laptop := mustIssue(t, s, "ada"), mustIssue(t, s, "ada")
	phone = mustRotate(t, s, phone)
	s.RevokeFamily(phone.Family)
	wantErr(t, s, "the phone after logout", phone, ErrRevoked)
	laptop = mustRotate(t, s, laptop)
	mustRotate(t, s, laptop)
	s.RevokeFamily("no-such-family")
	s.RevokeUser("nobody")
}

func TestRevokeUserIsPerUser(t *testing.T) {
	s, _ := newStore()
	ada, bob := mustIssue(t, s, "ada"), mustIssue(t, s, "bob")
	s.RevokeUser("bob")
	wantErr(t, s, "bob's token after RevokeUser(bob)", bob, ErrRevoked)
	ada = mustRotate(t, s, ada)
	mustRotate(t, s, ada)
}

func TestIssueManyLogins(t *testing.T) {
	s, _ := newStore()
	values, families := map[string]bool{}, map[string]bool{}
	for i := range 50 {
		tok := mustIssue(t, s, "ada")
		if values[tok.Value] || families[tok.Family] {
			t.Fatalf("Issue #%d repeated value %q or family %q", i, tok.Value, tok.Family)
		}
		values[tok.Value], families[tok.Family] = true, true
		next := mustRotate(t, s, tok)
		if values[next.Value] {
			t.Fatalf("Rotate repeated value %q", next.Value)
		}
		values[next.Value] = true
	}
}

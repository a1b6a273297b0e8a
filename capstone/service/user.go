package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strings"
	"sync"

	"workbook/capstone/conduit"
)

// Users implements conduit.UserService on a UserStore.
type Users struct {
	Store  UserStore
	Hasher Bcrypt
	// Jobs and Emails, when set, queue the welcome email of each new user and
	// the password-reset emails.
	Jobs   JobQueue
	Emails *AccountEmails
	Logger *slog.Logger

	dummyOnce sync.Once
	dummy     string
}

var _ conduit.UserService = (*Users)(nil)

// Register validates in, hashes the password and stores the user.
func (s *Users) Register(ctx context.Context, in conduit.NewUser) (*conduit.User, error) {
	in.Email = strings.TrimSpace(in.Email)
	in.Username = strings.TrimSpace(in.Username)
	if err := in.Validate(); err != nil {
		return nil, err
	}
	hash, err := s.Hasher.Hash(ctx, in.Password)
	if err != nil {
		return nil, err
	}
	u := &conduit.User{Username: in.Username, Email: in.Email, PasswordHash: hash, TokenGen: newTokenGen()}
	if err := s.Store.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	if s.Jobs != nil && s.Emails != nil {
		// The account exists whatever happens to its email: a queue that
		// refuses is logged, not a failed sign-up.
		if err := s.Jobs.Publish(context.WithoutCancel(ctx), s.Emails.Job(u.ID, PickLanguage(in.Lang))); err != nil && s.Logger != nil {
			s.Logger.ErrorContext(ctx, "could not queue the welcome email", "user_id", u.ID, "err", err)
		}
	}
	return u, nil
}

// Login returns the user with this email and password, or EUNAUTHORIZED. An
// unknown email costs the same bcrypt comparison as a wrong password, so the
// response time does not reveal which accounts exist.
func (s *Users) Login(ctx context.Context, email, password string) (*conduit.User, error) {
	if strings.TrimSpace(email) == "" || password == "" {
		return nil, conduit.Errorf(conduit.EINVALID, "email and password are required")
	}
	u, err := s.Store.UserByEmail(ctx, strings.TrimSpace(email))
	if conduit.ErrorCode(err) == conduit.ENOTFOUND {
		_, _ = s.Hasher.Matches(ctx, s.dummyHash(), password)
		return nil, conduit.Errorf(conduit.EUNAUTHORIZED, "email or password is invalid")
	} else if err != nil {
		return nil, err
	}
	ok, err := s.Hasher.Matches(ctx, u.PasswordHash, password)
	if err != nil {
		return nil, err
	} else if !ok {
		return nil, conduit.Errorf(conduit.EUNAUTHORIZED, "email or password is invalid")
	}
	// The one moment the password is known: bring an old hash up to the
	// current cost, so every account soon costs what the dummy hash costs.
	// A failure here does not fail the login; the next one tries again.
	if s.Hasher.Outdated(u.PasswordHash) {
		if hash, err := s.Hasher.Hash(ctx, password); err == nil {
			if nu, err := s.Store.UpdateUser(ctx, u.ID, UserChanges{PasswordHash: &hash}); err == nil {
				u = nu
			}
		}
	}
	return u, nil
}

// UserByID returns the user or ENOTFOUND.
func (s *Users) UserByID(ctx context.Context, id int64) (*conduit.User, error) {
	return s.Store.UserByID(ctx, id)
}

// UpdateUser applies the non-nil fields of in to the user id. Only the
// fields the request names are written, in one atomic store step, so a
// concurrent edit of another field is never undone. A new password needs
// the current one and starts a new token generation: every token issued
// before it stops working.
func (s *Users) UpdateUser(ctx context.Context, id int64, in conduit.UserUpdate) (*conduit.User, error) {
	if in.Email != nil {
		e := strings.TrimSpace(*in.Email)
		in.Email = &e
	}
	if in.Username != nil {
		n := strings.TrimSpace(*in.Username)
		in.Username = &n
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	c := UserChanges{Username: in.Username, Email: in.Email, Bio: in.Bio, Image: in.Image}
	if in.Password != nil {
		u, err := s.Store.UserByID(ctx, id)
		if err != nil {
			return nil, err
		}
		ok, err := s.Hasher.Matches(ctx, u.PasswordHash, *in.CurrentPassword)
		if err != nil {
			return nil, err
		} else if !ok {
			return nil, conduit.Errorf(conduit.EFORBIDDEN, "currentPassword is wrong")
		}
		hash, err := s.Hasher.Hash(ctx, *in.Password)
		if err != nil {
			return nil, err
		}
		gen := newTokenGen()
		c.PasswordHash, c.TokenGen = &hash, &gen
	}
	return s.Store.UpdateUser(ctx, id, c)
}

// newTokenGen returns 128 random bits in hex.
func newTokenGen() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

func (s *Users) dummyHash() string {
	// Not through the gate: it runs once, and a login must not fail for it.
	s.dummyOnce.Do(func() { s.dummy, _ = Bcrypt{Cost: s.Hasher.Cost}.Hash(context.Background(), "not a real password") })
	return s.dummy
}

package memory

import (
	"context"
	"strings"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// CreateUser stores u and sets u.ID; ECONFLICT when the username or email is taken.
func (s *Store) CreateUser(_ context.Context, u *conduit.User) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.unique(u); err != nil {
		return err
	}
	u.ID = s.id()
	c := *u
	s.users[u.ID] = &c
	return nil
}

// UserByID returns the user or ENOTFOUND.
func (s *Store) UserByID(_ context.Context, id int64) (*conduit.User, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if u := s.users[id]; u != nil {
		c := *u
		return &c, nil
	}
	return nil, conduit.Errorf(conduit.ENOTFOUND, "user not found")
}

// UserByEmail returns the user (emails compare case-insensitively) or ENOTFOUND.
func (s *Store) UserByEmail(_ context.Context, email string) (*conduit.User, error) {
	return s.find(func(u *conduit.User) bool { return strings.EqualFold(u.Email, email) })
}

// UserByUsername returns the user or ENOTFOUND.
func (s *Store) UserByUsername(_ context.Context, username string) (*conduit.User, error) {
	return s.find(func(u *conduit.User) bool { return u.Username == username })
}

// UpdateUser applies c to the stored user id under the lock; ECONFLICT or ENOTFOUND.
func (s *Store) UpdateUser(_ context.Context, id int64, c service.UserChanges) (*conduit.User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	stored := s.users[id]
	if stored == nil {
		return nil, conduit.Errorf(conduit.ENOTFOUND, "user not found")
	}
	u := *stored
	c.Apply(&u)
	if err := s.unique(&u); err != nil {
		return nil, err
	}
	s.users[id] = &u
	out := u
	return &out, nil
}

func (s *Store) find(match func(*conduit.User) bool) (*conduit.User, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, u := range s.users {
		if match(u) {
			c := *u
			return &c, nil
		}
	}
	return nil, conduit.Errorf(conduit.ENOTFOUND, "user not found")
}

// unique reports ECONFLICT if another user has u's username or email; the
// caller holds the write lock.
func (s *Store) unique(u *conduit.User) error {
	for _, o := range s.users {
		if o.ID == u.ID {
			continue
		}
		if o.Username == u.Username {
			return conduit.Errorf(conduit.ECONFLICT, "username has already been taken")
		}
		if strings.EqualFold(o.Email, u.Email) {
			return conduit.Errorf(conduit.ECONFLICT, "email has already been taken")
		}
	}
	return nil
}

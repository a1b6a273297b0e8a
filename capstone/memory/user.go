package memory

import (
	"context"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

// CreateUser stores u and sets u.ID; ECONFLICT when the username or email is taken.
func (s *Store) CreateUser(_ context.Context, u *conduit.User) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.unique(0, u); err != nil {
		return err
	}
	u.ID = s.id()
	c := *u
	s.users[u.ID] = &c
	s.usernames[c.Username] = c.ID
	s.emails[foldEmail(c.Email)] = c.ID
	return nil
}

// UserByID returns the user or ENOTFOUND.
func (s *Store) UserByID(_ context.Context, id int64) (*conduit.User, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.userCopy(id)
}

// UserByEmail returns the user (emails compare case-insensitively) or ENOTFOUND.
func (s *Store) UserByEmail(_ context.Context, email string) (*conduit.User, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.userCopy(s.emails[foldEmail(email)])
}

// UserByUsername returns the user or ENOTFOUND.
func (s *Store) UserByUsername(_ context.Context, username string) (*conduit.User, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.userCopy(s.usernames[username])
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
	if err := s.unique(id, &u); err != nil {
		return nil, err
	}
	delete(s.usernames, stored.Username)
	delete(s.emails, foldEmail(stored.Email))
	s.users[id] = &u
	s.usernames[u.Username] = id
	s.emails[foldEmail(u.Email)] = id
	out := u
	return &out, nil
}

// userCopy returns a copy of user id, or ENOTFOUND; the caller holds a lock.
func (s *Store) userCopy(id int64) (*conduit.User, error) {
	if u := s.users[id]; u != nil {
		c := *u
		return &c, nil
	}
	return nil, conduit.Errorf(conduit.ENOTFOUND, "user not found")
}

// unique reports ECONFLICT when another user than self has u's username or
// email; the caller holds a lock.
func (s *Store) unique(self int64, u *conduit.User) error {
	if id, ok := s.usernames[u.Username]; ok && id != self {
		return conduit.Errorf(conduit.ECONFLICT, "username has already been taken")
	}
	if id, ok := s.emails[foldEmail(u.Email)]; ok && id != self {
		return conduit.Errorf(conduit.ECONFLICT, "email has already been taken")
	}
	return nil
}

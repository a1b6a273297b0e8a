package postgres

import (
	"context"

	"workbook/capstone/conduit"
)

const userColumns = "id, username, email, password_hash, bio, image"

// CreateUser inserts u and sets u.ID; ECONFLICT when the username or email is taken.
func (s *Store) CreateUser(ctx context.Context, u *conduit.User) error {
	err := s.pool.QueryRow(ctx,
		`INSERT INTO users (username, email, password_hash, bio, image) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		u.Username, u.Email, u.PasswordHash, u.Bio, u.Image).Scan(&u.ID)
	return domainError(err, "user not found")
}

// UserByID returns the user or ENOTFOUND.
func (s *Store) UserByID(ctx context.Context, id int64) (*conduit.User, error) {
	return s.user(ctx, "SELECT "+userColumns+" FROM users WHERE id = $1", id)
}

// UserByEmail returns the user (emails compare case-insensitively) or ENOTFOUND.
func (s *Store) UserByEmail(ctx context.Context, email string) (*conduit.User, error) {
	return s.user(ctx, "SELECT "+userColumns+" FROM users WHERE lower(email) = lower($1)", email)
}

// UserByUsername returns the user or ENOTFOUND.
func (s *Store) UserByUsername(ctx context.Context, username string) (*conduit.User, error) {
	return s.user(ctx, "SELECT "+userColumns+" FROM users WHERE username = $1", username)
}

// UpdateUser writes every field of u; ECONFLICT or ENOTFOUND.
func (s *Store) UpdateUser(ctx context.Context, u *conduit.User) error {
	tag, err := s.pool.Exec(ctx,
		`UPDATE users SET username = $2, email = $3, password_hash = $4, bio = $5, image = $6 WHERE id = $1`,
		u.ID, u.Username, u.Email, u.PasswordHash, u.Bio, u.Image)
	if err != nil {
		return domainError(err, "user not found")
	}
	if tag.RowsAffected() == 0 {
		return conduit.Errorf(conduit.ENOTFOUND, "user not found")
	}
	return nil
}

func (s *Store) user(ctx context.Context, query string, arg any) (*conduit.User, error) {
	var u conduit.User
	err := s.pool.QueryRow(ctx, query, arg).Scan(&u.ID, &u.Username, &u.Email, &u.PasswordHash, &u.Bio, &u.Image)
	if err != nil {
		return nil, domainError(err, "user not found")
	}
	return &u, nil
}

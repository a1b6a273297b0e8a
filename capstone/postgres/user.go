package postgres

import (
	"context"

	"workbook/capstone/conduit"
	"workbook/capstone/service"
)

const userColumns = "id, username, email, password_hash, bio, image, token_gen"

// CreateUser inserts u and sets u.ID; ECONFLICT when the username or email is taken.
func (s *Store) CreateUser(ctx context.Context, u *conduit.User) error {
	err := s.pool.QueryRow(ctx,
		`INSERT INTO users (username, email, password_hash, bio, image, token_gen) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		u.Username, u.Email, u.PasswordHash, u.Bio, u.Image, u.TokenGen).Scan(&u.ID)
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

// UpdateUser sets the non-nil fields of c in one UPDATE (a NULL parameter
// keeps the column: COALESCE), so it never writes back a value another
// request changed meanwhile; ECONFLICT or ENOTFOUND.
func (s *Store) UpdateUser(ctx context.Context, id int64, c service.UserChanges) (*conduit.User, error) {
	return s.user(ctx, `UPDATE users SET
		username = COALESCE($2, username), email = COALESCE($3, email),
		password_hash = COALESCE($4, password_hash), token_gen = COALESCE($5, token_gen),
		bio = COALESCE($6, bio), image = COALESCE($7, image)
		WHERE id = $1 RETURNING `+userColumns,
		id, c.Username, c.Email, c.PasswordHash, c.TokenGen, c.Bio, c.Image)
}

func (s *Store) user(ctx context.Context, query string, args ...any) (*conduit.User, error) {
	var u conduit.User
	err := s.pool.QueryRow(ctx, query, args...).Scan(&u.ID, &u.Username, &u.Email, &u.PasswordHash, &u.Bio, &u.Image, &u.TokenGen)
	if err != nil {
		return nil, domainError(err, "user not found")
	}
	return &u, nil
}

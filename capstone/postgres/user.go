package postgres

import (
	"context"
	"time"

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

// SaveReset stores a reset token's hash for userID until expires.
func (s *Store) SaveReset(ctx context.Context, tokenHash string, userID int64, expires time.Time) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, tokenHash, userID, expires)
	return domainError(err, "user not found")
}

// TakeReset marks the token used, if it is unused and unexpired, and
// returns its user: one UPDATE, so two concurrent uses cannot both succeed.
func (s *Store) TakeReset(ctx context.Context, tokenHash string, now time.Time) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `UPDATE password_resets SET used_at = $2
		WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id`, tokenHash, now).Scan(&id)
	return id, domainError(err, "reset token is invalid or expired")
}

func (s *Store) user(ctx context.Context, query string, args ...any) (*conduit.User, error) {
	var u conduit.User
	err := s.pool.QueryRow(ctx, query, args...).Scan(&u.ID, &u.Username, &u.Email, &u.PasswordHash, &u.Bio, &u.Image, &u.TokenGen)
	if err != nil {
		return nil, domainError(err, "user not found")
	}
	return &u, nil
}

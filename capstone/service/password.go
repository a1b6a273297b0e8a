package service

import (
	"errors"
	"fmt"

	"golang.org/x/crypto/bcrypt"
)

// DefaultBcryptCost is the work factor for new password hashes: 2^12 rounds,
// about 250 ms on one core of a 2020s laptop, which makes an offline guess
// expensive while a login stays well under a second. Raise it as hardware
// gets faster; existing hashes keep their own cost.
const DefaultBcryptCost = 12

// Bcrypt hashes passwords with bcrypt at Cost (DefaultBcryptCost when zero).
type Bcrypt struct {
	Cost int
}

// Hash returns the bcrypt hash of password.
func (b Bcrypt) Hash(password string) (string, error) {
	cost := b.Cost
	if cost == 0 {
		cost = DefaultBcryptCost
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return "", fmt.Errorf("service: hash password: %w", err)
	}
	return string(h), nil
}

// Matches reports whether password is the one hashed in hash.
func (b Bcrypt) Matches(hash, password string) (bool, error) {
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(password))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, bcrypt.ErrMismatchedHashAndPassword):
		return false, nil
	default:
		return false, fmt.Errorf("service: compare password: %w", err)
	}
}

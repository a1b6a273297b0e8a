// Package testdatabuilder is exercise 1 of chapter 26: a test-data builder
// for User, with valid defaults, With… overrides and unique emails.
package testdatabuilder

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Role is what a user may do.
type Role string

// The roles Validate accepts.
const (
	RoleMember Role = "member"
	RoleAdmin  Role = "admin"
)

// User is the entity the builder produces.
type User struct {
	Email     string
	Name      string
	Role      Role
	Tags      []string
	CreatedAt time.Time
}

// DefaultCreatedAt is the CreatedAt of every user built without
// WithCreatedAt: a fixed time, so that tests never depend on the clock.
var DefaultCreatedAt = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)

// ErrInvalidUser is wrapped by every error Validate returns.
var ErrInvalidUser = errors.New("invalid user")

// ErrNotImplemented is what the stub returns.
var ErrNotImplemented = errors.New("not implemented: edit exercises/1-test-data-builder/builder.go")

// Validate is the domain's rule for a valid user: an email with one "@" and
// text on both sides, a non-blank name, a known role, a non-zero CreatedAt,
// and tags that are non-empty and distinct.
func Validate(u User) error {
	local, domain, ok := strings.Cut(u.Email, "@")
	switch {
	case !ok || local == "" || domain == "" || strings.Contains(domain, "@"):
		return fmt.Errorf("%w: email %q", ErrInvalidUser, u.Email)
	case strings.TrimSpace(u.Name) == "":
		return fmt.Errorf("%w: blank name", ErrInvalidUser)
	case u.Role != RoleMember && u.Role != RoleAdmin:
		return fmt.Errorf("%w: role %q", ErrInvalidUser, u.Role)
	case u.CreatedAt.IsZero():
		return fmt.Errorf("%w: zero CreatedAt", ErrInvalidUser)
	}
	seen := map[string]bool{}
	for _, t := range u.Tags {
		if t == "" || seen[t] {
			return fmt.Errorf("%w: tag %q empty or repeated", ErrInvalidUser, t)
		}
		seen[t] = true
	}
	return nil
}

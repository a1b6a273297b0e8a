//go:build solution

package testdatabuilder

import (
	"fmt"
	"slices"
	"sync/atomic"
	"time"
)

// seq numbers every Build in the process, so generated emails never repeat,
// whichever builder (or goroutine) asks.
var seq atomic.Int64

// UserBuilder builds valid, unique Users for tests. It is a value: every
// With… returns a changed copy and leaves the receiver as it was.
type UserBuilder struct {
	email, name       string
	emailSet, nameSet bool // an override of "" must reach Validate, not mean "default"
	role              Role
	tags              []string
	createdAt         time.Time
}

// NewUserBuilder returns a builder whose Build gives a valid user.
func NewUserBuilder() UserBuilder {
	return UserBuilder{role: RoleMember, createdAt: DefaultCreatedAt}
}

// WithEmail returns a builder that uses email instead of a generated one.
func (b UserBuilder) WithEmail(email string) UserBuilder {
	b.email, b.emailSet = email, true
	return b
}

// WithName returns a builder that uses name instead of a generated one.
func (b UserBuilder) WithName(name string) UserBuilder {
	b.name, b.nameSet = name, true
	return b
}

// WithRole returns a builder that uses role instead of RoleMember.
func (b UserBuilder) WithRole(role Role) UserBuilder {
	b.role = role
	return b
}

// WithTags returns a builder whose users have exactly these tags. The
// builder keeps its own copy: the caller's slice may change afterwards.
func (b UserBuilder) WithTags(tags ...string) UserBuilder {
	b.tags = slices.Clone(tags)
	return b
}

// WithTag returns a builder whose users have one more tag. Clip makes append
// copy: two builders derived from one never write into a shared array.
func (b UserBuilder) WithTag(tag string) UserBuilder {
	b.tags = append(slices.Clip(b.tags), tag)
	return b
}

// WithCreatedAt returns a builder that uses t instead of DefaultCreatedAt.
func (b UserBuilder) WithCreatedAt(t time.Time) UserBuilder {
	b.createdAt = t
	return b
}

// Build returns a new user, or an error wrapping ErrInvalidUser when an
// override made it invalid. Each user owns its Tags.
func (b UserBuilder) Build() (User, error) {
	n := seq.Add(1)
	u := User{
		Email:     fmt.Sprintf("user-%d@example.test", n),
		Name:      fmt.Sprintf("User %d", n),
		Role:      b.role,
		Tags:      slices.Clone(b.tags),
		CreatedAt: b.createdAt,
	}
	if b.emailSet {
		u.Email = b.email
	}
	if b.nameSet {
		u.Name = b.name
	}
	if err := Validate(u); err != nil {
		return User{}, fmt.Errorf("build user: %w", err)
	}
	return u, nil
}

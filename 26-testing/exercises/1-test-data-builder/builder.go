//go:build !solution

package testdatabuilder

import "time"

// UserBuilder builds valid, unique Users for tests. Add the fields you need.
// not implemented: edit exercises/1-test-data-builder/builder.go
type UserBuilder struct{}

// NewUserBuilder returns a builder whose Build gives a valid user.
func NewUserBuilder() UserBuilder { return UserBuilder{} }

// WithEmail returns a builder that uses email instead of a generated one.
func (b UserBuilder) WithEmail(email string) UserBuilder { return b }

// WithName returns a builder that uses name instead of a generated one.
func (b UserBuilder) WithName(name string) UserBuilder { return b }

// WithRole returns a builder that uses role instead of RoleMember.
func (b UserBuilder) WithRole(role Role) UserBuilder { return b }

// WithTags returns a builder whose users have exactly these tags.
func (b UserBuilder) WithTags(tags ...string) UserBuilder { return b }

// WithTag returns a builder whose users have one more tag, after the others.
func (b UserBuilder) WithTag(tag string) UserBuilder { return b }

// WithCreatedAt returns a builder that uses t instead of DefaultCreatedAt.
func (b UserBuilder) WithCreatedAt(t time.Time) UserBuilder { return b }

// Build returns a new user, or an error wrapping ErrInvalidUser when an
// override made it invalid.
func (b UserBuilder) Build() (User, error) { return User{}, ErrNotImplemented }

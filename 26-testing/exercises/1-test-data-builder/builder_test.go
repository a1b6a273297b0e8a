package testdatabuilder

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"
)

const edit = "(edit exercises/1-test-data-builder/builder.go)"

func build(t *testing.T, b UserBuilder) User {
	t.Helper()
	u, err := b.Build()
	if err != nil {
		t.Fatalf("Build() = %v, want a user %s", err, edit)
	}
	return u
}

func TestDefaultsAreValid(t *testing.T) {
	u := build(t, NewUserBuilder())
	if err := Validate(u); err != nil {
		t.Fatalf("the default user %+v is invalid: %v %s", u, err, edit)
	}
	if u.Role != RoleMember {
		t.Errorf("default Role = %q, want %q", u.Role, RoleMember)
	}
	if !u.CreatedAt.Equal(DefaultCreatedAt) {
		t.Errorf("default CreatedAt = %v, want DefaultCreatedAt (%v): a test must not depend on the clock", u.CreatedAt, DefaultCreatedAt)
	}
	if len(u.Tags) != 0 {
		t.Errorf("default Tags = %q, want none", u.Tags)
	}
}

func TestOverridesApply(t *testing.T) {
	at := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	u := build(t, NewUserBuilder().
		WithEmail("ada@example.org").
		WithName("Ada").
		WithRole(RoleAdmin).
		WithTags("math", "engines").
		WithCreatedAt(at))
	want := User{Email: "ada@example.org", Name: "Ada", Role: RoleAdmin, Tags: []string{"math", "engines"}, CreatedAt: at}
	if u.Email != want.Email || u.Name != want.Name || u.Role != want.Role || !slices.Equal(u.Tags, want.Tags) || !u.CreatedAt.Equal(at) {
		t.Errorf("Build() = %+v, want %+v", u, want)
	}
	// WithTags replaces; WithTag appends.
	u = build(t, NewUserBuilder().WithTag("a").WithTags("b", "c").WithTag("d"))
	if !slices.Equal(u.Tags, []string{"b", "c", "d"}) {
		t.Errorf("WithTag(a).WithTags(b, c).WithTag(d) gave tags %q, want [b c d]", u.Tags)
	}
	// An override of one field keeps the generated others.
	u = build(t, NewUserBuilder().WithName("Grace"))
	if u.Name != "Grace" || Validate(u) != nil {
		t.Errorf("WithName(Grace) built %+v, want name Grace and a valid generated email", u)
	}
	u = build(t, NewUserBuilder().WithEmail("g@example.org"))
	if u.Email != "g@example.org" || u.Name == "" {
		t.Errorf("WithEmail built %+v, want that email and a generated name", u)
	}
}

func TestGeneratedEmailsAreUnique(t *testing.T) {
	seen := map[string]bool{}
	check := func(u User) {
		t.Helper()
		if seen[u.Email] {
			t.Fatalf("email %q built twice; every Build must generate a new one", u.Email)
		}
		seen[u.Email] = true
	}
	one := NewUserBuilder()
	for range 3 {
		check(build(t, one)) // the same builder, built again
	}
	for range 3 {
		check(build(t, NewUserBuilder())) // separate builders share the sequence
	}
	check(build(t, NewUserBuilder().WithName("Same Name")))
	check(build(t, NewUserBuilder().WithName("Same Name")))
}

func TestUniqueUnderConcurrency(t *testing.T) {
	const n = 64
	emails := make(chan string, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			u, err := NewUserBuilder().Build()
			if err != nil {
				t.Errorf("Build() = %v %s", err, edit)
			}
			emails <- u.Email
		})
	}
	wg.Wait()
	close(emails)
	seen := map[string]bool{}
	for e := range emails {
		if seen[e] {
			t.Fatalf("email %q built twice by concurrent Builds", e)
		}
		seen[e] = true
	}
}

func TestBuildsNeverShareState(t *testing.T) {
	// Mutating a built user changes neither the builder nor the next user.
	b := NewUserBuilder().WithTags("a", "b")
	u1 := build(t, b)
	u1.Tags[0] = "changed"
	if u2 := build(t, b); !slices.Equal(u2.Tags, []string{"a", "b"}) {
		t.Errorf("after changing one user's Tags, the next Build has %q, want [a b]", u2.Tags)
	}

	// The caller's slice is copied by WithTags.
	tags := []string{"x", "y"}
	b = NewUserBuilder().WithTags(tags...)
	tags[0] = "changed"
	if u := build(t, b); !slices.Equal(u.Tags, []string{"x", "y"}) {
		t.Errorf("after changing the slice given to WithTags, Build has %q, want [x y]", u.Tags)
	}

	// Deriving two builders from one leaves all three independent, even when
	// the shared tags slice has spare capacity for append to write into.
	base := NewUserBuilder().WithTag("a").WithTag("b").WithTag("c")
	x := base.WithTag("x").WithName("X")
	y := base.WithTag("y").WithRole(RoleAdmin)
	if u := build(t, x); !slices.Equal(u.Tags, []string{"a", "b", "c", "x"}) || u.Name != "X" || u.Role != RoleMember {
		t.Errorf("x built %+v, want tags [a b c x], name X, role member", u)
	}
	if u := build(t, y); !slices.Equal(u.Tags, []string{"a", "b", "c", "y"}) || u.Name == "X" || u.Role != RoleAdmin {
		t.Errorf("y built %+v, want tags [a b c y], a generated name, role admin", u)
	}
	if u := build(t, base); !slices.Equal(u.Tags, []string{"a", "b", "c"}) || u.Role != RoleMember {
		t.Errorf("base built %+v after deriving x and y, want tags [a b c], role member", u)
	}
}

func TestInvalidOverridesAreRefused(t *testing.T) {
	build(t, NewUserBuilder()) // the defaults build
	for _, tt := range []struct {
		name string
		b    UserBuilder
	}{
		{"empty email", NewUserBuilder().WithEmail("")},
		{"email without @", NewUserBuilder().WithEmail("ada.example.org")},
		{"blank name", NewUserBuilder().WithName("  ")},
		{"empty name", NewUserBuilder().WithName("")},
		{"unknown role", NewUserBuilder().WithRole("owner")},
		{"zero CreatedAt", NewUserBuilder().WithCreatedAt(time.Time{})},
		{"repeated tag", NewUserBuilder().WithTags("a", "a")},
	} {
		u, err := tt.b.Build()
		if !errors.Is(err, ErrInvalidUser) {
			t.Errorf("%s: Build() = %+v, %v; want an error wrapping ErrInvalidUser %s", tt.name, u, err, edit)
		}
	}
}

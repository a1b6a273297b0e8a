package service_test

import (
	"context"
	"strings"
	"testing"

	"workbook/capstone/conduit"
	"workbook/capstone/memory"
	"workbook/capstone/service"
)

// fixture wires the services to a fresh memory store, with the cheapest
// bcrypt cost so tests stay fast.
type fixture struct {
	users    *service.Users
	profiles *service.Profiles
	articles *service.Articles
	comments *service.Comments
}

func newFixture() fixture {
	s := memory.New()
	return fixture{
		users:    &service.Users{Store: s, Hasher: service.Bcrypt{Cost: 4}},
		profiles: &service.Profiles{Users: s, Follows: s},
		articles: &service.Articles{Store: s},
		comments: &service.Comments{Store: s, Articles: s},
	}
}

func (f fixture) register(t *testing.T, name string) *conduit.User {
	t.Helper()
	u, err := f.users.Register(context.Background(), conduit.NewUser{Username: name, Email: name + "@example.com", Password: "password1"})
	if err != nil {
		t.Fatalf("Register(%q) = %v, want nil", name, err)
	}
	return u
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := conduit.ErrorCode(err); got != code {
		t.Errorf("%s: error code = %q (%v), want %q", what, got, err, code)
	}
}

func TestRegisterAndLogin(t *testing.T) {
	ctx := context.Background()
	f := newFixture()
	u := f.register(t, "jake")
	if u.PasswordHash == "" || strings.Contains(u.PasswordHash, "password1") {
		t.Errorf("PasswordHash = %q, want a bcrypt hash", u.PasswordHash)
	}
	if _, err := f.users.Login(ctx, "jake@example.com", "password1"); err != nil {
		t.Errorf("Login with the right password = %v, want nil", err)
	}
	_, err := f.users.Login(ctx, "jake@example.com", "wrong-password")
	wantCode(t, "Login with a wrong password", err, conduit.EUNAUTHORIZED)
	_, err = f.users.Login(ctx, "nobody@example.com", "password1")
	wantCode(t, "Login with an unknown email", err, conduit.EUNAUTHORIZED)
	_, err = f.users.Register(ctx, conduit.NewUser{Username: "jake", Email: "other@example.com", Password: "password1"})
	wantCode(t, "Register with a taken username", err, conduit.ECONFLICT)
}

func TestRegisterValidation(t *testing.T) {
	tests := []struct {
		name string
		in   conduit.NewUser
		want string // a fragment of the message
	}{
		{"blank username", conduit.NewUser{Email: "a@b.c", Password: "password1"}, "username can't be blank"},
		{"bad email", conduit.NewUser{Username: "a", Email: "not-an-email", Password: "password1"}, "email is invalid"},
		{"short password", conduit.NewUser{Username: "a", Email: "a@b.c", Password: "short"}, "password is too short"},
		{"slash in username", conduit.NewUser{Username: "a/b", Email: "a@b.c", Password: "password1"}, "username may not contain"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newFixture().users.Register(context.Background(), tc.in)
			wantCode(t, "Register", err, conduit.EINVALID)
			if !strings.Contains(conduit.ErrorMessage(err), tc.want) {
				t.Errorf("Register(%+v) message = %q, want it to contain %q", tc.in, conduit.ErrorMessage(err), tc.want)
			}
		})
	}
	_, err := newFixture().users.Register(context.Background(), conduit.NewUser{})
	if got := len(conduit.ErrorMessages(err)); got != 3 {
		t.Errorf("Register(empty) reported %d problems (%q), want 3: every problem at once", got, conduit.ErrorMessages(err))
	}
}

func TestArticleOwnership(t *testing.T) {
	ctx := context.Background()
	f := newFixture()
	jake, ann := f.register(t, "jake"), f.register(t, "ann")
	a, err := f.articles.CreateArticle(ctx, jake.ID, conduit.NewArticle{Title: "Dragons", Description: "d", Body: "b", TagList: []string{"b", " a ", "b", ""}})
	if err != nil {
		t.Fatalf("CreateArticle = %v, want nil", err)
	}
	if a.Slug != "dragons" || strings.Join(a.TagList, ",") != "a,b" {
		t.Errorf("CreateArticle = slug %q, tags %q; want dragons, [a b]", a.Slug, a.TagList)
	}
	body := "hijacked"
	_, err = f.articles.UpdateArticle(ctx, ann.ID, "dragons", conduit.ArticleUpdate{Body: &body})
	wantCode(t, "UpdateArticle by another user", err, conduit.EFORBIDDEN)
	wantCode(t, "DeleteArticle by another user", f.articles.DeleteArticle(ctx, ann.ID, "dragons"), conduit.EFORBIDDEN)

	c, err := f.comments.AddComment(ctx, jake.ID, "dragons", "first")
	if err != nil {
		t.Fatalf("AddComment = %v, want nil", err)
	}
	wantCode(t, "DeleteComment by another user", f.comments.DeleteComment(ctx, ann.ID, "dragons", c.ID), conduit.EFORBIDDEN)

	// The article is untouched after the refused attempts.
	got, _ := f.articles.Article(ctx, 0, "dragons")
	if got.Body != "b" {
		t.Errorf("Body after a refused update = %q, want %q", got.Body, "b")
	}
	if err := f.comments.DeleteComment(ctx, jake.ID, "dragons", c.ID); err != nil {
		t.Errorf("DeleteComment by its author = %v, want nil", err)
	}
	if err := f.articles.DeleteArticle(ctx, jake.ID, "dragons"); err != nil {
		t.Errorf("DeleteArticle by its author = %v, want nil", err)
	}
}

func TestSlugsStayUnique(t *testing.T) {
	ctx := context.Background()
	f := newFixture()
	jake := f.register(t, "jake")
	seen := map[string]bool{}
	for range 3 {
		a, err := f.articles.CreateArticle(ctx, jake.ID, conduit.NewArticle{Title: "Same title", Description: "d", Body: "b"})
		if err != nil {
			t.Fatalf("CreateArticle = %v, want nil", err)
		}
		if seen[a.Slug] || !strings.HasPrefix(a.Slug, "same-title") {
			t.Errorf("CreateArticle slug = %q, want a new slug starting same-title", a.Slug)
		}
		seen[a.Slug] = true
	}
	title := "Brand new"
	a, err := f.articles.UpdateArticle(ctx, jake.ID, "same-title", conduit.ArticleUpdate{Title: &title})
	if err != nil || a.Slug != "brand-new" {
		t.Errorf("UpdateArticle(title) = slug %v, %v; want brand-new, nil", a, err)
	}
}

func TestFollowRules(t *testing.T) {
	ctx := context.Background()
	f := newFixture()
	jake, _ := f.register(t, "jake"), f.register(t, "ann")
	_, err := f.profiles.Follow(ctx, jake.ID, "jake")
	wantCode(t, "Follow yourself", err, conduit.EINVALID)
	_, err = f.profiles.Follow(ctx, jake.ID, "nobody")
	wantCode(t, "Follow unknown user", err, conduit.ENOTFOUND)
	p, err := f.profiles.Follow(ctx, jake.ID, "ann")
	if err != nil || !p.Following {
		t.Errorf("Follow(ann) = %+v, %v; want following, nil", p, err)
	}
	if p, _ := f.profiles.Profile(ctx, 0, "ann"); p.Following {
		t.Error("Profile(ann) anonymously: following = true, want false")
	}
}

func TestListValidation(t *testing.T) {
	f := newFixture()
	for _, flt := range []conduit.ArticleFilter{{Limit: -1}, {Limit: 101}, {Offset: -1}} {
		_, _, err := f.articles.Articles(context.Background(), 0, flt)
		wantCode(t, "Articles with a bad page", err, conduit.EINVALID)
	}
}

// TestPasswordChangeNeedsTheCurrentPassword: a token alone cannot change the
// password; the right current password can, and the old one stops working.
func TestPasswordChangeNeedsTheCurrentPassword(t *testing.T) {
	ctx := context.Background()
	f := newFixture()
	jake := f.register(t, "jake")
	newPass, wrong, right := "new-password", "not-it-at-all", "password1"
	_, err := f.users.UpdateUser(ctx, jake.ID, conduit.UserUpdate{Password: &newPass})
	wantCode(t, "UpdateUser(password, no currentPassword)", err, conduit.EINVALID)
	_, err = f.users.UpdateUser(ctx, jake.ID, conduit.UserUpdate{Password: &newPass, CurrentPassword: &wrong})
	wantCode(t, "UpdateUser(password, wrong currentPassword)", err, conduit.EFORBIDDEN)
	if _, err := f.users.Login(ctx, "jake@example.com", right); err != nil {
		t.Fatalf("after refused changes the old password fails: %v", err)
	}
	if _, err := f.users.UpdateUser(ctx, jake.ID, conduit.UserUpdate{Password: &newPass, CurrentPassword: &right}); err != nil {
		t.Fatalf("UpdateUser(password, right currentPassword) = %v, want nil", err)
	}
	if _, err := f.users.Login(ctx, "jake@example.com", newPass); err != nil {
		t.Errorf("login with the new password = %v, want nil", err)
	}
	_, err = f.users.Login(ctx, "jake@example.com", right)
	wantCode(t, "login with the old password", err, conduit.EUNAUTHORIZED)
	bio := "no password involved"
	if _, err := f.users.UpdateUser(ctx, jake.ID, conduit.UserUpdate{Bio: &bio}); err != nil {
		t.Errorf("UpdateUser(bio) without currentPassword = %v, want nil", err)
	}
}

// TestLoginUpgradesOldHashes: after the cost is raised, a successful login
// rehashes the password at the new cost; the token generation stays.
func TestLoginUpgradesOldHashes(t *testing.T) {
	ctx := context.Background()
	f := newFixture() // cost 4
	jake := f.register(t, "jake")
	raised := &service.Users{Store: f.users.Store, Hasher: service.Bcrypt{Cost: 5}}
	u, err := raised.Login(ctx, "jake@example.com", "password1")
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := f.users.Store.UserByID(ctx, jake.ID)
	if (service.Bcrypt{Cost: 5}).Outdated(stored.PasswordHash) || stored.PasswordHash == jake.PasswordHash {
		t.Errorf("after a login under cost 5 the stored hash %q is still the cost-4 one", stored.PasswordHash)
	}
	if u.TokenGen != jake.TokenGen || stored.TokenGen != jake.TokenGen {
		t.Error("upgrading the hash changed the token generation; tokens must survive it")
	}
	if _, err := raised.Login(ctx, "jake@example.com", "password1"); err != nil {
		t.Errorf("login after the upgrade = %v", err)
	}
}

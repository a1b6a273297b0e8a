package conduit

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"
)

// User is a registered account. PasswordHash never leaves the service layer.
type User struct {
	ID           int64
	Username     string
	Email        string
	PasswordHash string
	Bio          string
	Image        string
	// TokenGen is a random value that every token of this user carries. It
	// is new at sign-up and at every password change, so a token of an
	// earlier account with the same ID (the memory store restarts at 1), or
	// one issued before the password changed, no longer matches.
	TokenGen string
}

// NewUser is the input of a sign-up.
type NewUser struct {
	Username string
	Email    string
	Password string
	// Lang is the language of the welcome email ("de"), from the request's
	// Accept-Language; empty: English.
	Lang string
}

// UserUpdate is the input of an update: nil fields are left unchanged.
type UserUpdate struct {
	Username *string
	Email    *string
	Password *string
	// CurrentPassword must accompany a new Password: a stolen token alone
	// must not be enough to take the account over.
	CurrentPassword *string
	Bio             *string
	Image           *string
}

// Limits on user fields, enforced by Validate.
const (
	MaxUsernameLen = 64
	MinPasswordLen = 8
	MaxPasswordLen = 72 // bcrypt ignores bytes past 72
	MaxEmailLen    = 254
	MaxBioLen      = 2000
	MaxImageLen    = 2000
)

// Validate reports every rule the sign-up breaks, as one EINVALID error.
func (u NewUser) Validate() error {
	var p problems
	p.username(u.Username)
	p.email(u.Email)
	p.password(u.Password)
	return p.err()
}

// Validate reports every rule the update breaks, as one EINVALID error.
func (u UserUpdate) Validate() error {
	var p problems
	if u.Username == nil && u.Email == nil && u.Password == nil && u.Bio == nil && u.Image == nil {
		p.add("user must have at least one field to update")
	}
	if u.Username != nil {
		p.username(*u.Username)
	}
	if u.Email != nil {
		p.email(*u.Email)
	}
	if u.Password != nil {
		p.password(*u.Password)
		if u.CurrentPassword == nil || *u.CurrentPassword == "" {
			p.add("currentPassword is required to change the password")
		}
	}
	if u.Bio != nil && utf8.RuneCountInString(*u.Bio) > MaxBioLen {
		p.add("bio is too long (maximum is %d characters)", MaxBioLen)
	}
	if u.Bio != nil {
		p.chars("bio", *u.Bio, true)
	}
	if u.Image != nil && len(*u.Image) > MaxImageLen {
		p.add("image is too long (maximum is %d characters)", MaxImageLen)
	}
	if u.Image != nil {
		p.chars("image", *u.Image, false)
	}
	return p.err()
}

// UserService manages accounts. Errors: EINVALID for bad input, ECONFLICT when
// the username or email is taken, EUNAUTHORIZED for wrong credentials,
// ENOTFOUND for an unknown id.
type UserService interface {
	Register(ctx context.Context, in NewUser) (*User, error)
	Login(ctx context.Context, email, password string) (*User, error)
	UserByID(ctx context.Context, id int64) (*User, error)
	UpdateUser(ctx context.Context, id int64, in UserUpdate) (*User, error)
	// RequestPasswordReset mails a single-use reset link to the account of
	// email, if there is one, and answers the same either way.
	RequestPasswordReset(ctx context.Context, email, lang string) error
	// ResetPassword sets password with a token from that link (EINVALID
	// when it is unknown, used or expired) and signs out older tokens.
	ResetPassword(ctx context.Context, token, password string) (*User, error)
}

// problems collects validation messages so a client sees all of them at once.
type problems []string

func (p *problems) add(format string, args ...any) {
	*p = append(*p, fmt.Sprintf(format, args...))
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: strings.Join(p, "; "), Details: p}
}

func (p *problems) username(s string) {
	switch {
	case strings.TrimSpace(s) == "":
		p.add("username can't be blank")
	case utf8.RuneCountInString(s) > MaxUsernameLen:
		p.add("username is too long (maximum is %d characters)", MaxUsernameLen)
	case strings.ContainsAny(s, "/?#% \t\n"):
		p.add("username may not contain spaces, '/', '?', '#' or '%%'")
	default:
		p.chars("username", s, false)
	}
}

func (p *problems) email(s string) {
	switch {
	case strings.TrimSpace(s) == "":
		p.add("email can't be blank")
	case len(s) > MaxEmailLen:
		p.add("email is too long (maximum is %d characters)", MaxEmailLen)
	default:
		if _, bad := forbiddenRune(s, false); bad {
			p.chars("email", s, false)
			return
		}
		if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
			p.add("email is invalid")
		}
	}
}

// ValidatePasswordReset reports a blank token or a password that breaks the
// sign-up rules, as one EINVALID error.
func ValidatePasswordReset(token, password string) error {
	var p problems
	if token == "" {
		p.add("token can't be blank")
	}
	p.password(password)
	return p.err()
}

func (p *problems) password(s string) {
	switch {
	case s == "":
		p.add("password can't be blank")
	case len(s) < MinPasswordLen:
		p.add("password is too short (minimum is %d characters)", MinPasswordLen)
	case len(s) > MaxPasswordLen:
		p.add("password is too long (maximum is %d bytes)", MaxPasswordLen)
	}
}

package main

import (
	"crypto/rand"
	"errors"
	"net/http"
	"net/mail"
	"strings"
	"sync"
	"unicode/utf8"

	"workbook/serve/problem"
)

// Roles, from least to most privileged.
const (
	roleReader = "reader"
	roleAuthor = "author"
	roleAdmin  = "admin"
)

// account is an account. PasswordHash is an argon2id PHC string, never the password.
type account struct {
	ID           string
	Email        string
	Role         string
	PasswordHash string
	MFAEnabled   bool // a TOTP code is required at login

	// TOTP state, kept server-side. In a database the secret would be
	// encrypted at rest: unlike a password it must be recoverable.
	totpSecret  string // base32, as the otpauth:// URI carries it
	pendingTOTP string // enrolled but not yet confirmed with a code
	lastOTPStep uint64 // the last accepted time step: a code works once
}

var (
	errEmailTaken   = errors.New("email is already registered")
	errUserNotFound = errors.New("user not found")
)

// userStore keeps users in memory, indexed by ID and by lower-cased email.
type userStore struct {
	mu      sync.RWMutex
	byID    map[string]*account
	byEmail map[string]*account
}

func newUserStore() *userStore {
	return &userStore{byID: map[string]*account{}, byEmail: map[string]*account{}}
}

func (s *userStore) create(email, password, role string, cost argon2Params) (account, error) {
	hash, err := hashPassword(cost, password)
	if err != nil {
		return account{}, err
	}
	u := &account{ID: "u_" + rand.Text()[:12], Email: strings.ToLower(email), Role: role, PasswordHash: hash}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.byEmail[u.Email]; ok {
		return account{}, errEmailTaken
	}
	s.byID[u.ID], s.byEmail[u.Email] = u, u
	return *u, nil
}

func (s *userStore) byEmailAddr(email string) (account, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.byEmail[strings.ToLower(email)]
	if !ok {
		return account{}, errUserNotFound
	}
	return *u, nil
}

func (s *userStore) get(id string) (account, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.byID[id]
	if !ok {
		return account{}, errUserNotFound
	}
	return *u, nil
}

func (s *userStore) setHash(id, hash string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u, ok := s.byID[id]; ok {
		u.PasswordHash = hash
	}
}

// credentials is the body of every password login and of signup.
type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	Role     string `json:"role,omitempty"`
	OTP      string `json:"otp,omitempty"` // the TOTP code, for accounts with MFA
}

// validateSignup returns every rule the input breaks, each with a JSON
// Pointer to its field. The password rules follow NIST SP 800-63B: a
// minimum length and a maximum generous enough for pass phrases, no
// composition rules.
func validateSignup(c credentials) []problem.FieldError {
	var invalid []problem.FieldError
	if addr, err := mail.ParseAddress(c.Email); err != nil || addr.Address != c.Email {
		invalid = append(invalid, problem.FieldError{Pointer: "/email", Detail: "email must be a plain address such as ada@example.com"})
	}
	if n := utf8.RuneCountInString(c.Password); n < 12 || n > 128 {
		invalid = append(invalid, problem.FieldError{Pointer: "/password", Detail: "password must be 12 to 128 characters"})
	}
	if c.OTP != "" {
		invalid = append(invalid, problem.FieldError{Pointer: "/otp", Detail: "otp belongs in a login, not in a signup"})
	}
	switch c.Role {
	case "", roleReader, roleAuthor:
	default:
		invalid = append(invalid, problem.FieldError{Pointer: "/role", Detail: `role must be "reader" or "author" (admins are not self-service)`})
	}
	return invalid
}

func (s *server) handleSignup(w http.ResponseWriter, r *http.Request) {
	var c credentials
	if !decodeJSON(w, r, &c) {
		return
	}
	if invalid := validateSignup(c); len(invalid) > 0 {
		writeInvalid(w, r, "the signup breaks the rules listed in errors", invalid)
		return
	}
	if c.Role == "" {
		c.Role = roleReader
	}
	u, err := s.users.create(c.Email, c.Password, c.Role, s.cfg.Argon2)
	if errors.Is(err, errEmailTaken) {
		writeProblem(w, r, http.StatusConflict, err.Error())
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.audit(r, "signup", "user", u.ID, "role", u.Role)
	writeJSON(w, http.StatusCreated, userView{ID: u.ID, Email: u.Email, Role: u.Role})
}

// userView is what the API shows of a user: never the hash.
type userView struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Role  string `json:"role"`
}

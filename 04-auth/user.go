package main

import (
	"crypto/rand"
	"errors"
	"net/http"
	"net/mail"
	"strings"
	"sync"
	"unicode/utf8"
)

// Roles, from least to most privileged.
const (
	RoleReader = "reader"
	RoleAuthor = "author"
	RoleAdmin  = "admin"
)

// User is an account. PasswordHash is an argon2id PHC string, never the password.
type User struct {
	ID           string
	Email        string
	Role         string
	PasswordHash string
	MFAEnabled   bool // a TOTP code is required at login

	// TOTP state, kept server-side. In a database the secret would be
	// encrypted at rest: unlike a password it must be recoverable.
	totpSecret  []byte
	pendingTOTP []byte // enrolled but not yet confirmed with a code
	lastOTPStep uint64 // the last accepted time step: a code works once
}

var (
	errEmailTaken   = errors.New("email is already registered")
	errUserNotFound = errors.New("user not found")
)

// userStore keeps users in memory, indexed by ID and by lower-cased email.
type userStore struct {
	mu      sync.RWMutex
	byID    map[string]*User
	byEmail map[string]*User
}

func newUserStore() *userStore {
	return &userStore{byID: map[string]*User{}, byEmail: map[string]*User{}}
}

func (s *userStore) create(email, password, role string, cost Argon2Params) (User, error) {
	hash, err := hashPassword(cost, password)
	if err != nil {
		return User{}, err
	}
	u := &User{ID: "u_" + rand.Text()[:12], Email: strings.ToLower(email), Role: role, PasswordHash: hash}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.byEmail[u.Email]; ok {
		return User{}, errEmailTaken
	}
	s.byID[u.ID], s.byEmail[u.Email] = u, u
	return *u, nil
}

func (s *userStore) byEmailAddr(email string) (User, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.byEmail[strings.ToLower(email)]
	if !ok {
		return User{}, errUserNotFound
	}
	return *u, nil
}

func (s *userStore) get(id string) (User, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.byID[id]
	if !ok {
		return User{}, errUserNotFound
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

// validateSignup returns a message for the first rule the input breaks.
// The password rules follow NIST SP 800-63B: a minimum length and a maximum
// generous enough for pass phrases, no composition rules.
func validateSignup(c credentials) string {
	if addr, err := mail.ParseAddress(c.Email); err != nil || addr.Address != c.Email {
		return "email must be a plain address such as ada@example.com"
	}
	if n := utf8.RuneCountInString(c.Password); n < 12 || n > 128 {
		return "password must be 12 to 128 characters"
	}
	if c.OTP != "" {
		return "otp belongs in a login, not in a signup"
	}
	switch c.Role {
	case "", RoleReader, RoleAuthor:
	default:
		return `role must be "reader" or "author" (admins are not self-service)`
	}
	return ""
}

func (s *Server) handleSignup(w http.ResponseWriter, r *http.Request) {
	var c credentials
	if !decodeJSON(w, r, &c) {
		return
	}
	if msg := validateSignup(c); msg != "" {
		writeProblem(w, http.StatusUnprocessableEntity, msg)
		return
	}
	if c.Role == "" {
		c.Role = RoleReader
	}
	u, err := s.users.create(c.Email, c.Password, c.Role, s.cfg.Argon2)
	if errors.Is(err, errEmailTaken) {
		writeProblem(w, http.StatusConflict, err.Error())
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

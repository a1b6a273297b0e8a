package httpapi

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"workbook/capstone/conduit"
)

func (s *Server) registerUserRoutes(r *mux.Router) {
	r.Handle("/api/users", s.limited(http.HandlerFunc(s.handleUserRegister))).Methods(http.MethodPost)
	r.Handle("/api/users/login", s.limited(http.HandlerFunc(s.handleUserLogin))).Methods(http.MethodPost)
	r.Handle("/api/users/password-reset", s.limited(http.HandlerFunc(s.handlePasswordResetRequest))).Methods(http.MethodPost)
	r.Handle("/api/users/password-reset/confirm", s.limited(http.HandlerFunc(s.handlePasswordResetConfirm))).Methods(http.MethodPost)
	r.HandleFunc("/api/user", s.handleUserGet).Methods(http.MethodGet)
	r.HandleFunc("/api/user", s.handleUserUpdate).Methods(http.MethodPut)
}

type userResponse struct {
	User userJSON `json:"user"`
}

type userJSON struct {
	Email    string `json:"email" example:"jake@jake.jake"`
	Token    string `json:"token" example:"eyJhbGciOiJIUzI1NiJ9..."`
	Username string `json:"username" example:"jake"`
	Bio      string `json:"bio" example:"I work at statefarm"`
	Image    string `json:"image" example:"https://i.stack.imgur.com/xHWG8.jpg"`
}

type newUserRequest struct {
	User *struct {
		Username string `json:"username" example:"jake"`
		Email    string `json:"email" example:"jake@jake.jake"`
		Password string `json:"password" example:"jakejake"`
	} `json:"user"`
}

type loginRequest struct {
	User *struct {
		Email    string `json:"email" example:"jake@jake.jake"`
		Password string `json:"password" example:"jakejake"`
	} `json:"user"`
}

type updateUserRequest struct {
	User *struct {
		Email    *string `json:"email"`
		Username *string `json:"username"`
		Password *string `json:"password"`
		// CurrentPassword is required with password (an extension of the
		// RealWorld spec: a stolen token alone cannot change the password).
		CurrentPassword *string `json:"currentPassword"`
		Bio             *string `json:"bio"`
		Image           *string `json:"image"`
	} `json:"user"`
}

// handleUserRegister godoc
//
//	@Summary	Register a new user
//	@Tags		User and Authentication
//	@Accept		json
//	@Produce	json
//	@Param		body	body		newUserRequest	true	"Details of the new user to register"
//	@Success	201		{object}	userResponse
//	@Failure	400		{object}	errorResponse	"malformed JSON"
//	@Failure	413		{object}	errorResponse	"body too large"
//	@Failure	415		{object}	errorResponse	"not JSON"
//	@Failure	422		{object}	errorResponse	"invalid input or taken username/email"
//	@Failure	429		{object}	errorResponse	"too many attempts"
//	@Router		/users [post]
func (s *Server) handleUserRegister(w http.ResponseWriter, r *http.Request) {
	var req newUserRequest
	if !s.decode(w, r, &req) {
		return
	}
	if req.User == nil {
		writeErrors(w, http.StatusUnprocessableEntity, "user is required")
		return
	}
	u, err := s.users.Register(r.Context(), conduit.NewUser{Username: req.User.Username, Email: req.User.Email, Password: req.User.Password, Lang: r.Header.Get("Accept-Language")})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeUser(w, r, http.StatusCreated, u)
}

// handleUserLogin godoc
//
//	@Summary	Existing user login
//	@Tags		User and Authentication
//	@Accept		json
//	@Produce	json
//	@Param		body	body		loginRequest	true	"Credentials to use"
//	@Success	200		{object}	userResponse
//	@Failure	400		{object}	errorResponse	"malformed JSON"
//	@Failure	401		{object}	errorResponse	"wrong email or password"
//	@Failure	422		{object}	errorResponse	"missing fields"
//	@Failure	429		{object}	errorResponse	"too many attempts"
//	@Router		/users/login [post]
func (s *Server) handleUserLogin(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if !s.decode(w, r, &req) {
		return
	}
	if req.User == nil {
		writeErrors(w, http.StatusUnprocessableEntity, "user is required")
		return
	}
	u, err := s.users.Login(r.Context(), req.User.Email, req.User.Password)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeUser(w, r, http.StatusOK, u)
}

// handleUserGet godoc
//
//	@Summary	Get current user
//	@Tags		User and Authentication
//	@Produce	json
//	@Security	Token
//	@Success	200	{object}	userResponse
//	@Failure	401	{object}	errorResponse
//	@Router		/user [get]
func (s *Server) handleUserGet(w http.ResponseWriter, r *http.Request) {
	id, ok := requireUser(w, r)
	if !ok {
		return
	}
	u, err := s.users.UserByID(r.Context(), id)
	if conduit.ErrorCode(err) == conduit.ENOTFOUND {
		// The token is valid but its user was deleted: the credentials are stale.
		writeErrors(w, http.StatusUnauthorized, "token is invalid or expired")
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeUser(w, r, http.StatusOK, u)
}

// handleUserUpdate godoc
//
//	@Summary	Update current user
//	@Tags		User and Authentication
//	@Accept		json
//	@Produce	json
//	@Security	Token
//	@Param		body	body		updateUserRequest	true	"User details to update. At least one field is required; a new password needs currentPassword."
//	@Success	200		{object}	userResponse
//	@Failure	400		{object}	errorResponse
//	@Failure	401		{object}	errorResponse
//	@Failure	403		{object}	errorResponse	"currentPassword is wrong"
//	@Failure	422		{object}	errorResponse
//	@Failure	429		{object}	errorResponse	"too many password changes"
//	@Failure	503		{object}	errorResponse	"too much password hashing at once"
//	@Router		/user [put]
func (s *Server) handleUserUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := requireUser(w, r)
	if !ok {
		return
	}
	var req updateUserRequest
	if !s.decode(w, r, &req) {
		return
	}
	if req.User == nil {
		writeErrors(w, http.StatusUnprocessableEntity, "user is required")
		return
	}
	// Each attempt costs two bcrypt runs; one account gets a few per hour.
	if req.User.Password != nil && tooMany(w, s.passwordLimiter, strconv.FormatInt(id, 10)) {
		return
	}
	u, err := s.users.UpdateUser(r.Context(), id, conduit.UserUpdate{
		Email: req.User.Email, Username: req.User.Username, Password: req.User.Password,
		CurrentPassword: req.User.CurrentPassword, Bio: req.User.Bio, Image: req.User.Image,
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeUser(w, r, http.StatusOK, u)
}

// writeUser answers with u and a fresh token.
func (s *Server) writeUser(w http.ResponseWriter, r *http.Request, status int, u *conduit.User) {
	token, err := s.tokens.Issue(u.ID, u.TokenGen)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, status, userResponse{User: toUserJSON(u, token)})
}

func toUserJSON(u *conduit.User, token string) userJSON {
	return userJSON{Email: u.Email, Token: token, Username: u.Username, Bio: u.Bio, Image: u.Image}
}

type resetRequest struct {
	User *struct {
		Email string `json:"email" example:"jake@jake.jake"`
	} `json:"user"`
}

type resetConfirmRequest struct {
	User *struct {
		Token    string `json:"token" example:"a1B2c3…"`
		Password string `json:"password" example:"a-new-password"`
	} `json:"user"`
}

// handlePasswordResetRequest godoc
//
//	@Summary		Ask for a password-reset link
//	@Description	Mails a link that works once, for an hour, to the account of the email, if there is one. The answer is the same either way, so it does not tell which emails have accounts. Rate-limited like login. Not part of the RealWorld spec.
//	@Tags			User and Authentication
//	@Accept			json
//	@Produce		json
//	@Param			body	body		resetRequest	true	"The account's email"
//	@Success		202		{object}	statusResponse
//	@Failure		422		{object}	errorResponse
//	@Failure		429		{object}	errorResponse
//	@Router			/users/password-reset [post]
func (s *Server) handlePasswordResetRequest(w http.ResponseWriter, r *http.Request) {
	var req resetRequest
	if !s.decode(w, r, &req) {
		return
	}
	if req.User == nil {
		writeErrors(w, http.StatusUnprocessableEntity, "user is required")
		return
	}
	if err := s.users.RequestPasswordReset(r.Context(), req.User.Email, r.Header.Get("Accept-Language")); err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, statusResponse{Status: "if an account has this email, a reset link is on its way"})
}

// handlePasswordResetConfirm godoc
//
//	@Summary		Set a new password with a reset token
//	@Description	The token comes from the emailed link and works once; every token issued before is signed out. Not part of the RealWorld spec.
//	@Tags			User and Authentication
//	@Accept			json
//	@Produce		json
//	@Param			body	body		resetConfirmRequest	true	"The token and the new password"
//	@Success		200		{object}	userResponse
//	@Failure		422		{object}	errorResponse	"token invalid or expired, or a bad password"
//	@Failure		429		{object}	errorResponse
//	@Router			/users/password-reset/confirm [post]
func (s *Server) handlePasswordResetConfirm(w http.ResponseWriter, r *http.Request) {
	var req resetConfirmRequest
	if !s.decode(w, r, &req) {
		return
	}
	if req.User == nil {
		writeErrors(w, http.StatusUnprocessableEntity, "user is required")
		return
	}
	u, err := s.users.ResetPassword(r.Context(), req.User.Token, req.User.Password)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeUser(w, r, http.StatusOK, u)
}

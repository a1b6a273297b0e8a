package httpapi

import (
	"net/http"

	"github.com/gorilla/mux"

	"workbook/capstone/conduit"
)

func (s *Server) registerProfileRoutes(r *mux.Router) {
	r.HandleFunc("/api/profiles/{username}", s.handleProfileGet).Methods(http.MethodGet)
	r.HandleFunc("/api/profiles/{username}/follow", s.handleProfileFollow).Methods(http.MethodPost)
	r.HandleFunc("/api/profiles/{username}/follow", s.handleProfileUnfollow).Methods(http.MethodDelete)
}

type profileResponse struct {
	Profile profileJSON `json:"profile"`
}

type profileJSON struct {
	Username  string `json:"username" example:"jake"`
	Bio       string `json:"bio" example:"I work at statefarm"`
	Image     string `json:"image" example:"https://i.stack.imgur.com/xHWG8.jpg"`
	Following bool   `json:"following"`
}

// handleProfileGet godoc
//
//	@Summary	Get a profile
//	@Tags		Profile
//	@Produce	json
//	@Param		username	path		string	true	"Username of the profile to get"
//	@Success	200			{object}	profileResponse
//	@Failure	401			{object}	errorResponse	"bad token"
//	@Failure	404			{object}	errorResponse
//	@Router		/profiles/{username} [get]
func (s *Server) handleProfileGet(w http.ResponseWriter, r *http.Request) {
	p, err := s.profiles.Profile(r.Context(), viewer(r), mux.Vars(r)["username"])
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, profileResponse{Profile: toProfileJSON(*p)})
}

// handleProfileFollow godoc
//
//	@Summary	Follow a user
//	@Tags		Profile
//	@Produce	json
//	@Security	Token
//	@Param		username	path		string	true	"Username of the profile you want to follow"
//	@Success	200			{object}	profileResponse
//	@Failure	401			{object}	errorResponse
//	@Failure	404			{object}	errorResponse
//	@Failure	422			{object}	errorResponse	"following yourself"
//	@Router		/profiles/{username}/follow [post]
func (s *Server) handleProfileFollow(w http.ResponseWriter, r *http.Request) {
	id, ok := requireUser(w, r)
	if !ok {
		return
	}
	p, err := s.profiles.Follow(r.Context(), id, mux.Vars(r)["username"])
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, profileResponse{Profile: toProfileJSON(*p)})
}

// handleProfileUnfollow godoc
//
//	@Summary	Unfollow a user
//	@Tags		Profile
//	@Produce	json
//	@Security	Token
//	@Param		username	path		string	true	"Username of the profile you want to unfollow"
//	@Success	200			{object}	profileResponse
//	@Failure	401			{object}	errorResponse
//	@Failure	404			{object}	errorResponse
//	@Router		/profiles/{username}/follow [delete]
func (s *Server) handleProfileUnfollow(w http.ResponseWriter, r *http.Request) {
	id, ok := requireUser(w, r)
	if !ok {
		return
	}
	p, err := s.profiles.Unfollow(r.Context(), id, mux.Vars(r)["username"])
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, profileResponse{Profile: toProfileJSON(*p)})
}

func toProfileJSON(p conduit.Profile) profileJSON {
	return profileJSON{Username: p.Username, Bio: p.Bio, Image: p.Image, Following: p.Following}
}

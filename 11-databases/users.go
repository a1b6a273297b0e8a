package main

import "net/http"

// handleUserCreate serves POST /users. A duplicate username or email is a
// 409 decided by the database's UNIQUE constraints (SQLSTATE 23505).
func (h *handlers) handleUserCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Username string `json:"username"`
		Email    string `json:"email"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	u, err := h.store.CreateUser(r.Context(), in.Username, in.Email)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": u.ID, "username": u.Username, "email": u.Email})
}

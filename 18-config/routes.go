package main

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"workbook/serve/problem"
)

// redacted stands in for every secret that is set, wherever a value is shown.
const redacted = "[redacted]"

// routes is the service's handler tree. Each handler takes one snapshot of
// the configuration and uses only that one.
func routes(lv *live) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /config", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(view(lv.current(), *lv.status.Load()))
	})
	mux.HandleFunc("GET /hello", func(w http.ResponseWriter, r *http.Request) {
		s := lv.current().settings
		http.SetCookie(w, &http.Cookie{Name: "seen", Value: "1", Path: "/", HttpOnly: true, Secure: s.CookieSecure, SameSite: http.SameSiteLaxMode})
		fmt.Fprintln(w, s.Greeting)
	})
	mux.HandleFunc("GET /admin", func(w http.ResponseWriter, r *http.Request) {
		key := lv.current().settings.APIKey
		if !key.isSet() {
			problem.Error(w, r, http.StatusServiceUnavailable, "no API key is configured: set API_KEY or API_KEY_FILE")
			return
		}
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(key.reveal())) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="admin"`)
			problem.Error(w, r, http.StatusUnauthorized, "a valid bearer token is required")
			return
		}
		fmt.Fprintln(w, "admin: authorized")
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	return problem.Routes(mux)
}

// setting is one key of the provenance view.
type setting struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Source string `json:"source"`
}

type configView struct {
	Env      string       `json:"env"`
	Settings []setting    `json:"settings"`
	Reload   reloadStatus `json:"reload"`
}

// view is the effective configuration as it may be shown: every key, its
// value with secrets redacted, and the layer it came from.
func view(l *loaded, st reloadStatus) configView {
	v := configView{Env: l.profile, Reload: st}
	for _, o := range l.origins {
		s := setting{Key: o.key.name, Value: o.text, Source: o.source}
		switch {
		case o.source == "":
			s.Source = "unset"
		case o.key.secret:
			s.Value = redacted
		}
		v.Settings = append(v.Settings, s)
	}
	return v
}

//go:build solution

package cors

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

func (c Config) allowOrigin(origin string) bool {
	return origin != "" && (slices.Contains(c.AllowedOrigins, "*") || slices.Contains(c.AllowedOrigins, origin))
}

// allowOriginValue is what goes into Access-Control-Allow-Origin. With
// credentials the spec forbids "*", so the origin is echoed instead.
func (c Config) allowOriginValue(origin string) string {
	if slices.Contains(c.AllowedOrigins, "*") && !c.AllowCredentials {
		return "*"
	}
	return origin
}

func (c Config) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Add("Vary", "Origin")
		origin := r.Header.Get("Origin")
		reqMethod := r.Header.Get("Access-Control-Request-Method")

		if r.Method != http.MethodOptions || reqMethod == "" {
			if c.allowOrigin(origin) {
				h.Set("Access-Control-Allow-Origin", c.allowOriginValue(origin))
				if c.AllowCredentials {
					h.Set("Access-Control-Allow-Credentials", "true")
				}
				if exposed := strings.Join(c.ExposedHeaders, ", "); exposed != "" {
					h.Set("Access-Control-Expose-Headers", exposed)
				}
			}
			next.ServeHTTP(w, r)
			return
		}

		// A preflight: answered here, never passed on.
		h.Add("Vary", "Access-Control-Request-Method")
		h.Add("Vary", "Access-Control-Request-Headers")
		switch {
		case !c.allowOrigin(origin):
			refuse(w, "origin "+strconv.Quote(origin)+" is not allowed")
			return
		case !slices.Contains(c.AllowedMethods, reqMethod):
			refuse(w, "method "+reqMethod+" is not allowed")
			return
		}
		var asked []string
		for _, name := range strings.Split(r.Header.Get("Access-Control-Request-Headers"), ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if !slices.ContainsFunc(c.AllowedHeaders, func(a string) bool { return strings.EqualFold(a, name) }) {
				refuse(w, "header "+name+" is not allowed")
				return
			}
			asked = append(asked, name)
		}
		h.Set("Access-Control-Allow-Origin", c.allowOriginValue(origin))
		if c.AllowCredentials {
			h.Set("Access-Control-Allow-Credentials", "true")
		}
		h.Set("Access-Control-Allow-Methods", strings.Join(c.AllowedMethods, ", "))
		if allowed := strings.Join(asked, ", "); allowed != "" {
			h.Set("Access-Control-Allow-Headers", allowed)
		}
		if c.MaxAge > 0 {
			h.Set("Access-Control-Max-Age", strconv.Itoa(int(c.MaxAge.Seconds())))
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

func refuse(w http.ResponseWriter, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusForbidden)
	w.Write([]byte(`{"type":"about:blank","title":"Forbidden","status":403,"detail":` + strconv.Quote("CORS preflight refused: "+detail) + "}\n"))
}

// Package cors implements Cross-Origin Resource Sharing for an API:
// labelling responses for allowed origins and answering preflights.
package cors

import "time"

// Config lists what other origins' scripts may do.
type Config struct {
	AllowedOrigins   []string      // exact origins ("https://app.example"); "*" allows any
	AllowedMethods   []string      // methods a preflight may ask for (case-sensitive)
	AllowedHeaders   []string      // request headers a preflight may ask for (case-insensitive)
	ExposedHeaders   []string      // response headers scripts may read
	AllowCredentials bool          // cookies / Authorization allowed on cross-origin requests
	MaxAge           time.Duration // how long browsers may cache a preflight answer
}

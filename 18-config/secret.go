package main

// secret holds a password or token out of reach of everything that prints
// values by reflection. fmt, slog and encoding/json walk a struct's fields,
// but a func value is opaque to them: fmt prints its address, and
// encoding/json skips the unexported field. Only code that calls reveal, on
// purpose, sees the text. (Exercise 3 builds the other defence: a type that
// answers every formatting interface with "[REDACTED]".)
type secret struct {
	get func() string
}

func newSecret(v string) secret {
	if v == "" {
		return secret{}
	}
	return secret{get: func() string { return v }}
}

// reveal returns the secret's text; call it only where the secret is used.
func (s secret) reveal() string {
	if s.get == nil {
		return ""
	}
	return s.get()
}

func (s secret) isSet() bool { return s.get != nil }

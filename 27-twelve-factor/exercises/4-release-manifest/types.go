// Package manifest is exercise 4 of chapter 27: a release manifest whose
// hash names exactly one build and one config.
package manifest

// Build is what a binary says about itself (runtime/debug.ReadBuildInfo).
type Build struct {
	Module   string
	Version  string
	Revision string
	Modified bool
	Deps     map[string]string // module path → version
}

// Manifest is a release's canonical description.
type Manifest struct {
	Body   []byte // canonical JSON: {"build":{…},"config":{…}}
	SHA256 string // lowercase hex SHA-256 of Body
}

// Redacted is what a secret becomes when New has no HMAC key.
const Redacted = "[redacted]"

// URLMarker replaces a URL's password when New has no HMAC key (what
// net/url's Redacted writes).
const URLMarker = "xxxxx"

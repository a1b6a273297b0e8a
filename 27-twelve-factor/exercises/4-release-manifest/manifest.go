//go:build !solution

package manifest

import "errors"

// New builds the manifest of build b with the environment config,
// secrets replaced by their HMAC under key (or by markers without one).
func New(b Build, config map[string]string, key []byte) (Manifest, error) {
	return Manifest{}, errors.New("not implemented: edit exercises/4-release-manifest/manifest.go")
}

// IsSecretName reports whether a config variable holds a secret by its name.
// not implemented: edit exercises/4-release-manifest/manifest.go
func IsSecretName(name string) bool { return false }

//go:build solution

package manifest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// New builds the manifest of build b with the environment config,
// secrets replaced by their HMAC under key (or by markers without one).
func New(b Build, config map[string]string, key []byte) (Manifest, error) {
	for _, s := range []string{b.Module, b.Version, b.Revision} {
		if !utf8.ValidString(s) {
			return Manifest{}, fmt.Errorf("build field %q is not UTF-8", s)
		}
	}
	for path, v := range b.Deps {
		if !utf8.ValidString(path) || !utf8.ValidString(v) {
			return Manifest{}, fmt.Errorf("dependency %q is not UTF-8", path)
		}
	}
	shown := make(map[string]string, len(config))
	for name, v := range config {
		if name == "" || strings.ContainsAny(name, "=\x00") || !utf8.ValidString(name) {
			return Manifest{}, fmt.Errorf("config name %q is not a variable name", name)
		}
		if !utf8.ValidString(v) {
			return Manifest{}, fmt.Errorf("config %s is not UTF-8", name)
		}
		shown[name] = redact(name, v, key)
	}

	var buf bytes.Buffer
	buf.WriteString(`{"build":{"deps":`)
	writeObject(&buf, b.Deps)
	fmt.Fprintf(&buf, `,"modified":%t,"module":`, b.Modified)
	writeString(&buf, b.Module)
	buf.WriteString(`,"revision":`)
	writeString(&buf, b.Revision)
	buf.WriteString(`,"version":`)
	writeString(&buf, b.Version)
	buf.WriteString(`},"config":`)
	writeObject(&buf, shown)
	buf.WriteString(`}`)
	sum := sha256.Sum256(buf.Bytes())
	return Manifest{Body: buf.Bytes(), SHA256: hex.EncodeToString(sum[:])}, nil
}

// IsSecretName reports whether a config variable holds a secret by its name.
func IsSecretName(name string) bool {
	last := strings.ToUpper(name[strings.LastIndex(name, "_")+1:])
	return slices.Contains([]string{"PASSWORD", "SECRET", "TOKEN", "KEY"}, last)
}

// redact hides a secret-named value whole, and a URL's password in place.
func redact(name, v string, key []byte) string {
	digest := func(secret string) string {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(name + "\x00" + secret))
		return hex.EncodeToString(m.Sum(nil))
	}
	if IsSecretName(name) {
		if len(key) == 0 {
			return Redacted
		}
		return "hmac-sha256:" + digest(v)
	}
	u, err := url.Parse(v)
	if err != nil {
		return v
	}
	pw, ok := u.User.Password() // nil-safe: no user info, no password
	if !ok {
		return v
	}
	marker := URLMarker
	if len(key) > 0 {
		marker = "hmac-" + digest(pw)
	}
	u.User = url.UserPassword(u.User.Username(), marker)
	return u.String()
}

// writeObject writes m with its keys in byte order.
func writeObject(buf *bytes.Buffer, m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	buf.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		writeString(buf, k)
		buf.WriteByte(':')
		writeString(buf, m[k])
	}
	buf.WriteByte('}')
}

// writeString writes s as a JSON string, escaping only what JSON requires
// (encoding/json's escaping without its HTML-safe \u003c).
func writeString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)           // a valid UTF-8 string always encodes
	buf.Truncate(buf.Len() - 1) // Encode's newline
}

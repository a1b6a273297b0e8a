package main

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// argon2Params are the cost parameters of argon2id.
//
// defaultArgon2 follows the OWASP Password Storage Cheat Sheet's first
// argon2id option: 19 MiB of memory, 2 passes, 1 lane. Memory is what makes
// an attacker's GPU expensive (each guess needs its own 19 MiB), and 2 passes
// keep one login around 20–40 ms on a laptop core, so a login burst cannot
// exhaust the server. Raise Memory first when hardware allows; record the
// parameters in every hash (the PHC string does) so they can change later.
type argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over memory
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// defaultArgon2 is the production cost. Tests use a cheaper one.
var defaultArgon2 = argon2Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

var errBadHash = errors.New("password: malformed argon2id hash")

// hashPassword returns an encoded hash in the PHC string format:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>
func hashPassword(p argon2Params, password string) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// parseHash reads the parameters, salt and key back out of an encoded hash.
func parseHash(encoded string) (p argon2Params, salt, key []byte, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, errBadHash
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, nil, nil, errBadHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil {
		return p, nil, nil, errBadHash
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// verifyPassword reports whether password matches encoded. The comparison
// is constant-time so the response time does not leak how many bytes matched.
func verifyPassword(encoded, password string) (bool, error) {
	p, salt, key, err := parseHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// needsRehash reports whether encoded was made with weaker parameters than
// want; login rehashes such passwords while it has the plaintext in hand.
func needsRehash(encoded string, want argon2Params) bool {
	p, _, _, err := parseHash(encoded)
	return err != nil || p.Memory < want.Memory || p.Time < want.Time || p.Threads != want.Threads || p.KeyLen < want.KeyLen
}

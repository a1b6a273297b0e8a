//go:build solution

package totp

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"hash"
	"time"
)

// HOTP implements RFC 4226 §5.3: HMAC over the 8-byte big-endian counter,
// dynamic truncation to 31 bits, then the low decimal digits.
func HOTP(secret []byte, counter uint64, digits int, alg Algorithm) (string, error) {
	if len(secret) == 0 || digits < 6 || digits > 8 {
		return "", ErrInvalid
	}
	var h func() hash.Hash
	switch alg {
	case SHA1:
		h = sha1.New
	case SHA256:
		h = sha256.New
	case SHA512:
		h = sha512.New
	default:
		return "", ErrInvalid
	}
	mac := hmac.New(h, secret)
	mac.Write(binary.BigEndian.AppendUint64(nil, counter))
	sum := mac.Sum(nil)
	offset := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[offset:offset+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod), nil
}

func (o Options) withDefaults() (Options, error) {
	if o.Digits == 0 {
		o.Digits = 6
	}
	if o.Period == 0 {
		o.Period = 30 * time.Second
	}
	if o.Period < time.Second || o.Skew < 0 {
		return o, ErrInvalid
	}
	return o, nil
}

// counter is T = floor((unix time - T0) / X) with T0 = 0.
func counter(t time.Time, period time.Duration) (uint64, error) {
	if t.Unix() < 0 {
		return 0, ErrInvalid
	}
	return uint64(t.Unix()) / uint64(period/time.Second), nil
}

// Generate returns the code for the time step that contains t.
func Generate(secret []byte, t time.Time, opts Options) (string, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return "", err
	}
	c, err := counter(t, o.Period)
	if err != nil {
		return "", err
	}
	return HOTP(secret, c, o.Digits, o.Algorithm)
}

// Validate tries each step in [now-Skew, now+Skew]. It does not stop at the
// first match, so the time taken does not reveal which step matched.
func Validate(secret []byte, code string, t time.Time, opts Options) bool {
	o, err := opts.withDefaults()
	if err != nil || len(code) != o.Digits {
		return false
	}
	c, err := counter(t, o.Period)
	if err != nil {
		return false
	}
	ok := 0
	for d := -o.Skew; d <= o.Skew; d++ {
		if d < 0 && uint64(-d) > c {
			continue
		}
		want, err := HOTP(secret, uint64(int64(c)+int64(d)), o.Digits, o.Algorithm)
		if err != nil {
			return false
		}
		ok |= subtle.ConstantTimeCompare([]byte(want), []byte(code))
	}
	return ok == 1
}

//go:build solution

package money

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Parse reads a decimal amount such as "-12.5" in currency.
func Parse(amount, currency string) (Money, error) {
	exp, ok := exponents[currency]
	if !ok {
		return Money{}, fmt.Errorf("%w: %q", ErrUnknownCurrency, currency)
	}
	s := amount
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	if !allDigits(whole) || (hasPoint && !allDigits(frac)) {
		return Money{}, fmt.Errorf("%w: %q", ErrBadAmount, amount)
	}
	if len(frac) > exp {
		return Money{}, fmt.Errorf("%w: %q has %d decimals, %s has %d", ErrPrecision, amount, len(frac), currency, exp)
	}
	// Pad the fraction to the currency's exponent and read the digits as
	// one unsigned integer of minor units: "12.5" EUR → "1250".
	digits := strings.TrimLeft(whole+frac+strings.Repeat("0", exp-len(frac)), "0")
	if digits == "" {
		return Money{Currency: currency}, nil
	}
	u, err := strconv.ParseUint(digits, 10, 64)
	if err != nil {
		return Money{}, fmt.Errorf("%w: %q", ErrOverflow, amount)
	}
	// int64 holds one more negative value than positive.
	switch {
	case !neg && u <= math.MaxInt64:
		return Money{Minor: int64(u), Currency: currency}, nil
	case neg && u <= math.MaxInt64+1:
		return Money{Minor: int64(-u), Currency: currency}, nil // -u wraps to the right value for MinInt64
	default:
		return Money{}, fmt.Errorf("%w: %q", ErrOverflow, amount)
	}
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Amount formats the amount with exactly the currency's number of
// decimals: "12.50", "-0.05", "1000" (JPY).
func (m Money) Amount() string {
	exp := exponents[m.Currency]
	// Format the magnitude as unsigned so that MinInt64 has no overflow.
	u := uint64(m.Minor)
	sign := ""
	if m.Minor < 0 {
		u, sign = -u, "-"
	}
	s := strconv.FormatUint(u, 10)
	if exp == 0 {
		return sign + s
	}
	if len(s) <= exp {
		s = strings.Repeat("0", exp-len(s)+1) + s
	}
	return sign + s[:len(s)-exp] + "." + s[len(s)-exp:]
}

// String formats m as "12.50 EUR".
func (m Money) String() string {
	return m.Amount() + " " + m.Currency
}

// Add returns m + o. Both must have the same currency.
func (m Money) Add(o Money) (Money, error) {
	if m.Currency != o.Currency {
		return Money{}, fmt.Errorf("%w: %s + %s", ErrCurrencyMismatch, m.Currency, o.Currency)
	}
	sum := m.Minor + o.Minor
	// Overflow happened when both operands have the same sign and the sum's differs.
	if (m.Minor >= 0) == (o.Minor >= 0) && (sum >= 0) != (m.Minor >= 0) {
		return Money{}, fmt.Errorf("%w: %s + %s", ErrOverflow, m, o)
	}
	return Money{Minor: sum, Currency: m.Currency}, nil
}

type moneyJSON struct {
	Amount   json.RawMessage `json:"amount"`
	Currency string          `json:"currency"`
}

// MarshalJSON writes {"amount":"12.50","currency":"EUR"}. The amount is a
// string so that no reader parses it into a float.
func (m Money) MarshalJSON() ([]byte, error) {
	if _, ok := exponents[m.Currency]; !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownCurrency, m.Currency)
	}
	return json.Marshal(struct {
		Amount   string `json:"amount"`
		Currency string `json:"currency"`
	}{m.Amount(), m.Currency})
}

// UnmarshalJSON reads {"amount": "12.50" or 12.50, "currency": "EUR"}.
// A JSON number is taken from its literal text, never through float64.
func (m *Money) UnmarshalJSON(data []byte) error {
	var raw moneyJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("%w: %v", ErrBadAmount, err)
	}
	text := string(raw.Amount)
	switch {
	case len(raw.Amount) == 0 || bytes.Equal(raw.Amount, []byte("null")):
		return fmt.Errorf("%w: amount is missing", ErrBadAmount)
	case raw.Amount[0] == '"':
		if err := json.Unmarshal(raw.Amount, &text); err != nil {
			return fmt.Errorf("%w: %v", ErrBadAmount, err)
		}
	}
	v, err := Parse(text, raw.Currency)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

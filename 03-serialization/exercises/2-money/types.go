// Package money is an amount of money that survives JSON exactly: no
// float64 anywhere between the text and the integer count of minor units.
package money

import "errors"

// Money is an amount in minor units (cents for EUR, yen for JPY) of one
// currency. The zero value is not a valid Money: it has no currency.
type Money struct {
	Minor    int64
	Currency string // ISO 4217 code, e.g. "EUR"
}

// exponents is how many decimal places each supported currency has
// (ISO 4217 "minor unit").
//
//lint:ignore U1000 provided for the learner's implementation
var exponents = map[string]int{
	"EUR": 2, "USD": 2, "GBP": 2, "CHF": 2,
	"JPY": 0, "KRW": 0,
	"BHD": 3, "KWD": 3,
}

// Errors; test them with errors.Is.
var (
	ErrBadAmount        = errors.New("money: malformed amount")
	ErrUnknownCurrency  = errors.New("money: unknown currency")
	ErrPrecision        = errors.New("money: more decimals than the currency has")
	ErrOverflow         = errors.New("money: amount out of range")
	ErrCurrencyMismatch = errors.New("money: different currencies")
)

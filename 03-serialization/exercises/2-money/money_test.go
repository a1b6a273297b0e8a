package money

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		amount, currency string
		want             int64
		wantErr          error
	}{
		{"12.50", "EUR", 1250, nil},
		{"12.5", "EUR", 1250, nil},
		{"12", "EUR", 1200, nil},
		{"0.01", "USD", 1, nil},
		{"-0.05", "USD", -5, nil},
		{"-0.00", "EUR", 0, nil},
		{"007.50", "EUR", 750, nil},
		{"1000", "JPY", 1000, nil},
		{"0", "EUR", 0, nil},
		{"-0", "JPY", 0, nil},
		{"9.99", "EUR", 999, nil},
		{"0.5", "BHD", 500, nil},
		{"1.23", "KWD", 1230, nil},
		{"9223372036854775807", "JPY", 9223372036854775807, nil},
		{"-9223372036854775808", "KRW", -9223372036854775808, nil},
		{"9223372036854775808", "JPY", 0, ErrOverflow},
		{"18446744073709551616", "JPY", 0, ErrOverflow},
		{"-18446744073709551615", "JPY", 0, ErrOverflow},
		{"1.2.3", "EUR", 0, ErrBadAmount},
		{"1.-2", "EUR", 0, ErrBadAmount},
		{"1a", "EUR", 0, ErrBadAmount},
		{"a1", "EUR", 0, ErrBadAmount},
		{"1/2", "EUR", 0, ErrBadAmount},
		{"1:0", "EUR", 0, ErrBadAmount},
		{"1.0", "JPY", 0, ErrPrecision},
		{"1.2345", "BHD", 0, ErrPrecision},
		{"1.234", "BHD", 1234, nil},
		{"92233720368547758.07", "EUR", 9223372036854775807, nil},
		{"-92233720368547758.08", "EUR", -9223372036854775808, nil},
		{"92233720368547758.08", "EUR", 0, ErrOverflow},
		{"-92233720368547758.09", "EUR", 0, ErrOverflow},
		{"99999999999999999999999", "JPY", 0, ErrOverflow},
		{"1.234", "EUR", 0, ErrPrecision},
		{"1.230", "EUR", 0, ErrPrecision},
		{"100.5", "JPY", 0, ErrPrecision},
		{"", "EUR", 0, ErrBadAmount},
		{"-", "EUR", 0, ErrBadAmount},
		{"1.", "EUR", 0, ErrBadAmount},
		{".5", "EUR", 0, ErrBadAmount},
		{"+1", "EUR", 0, ErrBadAmount},
		{"1e3", "EUR", 0, ErrBadAmount},
		{"1,50", "EUR", 0, ErrBadAmount},
		{" 1", "EUR", 0, ErrBadAmount},
		{"NaN", "EUR", 0, ErrBadAmount},
		{"--1", "EUR", 0, ErrBadAmount},
		{"1", "eur", 0, ErrUnknownCurrency},
		{"1", "XXX", 0, ErrUnknownCurrency},
		{"1", "", 0, ErrUnknownCurrency},
	}
	for _, tc := range tests {
		got, err := Parse(tc.amount, tc.currency)
		if tc.wantErr != nil {
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("Parse(%q, %q) = %v, %v; want error %v", tc.amount, tc.currency, got, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != (Money{Minor: tc.want, Currency: tc.currency}) {
			t.Errorf("Parse(%q, %q) = %+v, %v; want {%d %s}, nil", tc.amount, tc.currency, got, err, tc.want, tc.currency)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		m    Money
		want string
	}{
		{Money{1250, "EUR"}, "12.50 EUR"},
		{Money{5, "EUR"}, "0.05 EUR"},
		{Money{-5, "USD"}, "-0.05 USD"},
		{Money{0, "EUR"}, "0.00 EUR"},
		{Money{12, "EUR"}, "0.12 EUR"},
		{Money{-12, "EUR"}, "-0.12 EUR"},
		{Money{123, "BHD"}, "0.123 BHD"},
		{Money{1234, "BHD"}, "1.234 BHD"},
		{Money{100, "EUR"}, "1.00 EUR"},
		{Money{0, "JPY"}, "0 JPY"},
		{Money{-7, "KRW"}, "-7 KRW"},
		{Money{1000, "JPY"}, "1000 JPY"},
		{Money{-1, "BHD"}, "-0.001 BHD"},
		{Money{-9223372036854775808, "EUR"}, "-92233720368547758.08 EUR"},
		{Money{9223372036854775807, "JPY"}, "9223372036854775807 JPY"},
	}
	for _, tc := range tests {
		if got := tc.m.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.m, got, tc.want)
		}
	}
}

func TestAdd(t *testing.T) {
	tests := []struct {
		a, b    Money
		want    Money
		wantErr error
	}{
		{Money{10, "EUR"}, Money{20, "EUR"}, Money{30, "EUR"}, nil},
		{Money{-10, "EUR"}, Money{5, "EUR"}, Money{-5, "EUR"}, nil},
		{Money{10, "EUR"}, Money{20, "USD"}, Money{}, ErrCurrencyMismatch},
		{Money{9223372036854775807, "EUR"}, Money{1, "EUR"}, Money{}, ErrOverflow},
		{Money{-9223372036854775808, "EUR"}, Money{-1, "EUR"}, Money{}, ErrOverflow},
		{Money{9223372036854775807, "EUR"}, Money{-9223372036854775808, "EUR"}, Money{-1, "EUR"}, nil},
		{Money{0, "EUR"}, Money{0, "EUR"}, Money{0, "EUR"}, nil},
		{Money{5, "EUR"}, Money{-5, "EUR"}, Money{0, "EUR"}, nil},
		{Money{-5, "EUR"}, Money{5, "EUR"}, Money{0, "EUR"}, nil},
		{Money{0, "EUR"}, Money{-9223372036854775808, "EUR"}, Money{-9223372036854775808, "EUR"}, nil},
		{Money{-9223372036854775808, "EUR"}, Money{0, "EUR"}, Money{-9223372036854775808, "EUR"}, nil},
		{Money{0, "EUR"}, Money{9223372036854775807, "EUR"}, Money{9223372036854775807, "EUR"}, nil},
		{Money{9223372036854775807, "EUR"}, Money{0, "EUR"}, Money{9223372036854775807, "EUR"}, nil},
		{Money{-1, "EUR"}, Money{-9223372036854775807, "EUR"}, Money{-9223372036854775808, "EUR"}, nil},
		{Money{1, "EUR"}, Money{9223372036854775806, "EUR"}, Money{9223372036854775807, "EUR"}, nil},
		{Money{1, "EUR"}, Money{9223372036854775807, "EUR"}, Money{}, ErrOverflow},
		{Money{-1, "EUR"}, Money{-9223372036854775808, "EUR"}, Money{}, ErrOverflow},
		{Money{-9223372036854775808, "EUR"}, Money{-9223372036854775808, "EUR"}, Money{}, ErrOverflow},
		{Money{9223372036854775807, "EUR"}, Money{9223372036854775807, "EUR"}, Money{}, ErrOverflow},
		{Money{10, "JPY"}, Money{10, "KRW"}, Money{}, ErrCurrencyMismatch},
	}
	for _, tc := range tests {
		got, err := tc.a.Add(tc.b)
		if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && got != tc.want) {
			t.Errorf("%v.Add(%v) = %v, %v; want %v, %v", tc.a, tc.b, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestJSON(t *testing.T) {
	tests := []struct {
		in      string
		want    Money
		wantErr error  // nil: success
		out     string // what MarshalJSON writes back
	}{
		{`{"amount":"12.50","currency":"EUR"}`, Money{1250, "EUR"}, nil, `{"amount":"12.50","currency":"EUR"}`},
		{`{"amount":12.5,"currency":"EUR"}`, Money{1250, "EUR"}, nil, `{"amount":"12.50","currency":"EUR"}`},
		{`{"currency":"JPY","amount":1000}`, Money{1000, "JPY"}, nil, `{"amount":"1000","currency":"JPY"}`},
		// 18 significant digits: a float64 would round this to ...456.75.
		{`{"amount":1234567890123456.78,"currency":"USD"}`, Money{123456789012345678, "USD"}, nil, `{"amount":"1234567890123456.78","currency":"USD"}`},
		{`{"amount":"1234567890123456.78","currency":"USD"}`, Money{123456789012345678, "USD"}, nil, `{"amount":"1234567890123456.78","currency":"USD"}`},
		{`{"amount":-0.05,"currency":"USD"}`, Money{-5, "USD"}, nil, `{"amount":"-0.05","currency":"USD"}`},
		{`{"amount":"-92233720368547758.08","currency":"EUR"}`, Money{-9223372036854775808, "EUR"}, nil, `{"amount":"-92233720368547758.08","currency":"EUR"}`},
		{`{"amount":1e2,"currency":"EUR"}`, Money{}, ErrBadAmount, ""},
		{`{"amount":"","currency":"EUR"}`, Money{}, ErrBadAmount, ""},
		{`{"amount":[1],"currency":"EUR"}`, Money{}, ErrBadAmount, ""},
		{`{"amount":"1","currency":5}`, Money{}, ErrBadAmount, ""},
		{`{"amount":"1","currency":"eur"}`, Money{}, ErrUnknownCurrency, ""},
		{`{"amount":92233720368547758.08,"currency":"EUR"}`, Money{}, ErrOverflow, ""},
		{`{"amount":"1.001","currency":"EUR"}`, Money{}, ErrPrecision, ""},
		{`{"amount":null,"currency":"EUR"}`, Money{}, ErrBadAmount, ""},
		{`{"currency":"EUR"}`, Money{}, ErrBadAmount, ""},
		{`{"amount":true,"currency":"EUR"}`, Money{}, ErrBadAmount, ""},
		{`{"amount":"1"}`, Money{}, ErrUnknownCurrency, ""},
		{`"12.50 EUR"`, Money{}, ErrBadAmount, ""},
	}
	for _, tc := range tests {
		var got Money
		err := json.Unmarshal([]byte(tc.in), &got)
		if tc.wantErr != nil {
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("json.Unmarshal(%s) error = %v, want %v", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("json.Unmarshal(%s) = %+v, %v; want %+v, nil", tc.in, got, err, tc.want)
			continue
		}
		out, err := json.Marshal(got)
		if err != nil || string(out) != tc.out {
			t.Errorf("json.Marshal(%+v) = %s, %v; want %s, nil", got, out, err, tc.out)
		}
	}
}

// TestNoFloatDrift adds ten cents ten times from JSON numbers, the sum
// that float64 gets wrong (0.1 * 10 != 1.0 in binary floating point).
func TestNoFloatDrift(t *testing.T) {
	total := Money{Currency: "EUR"}
	for range 10 {
		var m Money
		if err := json.Unmarshal([]byte(`{"amount":0.1,"currency":"EUR"}`), &m); err != nil {
			t.Fatalf("json.Unmarshal 0.1 EUR: %v", err)
		}
		var err error
		if total, err = total.Add(m); err != nil {
			t.Fatalf("Add: %v", err)
		}
	}
	if got := total.String(); got != "1.00 EUR" {
		t.Errorf("ten times 0.1 EUR = %s, want 1.00 EUR", got)
	}
}

func TestMarshalUnknownCurrency(t *testing.T) {
	if b, err := json.Marshal(Money{Minor: 1, Currency: "XXX"}); !errors.Is(err, ErrUnknownCurrency) {
		t.Errorf("json.Marshal(Money{1, XXX}) = %s, %v; want error %v", b, err, ErrUnknownCurrency)
	}
}

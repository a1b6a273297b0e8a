package secrettype

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

const (
	file = "exercises/3-secret-type/secret.go"
	text = "correct-horse-battery"
)

// leaks reports whether out shows the secret as text, hex or bytes.
func leaks(out string) bool {
	lower := strings.ToLower(out)
	return strings.Contains(out, text) || strings.Contains(lower, hex.EncodeToString([]byte(text))) ||
		strings.Contains(out, fmt.Sprint([]byte(text))[1:20])
}

func TestFmtEveryVerb(t *testing.T) {
	s := New(text)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%d", "%10v", "%-12s", "%.3s", "%t"} {
		for _, arg := range []any{s, &s} {
			got := fmt.Sprintf(verb, arg)
			if got != "[REDACTED]" {
				t.Errorf("Sprintf(%q, %T) = %q, want [REDACTED] (edit %s)", verb, arg, got, file)
			}
		}
	}
	for _, arg := range []any{s, &s} {
		if got := fmt.Sprintf("%q", arg); got != `"[REDACTED]"` {
			t.Errorf(`Sprintf("%%q", %T) = %s, want "[REDACTED]" (edit %s)`, arg, got, file)
		}
	}
	if got := fmt.Sprint(s) + fmt.Sprintln(&s) + s.String(); got != "[REDACTED][REDACTED]\n[REDACTED]" {
		t.Errorf("Sprint, Sprintln and String = %q, want [REDACTED] each (edit %s)", got, file)
	}
	if err := fmt.Errorf("connect with %v: refused", s); err.Error() != "connect with [REDACTED]: refused" {
		t.Errorf("an error wrapping the secret says %q", err)
	}
}

// TestFmtInsideOtherValues: a Secret is rarely printed alone; it sits in a
// config struct, a map or a slice that someone prints.
func TestFmtInsideOtherValues(t *testing.T) {
	s := New(text)
	type config struct {
		User     string
		Password Secret
		Token    *Secret
	}
	c := config{"app", s, &s}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%d"} {
		for _, arg := range []any{c, &c, map[string]Secret{"pw": s}, []Secret{s}, []*Secret{&s}} {
			got := fmt.Sprintf(verb, arg)
			if leaks(got) || !strings.Contains(got, "[REDACTED]") {
				t.Errorf("Sprintf(%q, %T) = %q, want [REDACTED] in place of the secret (edit %s)", verb, arg, got, file)
			}
		}
	}
	// fmt cannot call methods on an unexported field: there only the
	// Secret's own representation stands between the text and the output.
	hidden := struct {
		user     string
		password Secret
	}{"app", s}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%d"} {
		if got := fmt.Sprintf(verb, hidden); leaks(got) {
			t.Errorf("Sprintf(%q) of a struct with an unexported Secret field = %q: it leaks (edit %s)", verb, got, file)
		}
	}
}

func TestSlogTextAndJSON(t *testing.T) {
	s := New(text)
	type db struct {
		Host     string
		Password Secret
	}
	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewTextHandler(&buf, nil), slog.NewJSONHandler(&buf, nil)} {
		buf.Reset()
		slog.New(h).Info("connect", "pw", s, "ptr", &s, "db", db{"h", s}, slog.Group("g", "pw", s))
		out := buf.String()
		if leaks(out) {
			t.Errorf("%T logged the secret: %s (edit %s)", h, out, file)
		}
		want := []string{"pw=[REDACTED]", "ptr=[REDACTED]", "g.pw=[REDACTED]", "Password:[REDACTED]"}
		if _, ok := h.(*slog.JSONHandler); ok {
			want = []string{`"pw":"[REDACTED]"`, `"ptr":"[REDACTED]"`, `"g":{"pw":"[REDACTED]"}`, `"Password":"[REDACTED]"`}
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%T output lacks %s: %s (edit %s)", h, w, out, file)
			}
		}
	}
	// Any handler resolves a LogValuer before it looks at the value, so
	// even one that reflects over structs sees only a string.
	for _, v := range []slog.Value{slog.AnyValue(s), slog.AnyValue(&s)} {
		if r := v.Resolve(); r.Kind() != slog.KindString || r.String() != "[REDACTED]" {
			t.Errorf("slog.AnyValue(%T).Resolve() = %v of kind %v, want the string [REDACTED] (edit %s)", v.Any(), r, r.Kind(), file)
		}
	}
}

func TestJSON(t *testing.T) {
	s := New(text)
	type cfg struct {
		Password Secret  `json:"password"`
		Token    *Secret `json:"token"`
	}
	for _, v := range []any{s, &s, cfg{s, &s}, &cfg{s, &s}, map[string]Secret{"pw": s}, []Secret{s}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json.Marshal(%T): %v (edit %s)", v, err, file)
		}
		if leaks(string(b)) || !strings.Contains(string(b), `"[REDACTED]"`) || strings.Contains(string(b), "{}") {
			t.Errorf("json.Marshal(%T) = %s, want \"[REDACTED]\" for each secret (edit %s)", v, b, file)
		}
	}
	var c cfg
	if err := json.Unmarshal([]byte(`{"password":"`+text+`","token":"t0k"}`), &c); err != nil {
		t.Fatalf("json.Unmarshal into a Secret: %v (edit %s)", err, file)
	}
	if c.Password.Reveal() != text || c.Token == nil || c.Token.Reveal() != "t0k" {
		t.Errorf("json.Unmarshal gave %q and %v, want the texts back (edit %s)", c.Password.Reveal(), c.Token, file)
	}
	for _, bad := range []string{`{"password":5}`, `{"password":{"p":"x"}}`, `{"password":["x"]}`} {
		if err := json.Unmarshal([]byte(bad), &c); err == nil {
			t.Errorf("json.Unmarshal(%s) succeeded, want an error (edit %s)", bad, file)
		}
	}
}

func TestRevealIsSetEqual(t *testing.T) {
	s, zero := New(text), New("")
	if s.Reveal() != text || !s.IsSet() {
		t.Errorf("New(%q): Reveal %q, IsSet %v (edit %s)", text, s.Reveal(), s.IsSet(), file)
	}
	if zero.Reveal() != "" || zero.IsSet() || (Secret{}).IsSet() || (Secret{}).Reveal() != "" {
		t.Errorf("New(\"\") and Secret{} must be unset (edit %s)", file)
	}
	cases := []struct {
		a, b Secret
		want bool
	}{
		{s, New(text), true},
		{s, New(text + "x"), false},
		{s, New(text[:len(text)-1] + "Y"), false},
		{New("a"), New("b"), false},
		{zero, zero, false}, // an empty token must never match an unset key
		{zero, s, false},
		{s, zero, false},
		{Secret{}, New(""), false},
	}
	for _, tc := range cases {
		if got := tc.a.Equal(tc.b); got != tc.want {
			t.Errorf("New(%q).Equal(New(%q)) = %v, want %v (edit %s)", tc.a.Reveal(), tc.b.Reveal(), got, tc.want, file)
		}
	}
}

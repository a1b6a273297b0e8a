package acceptlanguage

import "testing"

func TestPick(t *testing.T) {
	avail := []string{"en", "de", "pt-BR"}
	for _, tc := range []struct{ header, want string }{
		{"", "en"},
		{"de", "de"},
		{"DE", "de"},
		{"de-AT", "de"},
		{"fr", "en"},
		{"fr, de;q=0.5", "de"},
		{"de;q=0.5, en;q=0.9", "en"},
		{"en;q=0.5, de;q=0.9", "de"},
		{"de;q=0.8, pt-br", "pt-BR"},
		{"pt", "en"},
		{"pt-BR;q=0.3, pt-PT;q=0.9", "pt-BR"},
		{"de;q=0, en;q=0.1", "en"},
		{"de;q=0", "en"},
		{"de;q=abc, en;q=0.2", "en"},
		{"de;q=1.5", "en"},
		{"de;q=-1", "en"},
		{"en;q=0.5, de;q=1", "de"},
		{"en;q=0.5, de;q=1.0", "de"},
		{"*;q=0.9, de;q=0.5", "en"},
		{"de;q=0.5, *", "en"},
		{" de ;q=0.5 , en ; q=0.4", "de"},
		{"de;q=0.5, de-CH;q=0.5, en;q=0.5", "de"},
		{",,de", "de"},
	} {
		if got := Pick(tc.header, avail, "en"); got != tc.want {
			t.Errorf("Pick(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
}

func TestFallbackIsGiven(t *testing.T) {
	if got := Pick("fr", []string{"en", "de"}, "de"); got != "de" {
		t.Errorf("Pick(fr, fallback de) = %q, want de", got)
	}
	if got := Pick("", nil, "en"); got != "en" {
		t.Errorf("Pick with no languages = %q, want the fallback", got)
	}
	if got := Pick("en-GB, de;q=0.1", []string{"EN", "de"}, "de"); got != "EN" {
		t.Errorf("Pick keeps the available spelling: got %q, want EN", got)
	}
}

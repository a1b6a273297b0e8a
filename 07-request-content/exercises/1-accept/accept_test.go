package accept

import "testing"

// The example of RFC 9110 §12.5.1, with verified erratum 7138
// (text/html;level=3 gets text/*'s 0.3, not 0.7).
func TestQualityRFC9110Example(t *testing.T) {
	const accept = "text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5"
	tests := []struct {
		mediaType string
		want      float64
	}{
		{"text/plain;format=flowed", 1},
		{"text/plain", 0.7},
		{"text/html", 0.3},
		{"image/jpeg", 0.5},
		{"text/plain;format=fixed", 0.4},
		{"text/html;level=3", 0.3},
	}
	for _, tc := range tests {
		t.Run(tc.mediaType, func(t *testing.T) {
			if got := Quality(accept, tc.mediaType); got != tc.want {
				t.Errorf("Quality(%q, %q) = %v, want %v", accept, tc.mediaType, got, tc.want)
			}
		})
	}
}

func TestQuality(t *testing.T) {
	tests := []struct {
		accept, mediaType string
		want              float64
	}{
		{"", "application/json", 1},
		{"   ", "application/json", 1},
		{"application/json", "application/json", 1},
		{"APPLICATION/JSON", "application/json", 1},
		{"application/json", "Application/JSON", 1},
		{"application/xml", "application/json", 0},
		{"application/*;q=0.2", "application/json", 0.2},
		{"*/*;q=0.1", "image/png", 0.1},
		{"text/html; q=0.5", "text/html", 0.5},
		{"text/html ;Q=0.5", "text/html", 0.5},
		{"text/html;q=0.5;ext=1", "text/html", 0.5},       // after q: an extension, not a parameter
		{"text/html;level=1", "text/html", 0},             // the range needs level=1
		{"text/html;LEVEL=\"1\"", "text/html;level=1", 1}, // names are case-insensitive, quotes removed
		{"text/html;q=0", "text/html", 0},
		{"text/html;q=0.000", "text/html", 0},
		{"text/html;q=1.000", "text/html", 1},
		{"text/html;q=0.125", "text/html", 0.125},
		// q=0 on the more specific range wins over the wildcard:
		{"*/*, text/html;q=0", "text/html", 0},
		{"text/*;q=0, text/plain", "text/plain", 1},
		// Invalid q: the element is ignored, so the next match decides.
		{"text/html;q=1.5, */*;q=0.1", "text/html", 0.1},
		{"text/html;q=.5, */*;q=0.1", "text/html", 0.1},
		{"text/html;q=0.1234, */*;q=0.1", "text/html", 0.1},
		{"text/html;q=abc", "text/html", 0},
		// Malformed elements are skipped, not fatal.
		{"garbage, text/html;q=0.3", "text/html", 0.3},
		{"*/html, text/html;q=0.3", "text/html", 0.3},
		{",,text/html;q=0.3,", "text/html", 0.3},
		{"text/html;q=0.4, text/html;q=0.9", "text/html", 0.4}, // equally specific: the first wins
		// type/* beats */* and type/subtype beats type/*, whatever the order:
		{"*/*;q=0.1, text/*;q=0.5", "text/html", 0.5},
		{"*/*;q=0.1, text/*;q=0.5", "image/png", 0.1},
		{"text/html;q=0.8, text/*;q=0.5, */*;q=0.1", "text/html", 0.8},
		{"*/*;q=0.1, text/*;q=0.5, text/html;q=0.8", "text/html", 0.8},
		{"text/html;level=1;q=0.9, text/html;q=0.2", "text/html;level=1", 0.9},
		// A range that is not type/subtype, type/* or */* matches nothing.
		{"*/html", "text/html", 0},
		{"text", "text/html", 0},
		{"text/html;level", "text/html", 0},
	}
	// A media type to score that does not parse is acceptable to nobody, not
	// even to */*.
	for _, mediaType := range []string{"", "text", "text/", "/html", "*/html", "text/html;level", "text/html;=1", "text/html;q=0.5;ext"} {
		for _, accept := range []string{"*/*", "text/*", "text/html"} {
			tests = append(tests, struct {
				accept, mediaType string
				want              float64
			}{accept, mediaType, 0})
		}
	}
	for _, tc := range tests {
		t.Run(tc.accept+" "+tc.mediaType, func(t *testing.T) {
			if got := Quality(tc.accept, tc.mediaType); got != tc.want {
				t.Errorf("Quality(%q, %q) = %v, want %v", tc.accept, tc.mediaType, got, tc.want)
			}
		})
	}
}

func TestNegotiate(t *testing.T) {
	offers := []string{"application/json", "application/xml", "text/plain"}
	tests := []struct {
		accept string
		offers []string
		want   string // "" means not acceptable
	}{
		{"", offers, "application/json"},
		{"*/*", offers, "application/json"},
		{"application/xml", offers, "application/xml"},
		{"text/*", offers, "text/plain"},
		{"application/*;q=0.5, text/plain", offers, "text/plain"},
		{"application/json;q=0, */*", offers, "application/xml"},
		{"application/*, application/xml;q=0", []string{"application/xml", "application/json"}, "application/json"},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", offers, "application/xml"},
		{"application/xml;q=0.5, application/json;q=0.5", offers, "application/json"},
		{"application/xml;q=0.5, application/json;q=0.5", []string{"application/xml", "application/json"}, "application/xml"},
		{"image/png", offers, ""},
		{"*/*;q=0", offers, ""},
		{"application/json;q=0, application/xml;q=0, text/*;q=0", offers, ""},
		{"*/*", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.accept, func(t *testing.T) {
			got, ok := Negotiate(tc.accept, tc.offers)
			if tc.want == "" {
				if ok || got != "" {
					t.Errorf("Negotiate(%q, %q) = %q, %v, want \"\", false", tc.accept, tc.offers, got, ok)
				}
				return
			}
			if !ok || got != tc.want {
				t.Errorf("Negotiate(%q, %q) = %q, %v, want %q, true", tc.accept, tc.offers, got, ok, tc.want)
			}
		})
	}
}

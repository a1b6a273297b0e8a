package serve

import (
	"strings"
	"testing"
)

func TestNewLogger(t *testing.T) {
	tests := []struct {
		format  string
		want    string // a substring of the line logged by logger.Info("hello", "n", 1)
		wantErr bool
	}{
		{format: "text", want: "level=INFO msg=hello n=1\n"},
		{format: "json", want: `"level":"INFO","msg":"hello","n":1}` + "\n"},
		{format: "xml", wantErr: true},
		{format: "JSON", wantErr: true},
		{format: "", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			var out strings.Builder
			logger, err := NewLogger(tc.format, &out)
			if tc.wantErr {
				if err == nil || logger != nil {
					t.Fatalf("NewLogger(%q) = %v, %v; want nil and an error", tc.format, logger, err)
				}
				if !strings.Contains(err.Error(), "text or json") {
					t.Errorf("NewLogger(%q) error = %q, want one naming text or json", tc.format, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewLogger(%q) error = %v, want nil", tc.format, err)
			}
			logger.Info("hello", "n", 1)
			if !strings.HasSuffix(out.String(), tc.want) {
				t.Errorf("NewLogger(%q) logged %q, want a line ending in %q", tc.format, out.String(), tc.want)
			}
		})
	}
}

package serve

import "testing"

func TestEnvOr(t *testing.T) {
	env := map[string]string{"ADDR": "127.0.0.1:9000", "EMPTY": ""}
	getenv := func(key string) string { return env[key] }
	tests := []struct {
		name, key, fallback, want string
	}{
		{name: "set", key: "ADDR", fallback: "127.0.0.1:8000", want: "127.0.0.1:9000"},
		{name: "set to empty counts as unset", key: "EMPTY", fallback: "text", want: "text"},
		{name: "unset", key: "MISSING", fallback: "json", want: "json"},
		{name: "unset with empty fallback", key: "MISSING", fallback: "", want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := EnvOr(getenv, tc.key, tc.fallback); got != tc.want {
				t.Errorf("EnvOr(%q, %q) = %q, want %q", tc.key, tc.fallback, got, tc.want)
			}
		})
	}
}

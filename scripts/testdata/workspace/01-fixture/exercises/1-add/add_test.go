package add

import "testing"

func TestAdd(t *testing.T) {
	tests := []struct {
		name       string
		a, b, want int
	}{
		{"positive", 2, 3, 5},
		{"negative", -2, -3, -5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Add(tc.a, tc.b)
			if err != nil || got != tc.want {
				t.Errorf("Add(%d, %d) = %d, %v, want %d, nil", tc.a, tc.b, got, err, tc.want)
			}
		})
	}
}

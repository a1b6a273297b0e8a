//go:build solution

package reverse

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Reverse fills the variables of a gorilla/mux-style pattern such as
// "/articles/{slug}/comments/{id:[0-9]+}" with params and returns the path.
func Reverse(pattern string, params map[string]string) (string, error) {
	var b strings.Builder
	used := make(map[string]bool, len(params))
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if c == '}' {
			return "", fmt.Errorf("%w: stray '}' at offset %d in %q", ErrBadPattern, i, pattern)
		}
		if c != '{' {
			b.WriteByte(c)
			continue
		}
		// Find the matching close brace: regular expressions such as
		// [0-9]{4} nest braces inside the variable.
		depth, end := 0, -1
		for j := i; j < len(pattern); j++ {
			if pattern[j] == '{' {
				depth++
			} else if pattern[j] == '}' {
				depth--
				if depth == 0 {
					end = j
					break
				}
			}
		}
		if end < 0 {
			return "", fmt.Errorf("%w: unclosed '{' at offset %d in %q", ErrBadPattern, i, pattern)
		}
		name, expr, hasExpr := strings.Cut(pattern[i+1:end], ":")
		if name == "" {
			return "", fmt.Errorf("%w: empty variable name in %q", ErrBadPattern, pattern)
		}
		value, ok := params[name]
		if !ok || value == "" {
			return "", fmt.Errorf("%w: %q", ErrMissingParam, name)
		}
		if hasExpr {
			re, err := regexp.Compile("^(?:" + expr + ")$")
			if err != nil {
				return "", fmt.Errorf("%w: variable %q: %v", ErrBadPattern, name, err)
			}
			if !re.MatchString(value) {
				return "", fmt.Errorf("%w: %s=%q does not match %s", ErrConstraint, name, value, expr)
			}
		}
		used[name] = true
		b.WriteString(url.PathEscape(value))
		i = end
	}
	for name := range params {
		if !used[name] {
			return "", fmt.Errorf("%w: %q", ErrUnknownParam, name)
		}
	}
	return b.String(), nil
}

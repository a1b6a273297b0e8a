//go:build solution

package customvalidator

import (
	"errors"
	"regexp"
	"slices"
	"strconv"

	"github.com/go-playground/validator/v10"
)

var (
	usernamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{2,19}$`)
	slugPattern     = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
)

// Register adds the username, slug and maxbytes rules to v.
func Register(v *validator.Validate) error {
	return errors.Join(
		v.RegisterValidation("username", isUsername),
		v.RegisterValidation("slug", isSlug),
		v.RegisterValidation("maxbytes", maxBytes),
	)
}

// fl.Field().String() reads the value of any string-kinded type (type Slug
// string included); a type assertion to string would miss those.
func isUsername(fl validator.FieldLevel) bool {
	s := fl.Field().String()
	return usernamePattern.MatchString(s) && !slices.Contains(Reserved, s)
}

func isSlug(fl validator.FieldLevel) bool {
	s := fl.Field().String()
	return len(s) <= 64 && slugPattern.MatchString(s)
}

func maxBytes(fl validator.FieldLevel) bool {
	n, err := strconv.Atoi(fl.Param())
	if err != nil || n < 0 {
		return false // a broken rule must fail closed, not let everything through
	}
	return len(fl.Field().String()) <= n
}

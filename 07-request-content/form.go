package main

import (
	"net/http"
	"net/url"
	"unicode/utf8"
)

// parseForm parses an application/x-www-form-urlencoded body
// ("title=Hello&tags=go&tags=web"). Percent-decoding yields bytes; we insist
// they are UTF-8, which is what browsers send for a UTF-8 page.
func parseForm(raw string) (url.Values, error) {
	form, err := url.ParseQuery(raw)
	if err != nil {
		return nil, clientError(http.StatusBadRequest, "malformed_form", "malformed form body: %v", err)
	}
	for k, vs := range form {
		if !utf8.ValidString(k) {
			return nil, clientError(http.StatusBadRequest, "invalid_text", "form field names must be UTF-8")
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return nil, clientError(http.StatusBadRequest, "invalid_text", "form field %q is not valid UTF-8", k)
			}
		}
	}
	return form, nil
}

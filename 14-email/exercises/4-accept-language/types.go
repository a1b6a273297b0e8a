// Package acceptlanguage picks the template language for a request.
package acceptlanguage

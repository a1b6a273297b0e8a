// Package render is below web.
package render

// Page is a page.
const Page = "<p>"

// Package accept implements HTTP content negotiation on the Accept header
// (RFC 9110 §12.5.1): quality values, wildcards and specificity.
package accept

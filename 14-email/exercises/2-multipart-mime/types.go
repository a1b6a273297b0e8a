// Package multipartmime builds a multipart/alternative email by hand.
package multipartmime

// Message is the content of one email.
type Message struct {
	From, To, Subject string
	Text, HTML        string
	Boundary          string // chosen by the caller so tests are repeatable
}

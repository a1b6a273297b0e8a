//go:build !solution

package multipartmime

import "errors"

// Build returns m as an RFC 5322 message with a multipart/alternative body.
// not implemented: edit exercises/2-multipart-mime/mime.go
func Build(m Message) ([]byte, error) {
	return nil, errors.New("not implemented: edit exercises/2-multipart-mime/mime.go")
}

// Package recovery turns panics in HTTP handlers into RFC 9457 problem
// responses, without leaking what went wrong to the client.
package recovery

// Problem is the RFC 9457 problem-details body sent with the 500.
type Problem struct {
	Type   string `json:"type"`   // "about:blank"
	Title  string `json:"title"`  // "Internal Server Error"
	Status int    `json:"status"` // 500
	Detail string `json:"detail"` // a fixed, generic sentence: never the panic value
}

//go:build !solution

package keepalive

import "net"

// ServeConn answers the requests that arrive on conn, one after another,
// until the connection has to end; then it closes conn and reports how many
// requests it answered and why it stopped. See README.md.
func ServeConn(conn net.Conn, h Handler, opts Options) (served int, why CloseReason) {
	// not implemented: edit exercises/4-keep-alive/serveconn.go
	return 0, 0
}

//go:build solution

package problemmapping

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"slices"
)

// Map returns the problem for err (the zero Problem for nil), by the rules
// of README.md, tried in order.
func Map(err error) Problem {
	if err == nil {
		return Problem{}
	}
	// Who is still listening comes first, then time, then the dependency:
	// they say the request could not be judged at all.
	if errors.Is(err, context.Canceled) {
		return Problem{Status: StatusClientClosedRequest, Code: CodeClientClosed, Detail: DetailClientClosed}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return Problem{Status: http.StatusGatewayTimeout, Code: CodeTimeout, Detail: DetailTimeout}
	}
	if _, ok := errors.AsType[*net.OpError](err); ok {
		return Problem{Status: http.StatusServiceUnavailable, Code: CodeUnavailable, Detail: DetailUnavailable}
	}
	if mb, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return Problem{Status: http.StatusRequestEntityTooLarge, Code: CodeTooLarge, Detail: fmt.Sprintf(DetailTooLarge, mb.Limit)}
	}
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		return Problem{Status: http.StatusBadRequest, Code: CodeMalformedJSON, Detail: fmt.Sprintf(DetailSyntax, se.Offset)}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return Problem{Status: http.StatusBadRequest, Code: CodeMalformedJSON, Detail: DetailTruncated}
	}
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		return Problem{Status: http.StatusBadRequest, Code: CodeWrongType, Detail: fmt.Sprintf(DetailWrongType, te.Field, te.Type)}
	}
	if ve, ok := errors.AsType[*ValidationError](err); ok {
		return Problem{Status: http.StatusUnprocessableEntity, Code: CodeInvalid,
			Detail: fmt.Sprintf(DetailInvalid, len(ve.Fields)), Fields: slices.Clone(ve.Fields)}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return Problem{Status: http.StatusNotFound, Code: CodeNotFound, Detail: DetailNotFound}
	}
	return Problem{Status: http.StatusInternalServerError, Code: CodeInternal, Detail: DetailInternal}
}

package serve

import (
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestNewServer(t *testing.T) {
	var out strings.Builder
	logger := slog.New(slog.NewTextHandler(&out, nil))
	h := http.NotFoundHandler()
	srv := NewServer(h, logger)

	limits := []struct {
		name      string
		got, want time.Duration
	}{
		{"ReadHeaderTimeout", srv.ReadHeaderTimeout, 5 * time.Second},
		{"ReadTimeout", srv.ReadTimeout, 15 * time.Second},
		{"WriteTimeout", srv.WriteTimeout, 30 * time.Second},
		{"IdleTimeout", srv.IdleTimeout, 60 * time.Second},
	}
	for _, l := range limits {
		if l.got != l.want {
			t.Errorf("NewServer().%s = %v, want %v", l.name, l.got, l.want)
		}
	}
	if srv.MaxHeaderBytes != 64<<10 {
		t.Errorf("NewServer().MaxHeaderBytes = %d, want %d", srv.MaxHeaderBytes, 64<<10)
	}
	if srv.Handler == nil {
		t.Error("NewServer().Handler = nil, want the handler passed in")
	}
	if srv.Addr != "" || srv.TLSConfig != nil {
		t.Errorf("NewServer() Addr = %q, TLSConfig = %v; want both unset", srv.Addr, srv.TLSConfig)
	}

	srv.ErrorLog.Print("http: TLS handshake error from 127.0.0.1:1: EOF")
	if want := `level=WARN msg="http: TLS handshake error from 127.0.0.1:1: EOF"`; !strings.Contains(out.String(), want) {
		t.Errorf("NewServer().ErrorLog wrote %q, want a line containing %q", out.String(), want)
	}
}

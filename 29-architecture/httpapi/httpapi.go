// Package httpapi is the presentation layer: it turns HTTP into calls of the
// service and the service's answers and errors into HTTP. It knows the
// service and the domain, never an adapter: it cannot tell a map from a
// database, and does not need to.
package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"time"

	"workbook/29-architecture/domain"
	"workbook/29-architecture/service"
	"workbook/29-architecture/trace"
	"workbook/serve/problem"
)

// RetryAfter is what a 503 asks the client to wait.
const RetryAfter = 5 * time.Second

// maxBody bounds a request body.
const maxBody = 4 << 10

type api struct {
	svc    *service.Service
	traces *trace.Log
	logger *slog.Logger
}

// New returns the app's handler tree.
func New(svc *service.Service, traces *trace.Log, logger *slog.Logger) http.Handler {
	a := &api{svc: svc, traces: traces, logger: logger}
	mux := http.NewServeMux()
	mux.Handle("GET /products/{sku}", a.traced(a.product))
	mux.Handle("POST /orders", a.traced(a.placeOrder))
	mux.Handle("GET /orders/{id}", a.traced(a.order))
	mux.HandleFunc("GET /trace/{id}", a.trace)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	return withRequestID(problem.Routes(mux))
}

// withRequestID keeps the ID the edge gave the request (or gives one to a
// request that came straight to the app) and echoes it in the response.
func withRequestID(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !validID(r.Header.Get(problem.RequestIDHeader)) {
			r.Header.Set(problem.RequestIDHeader, trace.NewID())
		}
		w.Header().Set(problem.RequestIDHeader, r.Header.Get(problem.RequestIDHeader))
		h.ServeHTTP(w, r)
	})
}

// traced continues the trace the edge started under the request ID and
// records the handler hop.
func (a *api) traced(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tr := a.traces.Begin(r.Header.Get(problem.RequestIDHeader))
		tr.Hop("handler", r.Pattern)
		h(w, r.WithContext(trace.NewContext(r.Context(), tr)))
	})
}

func validID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for _, c := range []byte(id) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

type productJSON struct {
	SKU        string   `json:"sku"`
	Name       string   `json:"name"`
	PriceCents int64    `json:"priceCents"`
	Source     string   `json:"source"`
	Degraded   []string `json:"degraded,omitempty"`
}

func (a *api) product(w http.ResponseWriter, r *http.Request) {
	res, err := a.svc.Product(r.Context(), r.PathValue("sku"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	p := res.Product
	writeJSON(w, http.StatusOK, productJSON{p.SKU, p.Name, p.PriceCents, res.Source, res.Degraded})
}

// orderJSON is the wire shape of an order: the presentation layer's own
// type, so a field added to domain.Order is not published by accident.
type orderJSON struct {
	ID         string   `json:"id"`
	SKU        string   `json:"sku"`
	Qty        int      `json:"qty"`
	TotalCents int64    `json:"totalCents"`
	Payment    string   `json:"payment"`
	Status     string   `json:"status"`
	Queued     *bool    `json:"queued,omitempty"`
	Degraded   []string `json:"degraded,omitempty"`
}

func toJSON(o domain.Order) orderJSON {
	return orderJSON{ID: o.ID, SKU: o.SKU, Qty: o.Qty, TotalCents: o.TotalCents, Payment: o.Payment, Status: o.Status}
}

func (a *api) placeOrder(w http.ResponseWriter, r *http.Request) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		problem.Error(w, r, http.StatusUnsupportedMediaType, "send the order as application/json")
		return
	}
	var in struct {
		SKU string `json:"sku"`
		Qty int    `json:"qty"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			problem.Error(w, r, http.StatusRequestEntityTooLarge, "the body may hold at most "+strconv.Itoa(maxBody)+" bytes")
			return
		}
		problem.Error(w, r, http.StatusBadRequest, `want a JSON object {"sku":"…","qty":n}`)
		return
	}
	if dec.More() {
		problem.Error(w, r, http.StatusBadRequest, "the body must hold exactly one JSON object")
		return
	}
	placed, err := a.svc.PlaceOrder(r.Context(), service.PlaceOrder{SKU: in.SKU, Qty: in.Qty})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := toJSON(placed.Order)
	out.Queued, out.Degraded = &placed.Queued, placed.Degraded
	w.Header().Set("Location", "/orders/"+placed.Order.ID)
	// 202, not 201: the order exists, its fulfilment has not happened yet.
	writeJSON(w, http.StatusAccepted, out)
}

func (a *api) order(w http.ResponseWriter, r *http.Request) {
	o, err := a.svc.Order(r.Context(), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toJSON(o))
}

// trace answers the hops of one request as a plain-text table: meant for
// a person with curl, one hop a line, time since the edge took the request.
func (a *api) trace(w http.ResponseWriter, r *http.Request) {
	tr, ok := a.traces.Get(r.PathValue("id"))
	if !ok {
		problem.Error(w, r, http.StatusNotFound, "no trace for request "+strconv.Quote(r.PathValue("id"))+"; only recent requests are kept")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "request %s\n", tr.ID())
	for _, h := range tr.Hops() {
		fmt.Fprintf(w, "%9.3fms  %-8s %s\n", float64(h.At.Microseconds())/1000, h.Component, h.Detail)
	}
}

// fail maps the business layer's errors to HTTP. Nothing of err's text
// reaches the client except a validation problem's own words.
func (a *api) fail(w http.ResponseWriter, r *http.Request, err error) {
	var invalid *domain.InvalidError
	switch {
	case errors.As(err, &invalid):
		p := problem.New(http.StatusUnprocessableEntity, "the order is not valid")
		for _, f := range invalid.Fields {
			p.Errors = append(p.Errors, problem.FieldError{Pointer: "/" + f.Field, Detail: f.Problem})
		}
		problem.Write(w, r, p)
	case errors.Is(err, domain.ErrNotFound):
		problem.NotFound(w, r)
	case errors.Is(err, domain.ErrUnavailable):
		a.logger.Warn("dependency unavailable", "request_id", w.Header().Get(problem.RequestIDHeader), "err", err)
		w.Header().Set("Retry-After", strconv.Itoa(int(RetryAfter.Seconds())))
		problem.Error(w, r, http.StatusServiceUnavailable, "the service cannot answer right now; retry later")
	default:
		a.logger.Error("unexpected error", "request_id", w.Header().Get(problem.RequestIDHeader), "err", err)
		problem.Error(w, r, http.StatusInternalServerError, "")
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// Package fakepayment is the external integration: a stand-in for a payment
// provider's HTTP API, served on its own loopback listener so the app calls
// it over a real network connection, with a real timeout. It shares no code
// with the app: the two only agree on the JSON below.
//
//	POST /authorize {"orderId":"…","amountCents":1200}
//	→ 200 {"authorization":"auth-…"}
package fakepayment

import (
	"encoding/json"
	"net/http"
	"time"

	"workbook/serve/problem"
)

// Handler answers POST /authorize after delay (0: at once). A request whose
// client gave up is abandoned, so a "hanging" provider costs nothing.
func Handler(delay time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /authorize", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			OrderID     string `json:"orderId"`
			AmountCents int64  `json:"amountCents"`
		}
		r.Body = http.MaxBytesReader(w, r.Body, 1<<10)
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.OrderID == "" || in.AmountCents <= 0 {
			problem.Error(w, r, http.StatusBadRequest, "want {\"orderId\":…,\"amountCents\":>0}")
			return
		}
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"authorization": "auth-" + in.OrderID})
	})
	return problem.Routes(mux)
}

// Package service is the business layer: the shop's use cases. It knows the
// domain and the ports, never HTTP, SQL or a concrete adapter (archcheck's
// rules, enforced by layers_test.go, say so). Each port call gets its own
// deadline, and each failure has a policy: that policy is the architecture's
// answer to "what does the user see when X is down?".
package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"workbook/29-architecture/domain"
	"workbook/29-architecture/ports"
	"workbook/29-architecture/trace"
)

// Timeouts bound each call to a component.
type Timeouts struct {
	Cache   time.Duration
	Store   time.Duration
	Payment time.Duration
	Publish time.Duration
}

// DefaultTimeouts are the budgets main uses.
func DefaultTimeouts() Timeouts {
	return Timeouts{Cache: 50 * time.Millisecond, Store: 500 * time.Millisecond, Payment: 300 * time.Millisecond, Publish: 100 * time.Millisecond}
}

// Service holds the use cases. Build it with New.
type Service struct {
	store    ports.Store
	cache    ports.Cache
	queue    ports.Queue
	payments ports.Payments
	timeouts Timeouts
	newID    func() string
}

// New wires the service to its ports: constructor injection, no globals.
func New(store ports.Store, cache ports.Cache, queue ports.Queue, payments ports.Payments, t Timeouts, newID func() string) *Service {
	return &Service{store: store, cache: cache, queue: queue, payments: payments, timeouts: t, newID: newID}
}

// ProductResult is a product and where it came from.
type ProductResult struct {
	Product  domain.Product
	Source   string   // "cache" or "store"
	Degraded []string // components that failed but did not stop the answer
}

// Product reads a product cache-aside: cache, then store, then fill the cache.
func (s *Service) Product(ctx context.Context, sku string) (ProductResult, error) {
	trace.Record(ctx, "service", "Product "+sku)
	return s.product(ctx, sku)
}

func (s *Service) product(ctx context.Context, sku string) (ProductResult, error) {
	var res ProductResult
	cctx, cancel := context.WithTimeout(ctx, s.timeouts.Cache)
	p, found, err := s.cache.Product(cctx, sku)
	cancel()
	switch {
	case err != nil:
		// The cache is an optimisation: down means "ask the store".
		trace.Fail(ctx, "cache", "lookup "+sku, err)
		res.Degraded = append(res.Degraded, "cache")
	case found:
		trace.Record(ctx, "cache", "hit "+sku)
		return ProductResult{Product: p, Source: "cache"}, nil
	default:
		trace.Record(ctx, "cache", "miss "+sku)
	}

	sctx, cancel := context.WithTimeout(ctx, s.timeouts.Store)
	p, err = s.store.Product(sctx, sku)
	cancel()
	if err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			trace.Record(ctx, "store", "product "+sku+" not found")
		} else {
			trace.Fail(ctx, "store", "product "+sku, err)
		}
		return ProductResult{}, storeErr(err)
	}
	trace.Record(ctx, "store", "product "+sku+" found")
	if res.Degraded == nil {
		cctx, cancel := context.WithTimeout(ctx, s.timeouts.Cache)
		_ = s.cache.SetProduct(cctx, p) // a failed fill only costs a later miss
		cancel()
	}
	res.Product, res.Source = p, "store"
	return res, nil
}

// storeErr keeps ErrNotFound and turns every other store failure, a
// deadline included, into ErrUnavailable.
func storeErr(err error) error {
	if errors.Is(err, domain.ErrNotFound) {
		return err
	}
	return fmt.Errorf("%w: store: %w", domain.ErrUnavailable, err)
}

// PlaceOrder is what POST /orders asks for.
type PlaceOrder struct {
	SKU string
	Qty int
}

// Placed is the outcome of PlaceOrder.
type Placed struct {
	Order    domain.Order
	Queued   bool     // false: persisted, the redeliverer will queue it
	Degraded []string // components that failed but did not stop the order
}

// MaxQty is the most of one product an order may hold.
const MaxQty = 100

// PlaceOrder validates, prices, authorizes payment, persists the order and
// queues its fulfilment. Only the store is essential: without the cache the
// price comes from the store, without the payment service the payment is
// deferred, without the queue the order waits in the store for Redeliver.
func (s *Service) PlaceOrder(ctx context.Context, in PlaceOrder) (Placed, error) {
	trace.Record(ctx, "service", fmt.Sprintf("PlaceOrder %s x%d", in.SKU, in.Qty))
	invalid := &domain.InvalidError{}
	var pr ProductResult
	if in.SKU == "" {
		invalid.Fields = append(invalid.Fields, domain.FieldError{Field: "sku", Problem: "is required"})
	} else {
		var err error
		pr, err = s.product(ctx, in.SKU)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			invalid.Fields = append(invalid.Fields, domain.FieldError{Field: "sku", Problem: "is not a product we sell"})
		case err != nil:
			return Placed{}, err
		}
	}
	if in.Qty < 1 || in.Qty > MaxQty {
		invalid.Fields = append(invalid.Fields, domain.FieldError{Field: "qty", Problem: fmt.Sprintf("must be between 1 and %d", MaxQty)})
	}
	if len(invalid.Fields) > 0 {
		return Placed{}, invalid
	}
	placed := Placed{Degraded: pr.Degraded}
	o := domain.Order{ID: s.newID(), SKU: in.SKU, Qty: in.Qty, TotalCents: pr.Product.PriceCents * int64(in.Qty), Status: domain.StatusPending}
	o.Payment, o.AuthID = s.authorize(ctx, o)
	if o.Payment == domain.PaymentDeferred {
		placed.Degraded = append(placed.Degraded, "payment")
	}
	if err := s.save(ctx, o); err != nil {
		return Placed{}, err
	}
	// The order is persisted before its job is published, and the worker
	// alone moves it on: were the status saved after Publish, it could
	// overwrite the worker's "fulfilled".
	if s.publish(ctx, o.ID) {
		placed.Queued = true
	} else {
		placed.Degraded = append(placed.Degraded, "queue")
	}
	placed.Order = o
	return placed, nil
}

// authorize asks the payment service, within its budget. A failure defers
// the payment instead of failing the order: the worker tries again.
func (s *Service) authorize(ctx context.Context, o domain.Order) (payment, authID string) {
	pctx, cancel := context.WithTimeout(ctx, s.timeouts.Payment)
	defer cancel()
	authID, err := s.payments.Authorize(pctx, o.ID, o.TotalCents)
	if err != nil {
		trace.Fail(ctx, "payment", "authorize (deferred)", err)
		return domain.PaymentDeferred, ""
	}
	trace.Record(ctx, "payment", "authorized "+authID)
	return domain.PaymentAuthorized, authID
}

func (s *Service) save(ctx context.Context, o domain.Order) error {
	sctx, cancel := context.WithTimeout(ctx, s.timeouts.Store)
	defer cancel()
	if err := s.store.SaveOrder(sctx, o); err != nil {
		trace.Fail(ctx, "store", "save order "+o.ID, err)
		return storeErr(err)
	}
	trace.Record(ctx, "store", "saved order "+o.ID+" "+o.Status)
	return nil
}

func (s *Service) publish(ctx context.Context, orderID string) bool {
	qctx, cancel := context.WithTimeout(ctx, s.timeouts.Publish)
	defer cancel()
	if err := s.queue.Publish(qctx, domain.Job{OrderID: orderID}); err != nil {
		trace.Fail(ctx, "queue", "publish "+orderID+" (stays pending)", err)
		return false
	}
	// No hop here: the worker may have taken the job already, and its hop
	// would come before this one. The queue records the publish itself.
	return true
}

// Order returns one order.
func (s *Service) Order(ctx context.Context, id string) (domain.Order, error) {
	sctx, cancel := context.WithTimeout(ctx, s.timeouts.Store)
	defer cancel()
	o, err := s.store.Order(sctx, id)
	if err != nil {
		return domain.Order{}, storeErr(err)
	}
	return o, nil
}

// Fulfil is the worker's job: it retries a deferred payment and marks the
// order fulfilled. It is idempotent, because a queue may deliver twice.
func (s *Service) Fulfil(ctx context.Context, job domain.Job) error {
	o, err := s.Order(ctx, job.OrderID)
	if err != nil {
		return err
	}
	if o.Status == domain.StatusFulfilled {
		trace.Record(ctx, "worker", "order "+o.ID+" already fulfilled")
		return nil
	}
	if o.Payment == domain.PaymentDeferred {
		o.Payment, o.AuthID = s.authorize(ctx, o)
	}
	if o.Payment == domain.PaymentDeferred {
		o.Status = domain.StatusPending // Redeliver queues it again
	} else {
		o.Status = domain.StatusFulfilled
	}
	trace.Record(ctx, "worker", "order "+o.ID+" → "+o.Status)
	return s.save(ctx, o)
}

// Redeliver queues every pending order again: the store is the outbox, so
// an order whose publish failed is not lost. main runs it on a ticker.
func (s *Service) Redeliver(ctx context.Context) (int, error) {
	sctx, cancel := context.WithTimeout(ctx, s.timeouts.Store)
	pending, err := s.store.OrdersWithStatus(sctx, domain.StatusPending)
	cancel()
	if err != nil {
		return 0, storeErr(err)
	}
	n := 0
	for _, o := range pending {
		if s.publish(ctx, o.ID) {
			n++
		}
	}
	return n, nil
}

// Package drainpool is a worker pool that drains on shutdown: it stops
// taking jobs, lets the running ones finish, and hands back the rest.
package drainpool

import "context"

// Job is one delivery from the broker: Tag is what the caller acks or
// nacks it by (amqp.Delivery.DeliveryTag), Body its content.
type Job struct {
	Tag  uint64
	Body []byte
}

// Handler runs one job and settles it itself (acks it, or sends it on to
// a retry queue). Its context is not cancelled when Stop is called — a
// job runs to its end — but when Stop gives up at its deadline.
type Handler func(ctx context.Context, j Job)

// Report is what Stop found.
type Report struct {
	// Finished counts the jobs whose handler returned before Stop did.
	Finished int
	// Running counts the handlers still running when Stop gave up at its
	// deadline; 0 after a clean stop.
	Running int
	// Unstarted holds every job the pool took from the channel but never
	// started, and every job still buffered in the channel when Stop
	// returned: the caller nacks them with requeue so another consumer
	// gets them at once.
	Unstarted []Job
}

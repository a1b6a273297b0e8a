// Package coordinator runs shutdown hooks in reverse start order, each
// under its own deadline.
package coordinator

import (
	"context"
	"time"
)

// Hook stops one component. It should return when ctx is done, but a
// badly behaved one may not.
type Hook func(ctx context.Context) error

//lint:ignore U1000 the stub leaves it to the learner; the reference uses it
type hook struct {
	name    string
	timeout time.Duration
	stop    Hook
}

// Coordinator holds hooks in the order components started. The zero value
// is ready to use.
type Coordinator struct {
	//lint:ignore U1000 the stub leaves it to the learner; the reference uses it
	hooks []hook
}

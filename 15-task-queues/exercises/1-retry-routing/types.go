// Package retryrouting decides where a failed job goes next from the
// x-death history RabbitMQ wrote on it.
package retryrouting

import amqp "github.com/rabbitmq/amqp091-go"

// Policy is a retry ladder: Retry[i] is the delay queue before attempt i+2;
// after the last one a failure goes to DLQ.
type Policy struct {
	Retry []string
	DLQ   string
}

// Headers is a message's header table as amqp091-go decodes it: x-death is
// an []any of amqp.Table, each with "queue" (string), "reason" (string) and
// "count" (int64).
type Headers = amqp.Table

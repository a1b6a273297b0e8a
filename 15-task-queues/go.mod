module workbook/15-task-queues

go 1.26.0

require (
	github.com/rabbitmq/amqp091-go v1.16.0
	github.com/robfig/cron/v3 v3.0.1
	workbook/serve v0.0.0
)

replace (
	workbook/serve => ../serve
	workbook/testinfra => ../testinfra
)

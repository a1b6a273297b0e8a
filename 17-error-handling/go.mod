module workbook/17-error-handling

go 1.26.0

require (
	github.com/cenkalti/backoff/v4 v4.3.0
	github.com/sony/gobreaker/v2 v2.4.0
	workbook/serve v0.0.0
)

replace (
	workbook/serve => ../serve
	workbook/testinfra => ../testinfra
)

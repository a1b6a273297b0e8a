module workbook/23-concurrency

go 1.26.0

require (
	go.uber.org/goleak v1.3.0
	golang.org/x/sync v0.25.0
	workbook/serve v0.0.0
)

replace workbook/serve => ../serve

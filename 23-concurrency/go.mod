module workbook/23-concurrency

go 1.26.0

require (
	golang.org/x/sync v0.25.0
	workbook/serve v0.0.0
)

replace workbook/serve => ../serve

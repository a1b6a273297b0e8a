module workbook/13-caching

go 1.26.0

require (
	workbook/serve v0.0.0
	workbook/testinfra v0.0.0
)

replace (
	workbook/serve => ../serve
	workbook/testinfra => ../testinfra
)

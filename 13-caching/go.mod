module workbook/13-caching

go 1.26.0

require (
	github.com/bradfitz/gomemcache v0.0.0-20260422231931-4d751bb6e37c
	golang.org/x/sync v0.25.0
	workbook/serve v0.0.0
)

replace (
	workbook/serve => ../serve
	workbook/testinfra => ../testinfra
)

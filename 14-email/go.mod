module workbook/14-email

go 1.26.0

require workbook/serve v0.0.0

require (
	github.com/emersion/go-msgauth v0.7.0
	golang.org/x/crypto v0.57.0 // indirect
)

replace (
	workbook/serve => ../serve
	workbook/testinfra => ../testinfra
)

module workbook/05-middleware

go 1.26.0

require (
	github.com/gorilla/mux v1.8.1
	golang.org/x/time v0.16.0
)

require (
	github.com/felixge/httpsnoop v1.1.0
	github.com/rs/cors v1.11.1
	workbook/serve v0.0.0
)

replace workbook/serve => ../serve

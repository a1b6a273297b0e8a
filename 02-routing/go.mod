module workbook/02-routing

go 1.26.0

require github.com/gorilla/mux v1.8.1

require workbook/serve v0.0.0

replace workbook/serve => ../serve

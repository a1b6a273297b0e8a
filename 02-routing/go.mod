module workbook/02-routing

go 1.25

require github.com/gorilla/mux v1.8.1

module workbook/10-rest

go 1.26.0

require github.com/gorilla/mux v1.8.1

require workbook/serve v0.0.0

require golang.org/x/text v0.44.0 // indirect

replace workbook/serve => ../serve

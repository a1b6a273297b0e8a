module workbook/01-http

go 1.25

module workbook/serve

go 1.26.0

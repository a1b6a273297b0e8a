module workbook/26-testing

go 1.26.0

require workbook/serve v0.0.0

replace workbook/serve => ../serve

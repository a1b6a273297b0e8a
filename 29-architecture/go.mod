module workbook/29-architecture

go 1.26.0

require workbook/serve v0.0.0

replace workbook/serve => ../serve

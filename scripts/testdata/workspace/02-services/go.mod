module workbook/02-services

go 1.25

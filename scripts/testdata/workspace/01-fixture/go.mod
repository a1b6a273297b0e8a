module workbook/01-fixture

go 1.25

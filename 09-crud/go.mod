module workbook/09-crud

go 1.25

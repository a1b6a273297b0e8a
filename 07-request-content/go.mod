module workbook/07-request-content

go 1.25.0

require golang.org/x/text v0.41.0

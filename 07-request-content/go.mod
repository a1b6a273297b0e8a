module workbook/07-request-content

go 1.26.0

require golang.org/x/text v0.44.0

require workbook/serve v0.0.0

require github.com/elnormous/contenttype v1.0.4

replace workbook/serve => ../serve

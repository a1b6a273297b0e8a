module workbook/18-config

go 1.26.0

require (
	github.com/fsnotify/fsnotify v1.10.1
	workbook/serve v0.0.0
)

require golang.org/x/sys v0.13.0 // indirect

replace workbook/serve => ../serve

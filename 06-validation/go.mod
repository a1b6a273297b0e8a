module workbook/06-validation

go 1.26.0

require (
	github.com/go-playground/validator/v10 v10.30.6
	golang.org/x/text v0.44.0
)

require (
	github.com/gabriel-vasile/mimetype v1.4.16 // indirect
	github.com/go-playground/locales v0.14.2 // indirect
	github.com/go-playground/universal-translator v0.18.2 // indirect
	github.com/leodido/go-urn v1.5.0 // indirect
	golang.org/x/crypto v0.58.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)

require (
	golang.org/x/net v0.62.0
	workbook/serve v0.0.0
)

replace workbook/serve => ../serve

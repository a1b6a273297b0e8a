module workbook/03-serialization

go 1.26.0

require (
	github.com/vmihailenco/msgpack/v5 v5.4.1
	go.yaml.in/yaml/v3 v3.0.6
	google.golang.org/protobuf v1.36.12
)

require github.com/vmihailenco/tagparser/v2 v2.0.0 // indirect

tool google.golang.org/protobuf/cmd/protoc-gen-go

require workbook/serve v0.0.0

replace workbook/serve => ../serve

// Package articlepb holds the Protocol Buffers schema of the article
// (article.proto) and the Go code protoc generates from it (article.pb.go,
// committed). Regenerate after editing the schema, from this directory:
//
//	go generate .
//
// This needs protoc on PATH (Debian: apt-get install protobuf-compiler);
// protoc-gen-go is pinned by the tool directive in ../go.mod, so everyone
// generates with the same plugin version. TestGeneratedCodeIsFresh fails
// when article.pb.go no longer matches article.proto.
package articlepb

//go:generate sh -c "protoc --plugin=protoc-gen-go=$(go tool -n protoc-gen-go) --go_out=. --go_opt=paths=source_relative article.proto"

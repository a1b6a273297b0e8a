package main

import (
	"encoding/json"
	"fmt"
	"math"
)

// Two JSON traps from the Serialization Process section, checked by
// `go test`: a 64-bit ID read as a float64 (as every JavaScript client
// reads JSON numbers) is silently rounded, and NaN cannot be written at all.
func Example_jsonNumberTraps() {
	var asFloat struct{ ID float64 }
	_ = json.Unmarshal([]byte(`{"ID": 9007199254740993}`), &asFloat)
	fmt.Printf("as float64: %.0f\n", asFloat.ID)

	var asString struct {
		ID int64 `json:",string"`
	}
	_ = json.Unmarshal([]byte(`{"ID": "9007199254740993"}`), &asString)
	fmt.Println("as string: ", asString.ID)

	_, err := json.Marshal(math.NaN())
	fmt.Println(err)
	// Output:
	// as float64: 9007199254740992
	// as string:  9007199254740993
	// json: unsupported value: NaN
}

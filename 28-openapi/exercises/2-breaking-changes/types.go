// Package breakingchanges is exercise 2 of chapter 28: compare two versions
// of an API description and list what changed, and whether each change can
// break a client written against the old one.
package breakingchanges

// Spec is an API description reduced to what compatibility depends on: the
// operations, keyed "METHOD /path" (e.g. "GET /bookmarks/{id}").
type Spec struct {
	Operations map[string]Operation
}

// Operation is one method on one path.
type Operation struct {
	Parameters []Parameter
	// Request is the schema of the JSON request body; nil: no body.
	Request *Schema
	// Responses maps a status code to its body's schema (nil: no body).
	Responses map[int]*Schema
}

// Parameter is a path, query or header parameter; In and Name identify it.
type Parameter struct {
	Name     string
	In       string // "path", "query" or "header"
	Required bool
	Type     string
	Enum     []string
}

// Schema is a JSON Schema reduced to types, members and enums.
type Schema struct {
	Type       string // "object", "array", "string", "integer", "number", "boolean"
	Properties map[string]*Schema
	Required   []string
	Enum       []string // empty: any value of Type
	Items      *Schema
}

// Kind names a change.
type Kind string

const (
	OperationRemoved     Kind = "operation-removed"      // breaking
	OperationAdded       Kind = "operation-added"        // not breaking
	ResponseRemoved      Kind = "response-removed"       // a documented status is gone: breaking
	ResponseFieldRemoved Kind = "response-field-removed" // breaking
	FieldAdded           Kind = "field-added"            // an optional request member or any response member: not breaking
	RequestFieldRequired Kind = "request-field-required" // a request member added as, or made, required: breaking
	ParameterAdded       Kind = "parameter-added"        // an optional parameter: not breaking
	ParameterRequired    Kind = "parameter-required"     // a parameter added as, or made, required: breaking
	TypeChanged          Kind = "type-changed"           // breaking
	EnumNarrowed         Kind = "enum-narrowed"          // values removed: breaking for what clients send
	EnumWidened          Kind = "enum-widened"           // values added: breaking for what clients receive
)

// Change is one difference between the old and the new Spec.
type Change struct {
	Kind Kind
	// Op is the operation's key, "METHOD /path".
	Op string
	// In is where in the operation: "" for the operation itself, "request"
	// for the request body, "response 200" for a response's body, or a
	// parameter's location ("path", "query", "header").
	In string
	// Pointer locates the change inside a body: a JSON Pointer of member
	// names ("~" written "~0", "/" written "~1") with "*" standing for
	// "every element" of an array, e.g. "/bookmarks/*/visibility"; "" for
	// the body itself. For a parameter it is the parameter's name.
	Pointer string
	// Breaking reports whether a client written against the old Spec can
	// fail against the new one.
	Breaking bool
}

// Package backingurl is exercise 1 of chapter 27: resolve a backing
// service's URL into a typed, validated config.
package backingurl

// Kind is the backing service a URL names.
type Kind string

// The kinds Resolve knows, by URL scheme.
const (
	Memory   Kind = "memory"   // memory://
	Postgres Kind = "postgres" // postgres://, postgresql://
	Redis    Kind = "redis"    // redis://
	AMQP     Kind = "amqp"     // amqp://, amqps:// (TLS)
	S3       Kind = "s3"       // s3://bucket/prefix
)

// Service is a resolved backing-service URL.
type Service struct {
	Kind     Kind
	TLS      bool   // amqps://
	Host     string // host name or IP without brackets; s3: the bucket
	Port     int    // from the URL or the scheme's default; 0 for memory and s3
	User     string
	Password string
	// Name is the resource inside the service: postgres the database,
	// amqp the virtual host, s3 the key prefix; "" otherwise.
	Name    string
	DB      int               // redis: the database index, 0 to 15
	Options map[string]string // the query parameters (nil when there are none; s3 always has region)
}

// PartError says which part of the URL is wrong and why. Part is one of
// "url", "scheme", "user", "host", "port", "path", "query". Reason never
// contains the URL's password.
type PartError struct {
	Part   string
	Reason string
}

func (e *PartError) Error() string { return e.Part + ": " + e.Reason }

// Package manifestpolicy is exercise 4 of chapter 30: a policy checker
// over decoded Kubernetes objects — the rules an admission controller
// (Kyverno, Gatekeeper, Pod Security "restricted") would enforce, written
// from first principles.
package manifestpolicy

// The rules, in the order Check reports them for a container.
const (
	RuleProbes       = "probes"         // containers have a readiness and a liveness probe
	RuleResources    = "resources"      // CPU and memory requests and a memory limit
	RuleNonRoot      = "non-root"       // runAsNonRoot true, and no runAsUser 0
	RuleImage        = "image"          // a tag that is not latest, or a digest
	RulePrivilege    = "privilege"      // no privilege escalation, not privileged, drop ALL, add at most NET_BIND_SERVICE
	RuleReadOnlyRoot = "read-only-root" // readOnlyRootFilesystem true
	RuleSeccomp      = "seccomp"        // seccompProfile RuntimeDefault or Localhost
)

// Violation is one rule one container breaks.
type Violation struct {
	Object    string // "Deployment/web": the Go type's kind and the object's name
	Container string // the container's name
	Rule      string // one of the Rule constants
	Message   string // what is wrong, for a human
}

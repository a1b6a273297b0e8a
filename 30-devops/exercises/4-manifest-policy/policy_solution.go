//go:build solution

package manifestpolicy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// Check returns every violation in the pod templates of objs (Deployments,
// StatefulSets, DaemonSets and Pods; other kinds are skipped), in object
// order, then container order (init containers first), then rule order.
func Check(objs []runtime.Object) []Violation {
	var out []Violation
	for _, o := range objs {
		var kind, name string
		var pod *corev1.PodSpec
		switch o := o.(type) {
		case *appsv1.Deployment:
			kind, name, pod = "Deployment", o.Name, &o.Spec.Template.Spec
		case *appsv1.StatefulSet:
			kind, name, pod = "StatefulSet", o.Name, &o.Spec.Template.Spec
		case *appsv1.DaemonSet:
			kind, name, pod = "DaemonSet", o.Name, &o.Spec.Template.Spec
		case *corev1.Pod:
			kind, name, pod = "Pod", o.Name, &o.Spec
		default:
			continue
		}
		for _, c := range pod.InitContainers {
			out = append(out, checkContainer(kind+"/"+name, pod, c, false)...)
		}
		for _, c := range pod.Containers {
			out = append(out, checkContainer(kind+"/"+name, pod, c, true)...)
		}
	}
	return out
}

func checkContainer(object string, pod *corev1.PodSpec, c corev1.Container, long bool) []Violation {
	var out []Violation
	add := func(rule, format string, args ...any) {
		out = append(out, Violation{object, c.Name, rule, fmt.Sprintf(format, args...)})
	}
	// Init containers run to completion: they cannot have probes.
	if long {
		var missing []string
		if c.ReadinessProbe == nil {
			missing = append(missing, "readinessProbe")
		}
		if c.LivenessProbe == nil {
			missing = append(missing, "livenessProbe")
		}
		if len(missing) > 0 {
			add(RuleProbes, "no %s", strings.Join(missing, " and no "))
		}
	}
	req, lim := c.Resources.Requests, c.Resources.Limits
	if req.Cpu().IsZero() || req.Memory().IsZero() || lim.Memory().IsZero() {
		add(RuleResources, "needs CPU and memory requests and a memory limit, has requests %v limits %v", req, lim)
	}

	// The container's securityContext overrides the pod's, field by field.
	psc := pod.SecurityContext
	if psc == nil {
		psc = &corev1.PodSecurityContext{}
	}
	sc := c.SecurityContext
	if sc == nil {
		sc = &corev1.SecurityContext{}
	}
	nonRoot, user := psc.RunAsNonRoot, psc.RunAsUser
	if sc.RunAsNonRoot != nil {
		nonRoot = sc.RunAsNonRoot
	}
	if sc.RunAsUser != nil {
		user = sc.RunAsUser
	}
	switch {
	case nonRoot == nil || !*nonRoot:
		add(RuleNonRoot, "runAsNonRoot is not true")
	case user != nil && *user == 0:
		add(RuleNonRoot, "runAsUser is 0 (root)")
	}

	if msg := imageProblem(c.Image); msg != "" {
		add(RuleImage, "image %q: %s", c.Image, msg)
	}

	switch {
	case sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation:
		add(RulePrivilege, "allowPrivilegeEscalation is not false")
	case sc.Privileged != nil && *sc.Privileged:
		add(RulePrivilege, "privileged")
	case sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL"):
		add(RulePrivilege, "capabilities do not drop ALL")
	case slices.ContainsFunc(sc.Capabilities.Add, func(c corev1.Capability) bool { return c != "NET_BIND_SERVICE" }):
		add(RulePrivilege, "adds capabilities %v (only NET_BIND_SERVICE is allowed)", sc.Capabilities.Add)
	}

	if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
		add(RuleReadOnlyRoot, "readOnlyRootFilesystem is not true")
	}

	seccomp := psc.SeccompProfile
	if sc.SeccompProfile != nil {
		seccomp = sc.SeccompProfile
	}
	if seccomp == nil || seccomp.Type != corev1.SeccompProfileTypeRuntimeDefault && seccomp.Type != corev1.SeccompProfileTypeLocalhost {
		add(RuleSeccomp, "seccompProfile is not RuntimeDefault or Localhost")
	}
	return out
}

var digest = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// imageProblem says what is wrong with an image reference's pinning, or "".
// The tag is after the last colon of the last path part: in
// "registry:5000/app" the colon belongs to the host, and there is no tag.
func imageProblem(image string) string {
	if image == "" {
		return "no image"
	}
	ref, dig, hasDigest := strings.Cut(image, "@")
	if hasDigest {
		if !digest.MatchString(dig) {
			return "the digest is not sha256: and 64 hex digits"
		}
		return "" // a digest pins the content, whatever the tag says
	}
	last := ref[strings.LastIndex(ref, "/")+1:]
	_, tag, hasTag := strings.Cut(last, ":")
	switch {
	case !hasTag || tag == "":
		return "no tag, which means latest"
	case tag == "latest":
		return "the latest tag moves"
	}
	return ""
}

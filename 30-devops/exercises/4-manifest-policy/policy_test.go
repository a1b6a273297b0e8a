package manifestpolicy

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"workbook/30-devops/manifest"
)

const edit = "(edit exercises/4-manifest-policy/policy.go)"

var decoder = func() runtime.Decoder {
	s := runtime.NewScheme()
	corev1.AddToScheme(s)
	appsv1.AddToScheme(s)
	return serializer.NewCodecFactory(s, serializer.EnableStrict).UniversalDeserializer()
}()

func decode(t *testing.T, doc string) runtime.Object {
	t.Helper()
	obj, _, err := decoder.Decode([]byte(doc), nil, nil)
	if err != nil {
		t.Fatalf("fixture does not decode: %v\n%s", err, doc)
	}
	return obj
}

// good passes every rule; each case below breaks it in one place.
const good = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 65532
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: ghcr.io/example/web:1.4.0
          readinessProbe: {httpGet: {path: /readyz, port: 8080}}
          livenessProbe: {httpGet: {path: /livez, port: 8080}}
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {memory: 128Mi}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`

// render turns violations into "Object container rule" lines, sorted.
func render(vs []Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, fmt.Sprintf("%s %s %s", v.Object, v.Container, v.Rule))
	}
	slices.Sort(out)
	return out
}

func replace(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("fixture edit: %q not found", old)
	}
	return strings.Replace(s, old, new, 1)
}

type edit2 = [2]string // replace [0] with [1], once

func TestEachRule(t *testing.T) {
	const secCtx = "            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities: {drop: [ALL]}\n"
	const podSec = "      securityContext:\n        runAsNonRoot: true\n        runAsUser: 65532\n        seccompProfile: {type: RuntimeDefault}\n"
	plus := func(extra string) edit2 { return edit2{secCtx, secCtx + extra} }
	for _, tc := range []struct {
		name  string
		edits []edit2
		want  []string // rendered "Object container rule", sorted
	}{
		{"good", nil, nil},
		{"no readiness probe", []edit2{{"          readinessProbe: {httpGet: {path: /readyz, port: 8080}}\n", ""}}, []string{"Deployment/web app probes"}},
		{"no liveness probe", []edit2{{"          livenessProbe: {httpGet: {path: /livez, port: 8080}}\n", ""}}, []string{"Deployment/web app probes"}},
		{"no probes at all: one violation", []edit2{{"          readinessProbe: {httpGet: {path: /readyz, port: 8080}}\n          livenessProbe: {httpGet: {path: /livez, port: 8080}}\n", ""}}, []string{"Deployment/web app probes"}},
		{"a startup probe does not replace them", []edit2{{"          readinessProbe:", "          startupProbe:"}}, []string{"Deployment/web app probes"}},
		{"no resources", []edit2{{"          resources:\n            requests: {cpu: 100m, memory: 64Mi}\n            limits: {memory: 128Mi}\n", ""}}, []string{"Deployment/web app resources"}},
		{"no CPU request", []edit2{{"requests: {cpu: 100m, memory: 64Mi}", "requests: {memory: 64Mi}"}}, []string{"Deployment/web app resources"}},
		{"no memory request", []edit2{{"requests: {cpu: 100m, memory: 64Mi}", "requests: {cpu: 100m}"}}, []string{"Deployment/web app resources"}},
		{"no memory limit", []edit2{{"limits: {memory: 128Mi}", "limits: {cpu: 500m}"}}, []string{"Deployment/web app resources"}},
		{"zero memory request", []edit2{{"memory: 64Mi}", "memory: 0}"}}, []string{"Deployment/web app resources"}},
		{"no runAsNonRoot", []edit2{{"        runAsNonRoot: true\n", ""}}, []string{"Deployment/web app non-root"}},
		{"runAsNonRoot false", []edit2{{"runAsNonRoot: true", "runAsNonRoot: false"}}, []string{"Deployment/web app non-root"}},
		{"container overrides runAsNonRoot", []edit2{plus("            runAsNonRoot: false\n")}, []string{"Deployment/web app non-root"}},
		{"container sets it when the pod does not", []edit2{{"        runAsNonRoot: true\n", ""}, plus("            runAsNonRoot: true\n")}, nil},
		{"container runs as uid 0", []edit2{plus("            runAsUser: 0\n")}, []string{"Deployment/web app non-root"}},
		{"pod runs as uid 0", []edit2{{"runAsUser: 65532", "runAsUser: 0"}}, []string{"Deployment/web app non-root"}},
		{"container uid overrides pod uid 0", []edit2{{"runAsUser: 65532", "runAsUser: 0"}, plus("            runAsUser: 1000\n")}, nil},
		{"latest", []edit2{{"web:1.4.0", "web:latest"}}, []string{"Deployment/web app image"}},
		{"no tag", []edit2{{"web:1.4.0", "web"}}, []string{"Deployment/web app image"}},
		{"empty tag", []edit2{{"image: ghcr.io/example/web:1.4.0", "image: 'ghcr.io/example/web:'"}}, []string{"Deployment/web app image"}},
		{"registry port is not a tag", []edit2{{"ghcr.io/example/web:1.4.0", "registry.local:5000/web"}}, []string{"Deployment/web app image"}},
		{"malformed: ends in a slash", []edit2{{"ghcr.io/example/web:1.4.0", "registry.local:5000/"}}, []string{"Deployment/web app image"}},
		{"registry port and a tag", []edit2{{"ghcr.io/example/web:1.4.0", "registry.local:5000/web:1.4.0"}}, nil},
		{"registry port and latest", []edit2{{"ghcr.io/example/web:1.4.0", "registry.local:5000/team/web:latest"}}, []string{"Deployment/web app image"}},
		{"digest", []edit2{{"web:1.4.0", "web@sha256:" + strings.Repeat("0a", 32)}}, nil},
		{"latest with a digest is pinned", []edit2{{"web:1.4.0", "web:latest@sha256:" + strings.Repeat("0a", 32)}}, nil},
		{"short digest", []edit2{{"web:1.4.0", "web@sha256:0a0a"}}, []string{"Deployment/web app image"}},
		{"digest of another algorithm", []edit2{{"web:1.4.0", "web@md5:" + strings.Repeat("0a", 32)}}, []string{"Deployment/web app image"}},
		{"uppercase digest", []edit2{{"web:1.4.0", "web@sha256:" + strings.Repeat("0A", 32)}}, []string{"Deployment/web app image"}},
		{"Docker Hub short name", []edit2{{"ghcr.io/example/web:1.4.0", "nginx:1.27.3-alpine"}}, nil},
		{"no image", []edit2{{"          image: ghcr.io/example/web:1.4.0\n", ""}}, []string{"Deployment/web app image"}},
		{"privilege escalation unset", []edit2{{"            allowPrivilegeEscalation: false\n", ""}}, []string{"Deployment/web app privilege"}},
		{"privilege escalation true", []edit2{{"allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true"}}, []string{"Deployment/web app privilege"}},
		{"privileged", []edit2{plus("            privileged: true\n")}, []string{"Deployment/web app privilege"}},
		{"privileged false is fine", []edit2{plus("            privileged: false\n")}, nil},
		{"drops only some", []edit2{{"drop: [ALL]", "drop: [NET_RAW]"}}, []string{"Deployment/web app privilege"}},
		{"drops nothing", []edit2{{"            capabilities: {drop: [ALL]}\n", ""}}, []string{"Deployment/web app privilege"}},
		{"drops ALL among others", []edit2{{"drop: [ALL]", "drop: [NET_RAW, ALL]"}}, nil},
		{"adds NET_BIND_SERVICE", []edit2{{"drop: [ALL]", "drop: [ALL], add: [NET_BIND_SERVICE]"}}, nil},
		{"adds SYS_ADMIN", []edit2{{"drop: [ALL]", "drop: [ALL], add: [NET_BIND_SERVICE, SYS_ADMIN]"}}, []string{"Deployment/web app privilege"}},
		{"adds SYS_ADMIN first", []edit2{{"drop: [ALL]", "drop: [ALL], add: [SYS_ADMIN, NET_BIND_SERVICE]"}}, []string{"Deployment/web app privilege"}},
		{"writable root", []edit2{{"readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"}}, []string{"Deployment/web app read-only-root"}},
		{"root not said read-only", []edit2{{"            readOnlyRootFilesystem: true\n", ""}}, []string{"Deployment/web app read-only-root"}},
		{"no seccomp", []edit2{{"        seccompProfile: {type: RuntimeDefault}\n", ""}}, []string{"Deployment/web app seccomp"}},
		{"unconfined seccomp", []edit2{{"{type: RuntimeDefault}", "{type: Unconfined}"}}, []string{"Deployment/web app seccomp"}},
		{"localhost seccomp", []edit2{{"{type: RuntimeDefault}", "{type: Localhost, localhostProfile: profiles/web.json}"}}, nil},
		{"container seccomp overrides", []edit2{plus("            seccompProfile: {type: Unconfined}\n")}, []string{"Deployment/web app seccomp"}},
		{"container seccomp alone", []edit2{{"        seccompProfile: {type: RuntimeDefault}\n", ""}, plus("            seccompProfile: {type: RuntimeDefault}\n")}, nil},
		{"no pod securityContext", []edit2{{podSec, ""}}, []string{"Deployment/web app non-root", "Deployment/web app seccomp"}},
		{"no securityContext at all", []edit2{{podSec, ""}, {"          securityContext:\n" + secCtx, ""}},
			[]string{"Deployment/web app non-root", "Deployment/web app privilege", "Deployment/web app read-only-root", "Deployment/web app seccomp"}},
		{"container context alone is enough", []edit2{{podSec, ""}, plus("            runAsNonRoot: true\n            seccompProfile: {type: RuntimeDefault}\n")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := good
			for _, e := range tc.edits {
				doc = replace(t, doc, e[0], e[1])
			}
			got := Check([]runtime.Object{decode(t, doc)})
			if !slices.Equal(render(got), tc.want) {
				t.Errorf("Check = %q, want %q %s", render(got), tc.want, edit)
			}
			for _, v := range got {
				if v.Message == "" {
					t.Errorf("violation %+v has no message %s", v, edit)
				}
			}
		})
	}
}

// A second container, an init container and the other workload kinds.
func TestKindsAndContainers(t *testing.T) {
	initC := "      initContainers:\n        - name: migrate\n          image: ghcr.io/example/web:latest\n" +
		"          resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {memory: 32Mi}}\n" +
		"          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}\n"
	sidecar := "        - name: proxy\n          image: envoyproxy/envoy:v1.33.0\n"
	doc := replace(t, good, "      containers:\n", initC+"      containers:\n")
	doc += sidecar
	got := Check([]runtime.Object{decode(t, doc)})
	// The init container has no probes, and needs none; the sidecar breaks everything but the image rule.
	want := []string{
		"Deployment/web migrate image",
		"Deployment/web proxy privilege", "Deployment/web proxy probes", "Deployment/web proxy read-only-root", "Deployment/web proxy resources",
	}
	if !slices.Equal(render(got), want) {
		t.Errorf("Check = %q\nwant %q %s", render(got), want, edit)
	}
	// Order: init containers first, then containers; rules in constant order.
	var order []string
	for _, v := range got {
		order = append(order, v.Container+" "+v.Rule)
	}
	wantOrder := []string{"migrate image", "proxy probes", "proxy resources", "proxy privilege", "proxy read-only-root"}
	if !slices.Equal(order, wantOrder) {
		t.Errorf("order = %q, want %q %s", order, wantOrder, edit)
	}

	bad := func(kind, apiVersion string) string {
		d := replace(t, good, "web:1.4.0", "web:latest")
		d = replace(t, d, "apiVersion: apps/v1\nkind: Deployment", "apiVersion: "+apiVersion+"\nkind: "+kind)
		return d
	}
	sts := replace(t, bad("StatefulSet", "apps/v1"), "metadata: {name: web}", "metadata: {name: db}")
	ds := replace(t, bad("DaemonSet", "apps/v1"), "metadata: {name: web}", "metadata: {name: agent}")
	pod := `
apiVersion: v1
kind: Pod
metadata: {name: debug}
spec:
  containers:
    - name: shell
      image: busybox
`
	svc := "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n"
	cm := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {image: 'nginx:latest'}\n"
	objs := []runtime.Object{decode(t, sts), decode(t, svc), decode(t, ds), decode(t, cm), decode(t, pod), decode(t, good)}
	got = Check(objs)
	var objects []string
	for _, v := range got {
		if len(objects) == 0 || objects[len(objects)-1] != v.Object {
			objects = append(objects, v.Object)
		}
	}
	if want := []string{"StatefulSet/db", "DaemonSet/agent", "Pod/debug"}; !slices.Equal(objects, want) {
		t.Errorf("objects with violations, in order: %q; want %q (Services and ConfigMaps are not workloads) %s", objects, want, edit)
	}
	if n := len(render(got)); n != 2+7 {
		t.Errorf("%d violations, want 9 (latest in the StatefulSet and the DaemonSet, all 7 rules in the Pod): %q %s", n, render(got), edit)
	}
	// The object's kind comes from its Go type, not from TypeMeta, which
	// is empty for an object built in Go.
	built := &appsv1.Deployment{}
	built.Name = "built"
	built.Spec.Template.Spec.Containers = []corev1.Container{{Name: "c", Image: "x:latest"}}
	if got := Check([]runtime.Object{built}); len(got) == 0 || got[0].Object != "Deployment/built" {
		t.Errorf("Check(a Deployment built in Go) = %+v, want violations of Deployment/built %s", got, edit)
	}
	if got := Check(nil); len(got) != 0 {
		t.Errorf("Check(nil) = %+v, want none %s", got, edit)
	}
}

// The chapter's own manifests, and the capstone's, pass the policy.
func TestRealManifestsPass(t *testing.T) {
	for _, dir := range []string{"../../deploy/kubernetes", "../../../capstone/deploy/kubernetes"} {
		s, err := manifest.Load(dir)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		var objs []runtime.Object
		for _, o := range s.Objects {
			objs = append(objs, o.Obj)
		}
		for _, v := range Check(objs) {
			t.Errorf("%s: %s container %s breaks %s: %s %s", dir, v.Object, v.Container, v.Rule, v.Message, edit)
		}
		if len(s.Deployments) == 0 {
			t.Errorf("%s: no Deployment to check", dir)
		}
	}
}

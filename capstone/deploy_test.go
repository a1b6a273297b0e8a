package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/yaml"
)

const manifests = "deploy/kubernetes"

// readManifest decodes one file strictly into its Kubernetes type: a
// misspelt field (readinesProbe) is an error, not a silently ignored key.
func readManifest(t *testing.T, name string, into any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(manifests, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalStrict(b, into); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestKubernetesManifests checks the manifests as a reviewer would: they
// decode as the API types they claim, wire to each other (selectors, names,
// ports), give every variable of config.go a value that the program itself
// accepts, and keep the production rules — two or more replicas, probes on
// /livez and /readyz, resources, a locked-down security context, a grace
// period longer than the program's own shutdown.
func TestKubernetesManifests(t *testing.T) {
	var (
		cm     corev1.ConfigMap
		secret corev1.Secret
		dep    appsv1.Deployment
		svc    corev1.Service
		pdb    policyv1.PodDisruptionBudget
		hpa    autoscalingv2.HorizontalPodAutoscaler
		kust   struct {
			APIVersion string   `json:"apiVersion"`
			Kind       string   `json:"kind"`
			Resources  []string `json:"resources"`
		}
	)
	readManifest(t, "configmap.yaml", &cm)
	readManifest(t, "secret.yaml", &secret)
	readManifest(t, "deployment.yaml", &dep)
	readManifest(t, "service.yaml", &svc)
	readManifest(t, "pdb.yaml", &pdb)
	readManifest(t, "hpa.yaml", &hpa)
	readManifest(t, "kustomization.yaml", &kust)
	for kind, got := range map[string]string{"ConfigMap": cm.Kind, "Secret": secret.Kind, "Deployment": dep.Kind, "Service": svc.Kind, "PodDisruptionBudget": pdb.Kind, "HorizontalPodAutoscaler": hpa.Kind, "Kustomization": kust.Kind} {
		if got != kind {
			t.Errorf("a manifest meant as %s has kind %q", kind, got)
		}
	}
	files, _ := filepath.Glob(filepath.Join(manifests, "*.yaml"))
	for _, f := range files {
		if base := filepath.Base(f); base != "kustomization.yaml" && !slices.Contains(kust.Resources, base) {
			t.Errorf("kustomization.yaml does not list %s", base)
		}
	}

	// Every variable of config.go has a value in exactly one of the two,
	// secrets only in the Secret, and the program accepts the whole set.
	src, err := os.ReadFile("config.go")
	if err != nil {
		t.Fatal(err)
	}
	var vars []string
	for _, m := range regexp.MustCompile(`\(&[\w.]+, "[a-z0-9-]+", "([A-Z0-9_]+)"`).FindAllSubmatch(src, -1) {
		vars = append(vars, string(m[1]))
	}
	if len(vars) < 20 {
		t.Fatalf("found only %d variables in config.go: %v; the pattern no longer matches", len(vars), vars)
	}
	secrets := []string{"DATABASE_URL", "JWT_SECRET", "JWT_PREVIOUS_SECRETS", "AMQP_URL", "SMTP_URL", "S3_ACCESS_KEY", "S3_SECRET_KEY"}
	env := map[string]string{}
	for k, v := range cm.Data {
		env[k] = v
	}
	for k, v := range secret.StringData {
		if _, dup := env[k]; dup {
			t.Errorf("%s is in both the ConfigMap and the Secret", k)
		}
		env[k] = v
	}
	for _, v := range vars {
		if _, ok := env[v]; !ok {
			t.Errorf("config.go reads %s, which neither the ConfigMap nor the Secret sets", v)
		}
	}
	for k := range env {
		if !slices.Contains(vars, k) {
			t.Errorf("the manifests set %s, which config.go does not read", k)
		}
	}
	for _, s := range secrets {
		if _, inCM := cm.Data[s]; inCM {
			t.Errorf("%s is a secret but sits in the ConfigMap", s)
		}
	}
	cfg, err := loadConfig(nil, func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("the program rejects the manifests' configuration:\n%v", err)
	}

	// The Deployment.
	if dep.Spec.Replicas == nil || *dep.Spec.Replicas < 2 {
		t.Errorf("replicas = %v, want at least 2", dep.Spec.Replicas)
	}
	sel, err := metav1LabelSelector(dep.Spec.Selector)
	if err != nil || !sel.Matches(labels.Set(dep.Spec.Template.Labels)) {
		t.Errorf("the Deployment's selector does not select its own pods (%v)", err)
	}
	pod := dep.Spec.Template.Spec
	if len(pod.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(pod.Containers))
	}
	c := pod.Containers[0]
	ports := map[string]int32{}
	for _, p := range c.Ports {
		ports[p.Name] = p.ContainerPort
	}
	if want := portOf(t, cfg.Addr); ports["http"] != want {
		t.Errorf("container port http = %d, but ADDR listens on %d", ports["http"], want)
	}
	if want := portOf(t, cfg.DebugAddr); ports["debug"] != want {
		t.Errorf("container port debug = %d, but DEBUG_ADDR listens on %d", ports["debug"], want)
	}
	for name, probe := range map[string]*corev1.Probe{"liveness": c.LivenessProbe, "readiness": c.ReadinessProbe, "startup": c.StartupProbe} {
		if probe == nil || probe.HTTPGet == nil || probe.HTTPGet.Port.String() != "http" {
			t.Errorf("%s probe = %+v, want an HTTP GET on the http port", name, probe)
		}
	}
	if c.LivenessProbe != nil && c.LivenessProbe.HTTPGet.Path != "/livez" || c.ReadinessProbe != nil && c.ReadinessProbe.HTTPGet.Path != "/readyz" {
		t.Error("liveness must probe /livez and readiness /readyz (a failing database must not restart the pod)")
	}
	if c.Resources.Requests.Cpu().IsZero() || c.Resources.Requests.Memory().IsZero() || c.Resources.Limits.Memory().IsZero() {
		t.Errorf("resources = %+v, want CPU and memory requests and a memory limit", c.Resources)
	}
	sc := c.SecurityContext
	if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation ||
		sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") {
		t.Errorf("container securityContext = %+v, want read-only root, no privilege escalation, all capabilities dropped", sc)
	}
	psc := pod.SecurityContext
	dockerfile, _ := os.ReadFile("Dockerfile")
	if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot || psc.RunAsUser == nil ||
		!strings.Contains(string(dockerfile), "USER "+itoa(*psc.RunAsUser)+":") {
		t.Errorf("pod securityContext = %+v, want runAsNonRoot with the Dockerfile's numeric USER", psc)
	}
	refs := map[string]bool{}
	for _, e := range c.EnvFrom {
		if e.ConfigMapRef != nil {
			refs["cm:"+e.ConfigMapRef.Name] = true
		}
		if e.SecretRef != nil {
			refs["secret:"+e.SecretRef.Name] = true
		}
	}
	if !refs["cm:"+cm.Name] || !refs["secret:"+secret.Name] {
		t.Errorf("envFrom = %v, want the ConfigMap %q and the Secret %q", refs, cm.Name, secret.Name)
	}
	grace := time.Duration(*pod.TerminationGracePeriodSeconds) * time.Second
	if need := cfg.DrainDelay + cfg.ShutdownTimeout; grace <= need {
		t.Errorf("terminationGracePeriodSeconds = %v, want more than DRAIN_DELAY + SHUTDOWN_TIMEOUT = %v, or SIGKILL cuts the drain", grace, need)
	}

	// The Service, the PDB and the HPA point at it.
	if !labels.SelectorFromSet(svc.Spec.Selector).Matches(labels.Set(dep.Spec.Template.Labels)) {
		t.Error("the Service selects no pod of the Deployment")
	}
	for _, p := range svc.Spec.Ports {
		if p.TargetPort.String() != "http" {
			t.Errorf("the Service exposes target port %s; only http is public", p.TargetPort.String())
		}
	}
	pdbSel, err := metav1LabelSelector(pdb.Spec.Selector)
	if err != nil || !pdbSel.Matches(labels.Set(dep.Spec.Template.Labels)) {
		t.Error("the PodDisruptionBudget selects no pod of the Deployment")
	}
	if pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() < 1 || int32(pdb.Spec.MinAvailable.IntValue()) >= *dep.Spec.Replicas {
		t.Errorf("PDB minAvailable = %v, want at least 1 and fewer than the replicas (or no drain could ever proceed)", pdb.Spec.MinAvailable)
	}
	ref := hpa.Spec.ScaleTargetRef
	if ref.Kind != "Deployment" || ref.Name != dep.Name || hpa.Spec.MinReplicas == nil || *hpa.Spec.MinReplicas < 2 || hpa.Spec.MaxReplicas < *hpa.Spec.MinReplicas {
		t.Errorf("HPA targets %s/%s with %v–%d replicas, want the Deployment, at least 2", ref.Kind, ref.Name, hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas)
	}
}

func portOf(t *testing.T, addr string) int32 {
	t.Helper()
	_, p, ok := strings.Cut(addr, ":")
	n := int32(0)
	for _, r := range p {
		n = n*10 + int32(r-'0')
	}
	if !ok || n == 0 {
		t.Fatalf("no port in %q", addr)
	}
	return n
}

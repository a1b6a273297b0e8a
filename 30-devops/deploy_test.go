package main

import (
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"workbook/30-devops/manifest"
)

// TestKubernetesManifests: the manifests decode strictly as the API types
// and wire together (manifest.Validate), and keep the production rules of
// this chapter's lesson.
func TestKubernetesManifests(t *testing.T) {
	s, err := manifest.Load("deploy/kubernetes")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.Validate() {
		t.Errorf("Validate: %v", e)
	}
	if len(s.Deployments) != 1 || len(s.ConfigMaps) != 1 || len(s.Secrets) != 1 || len(s.Services) != 1 || len(s.PDBs) != 1 || len(s.HPAs) != 1 {
		t.Fatalf("want one Deployment, ConfigMap, Secret, Service, PDB and HPA; got %d %d %d %d %d %d",
			len(s.Deployments), len(s.ConfigMaps), len(s.Secrets), len(s.Services), len(s.PDBs), len(s.HPAs))
	}
	dep, cm, secret, pdb, hpa := s.Deployments[0], s.ConfigMaps[0], s.Secrets[0], s.PDBs[0], s.HPAs[0]

	// Rolling update that never drops below the desired count.
	ru := dep.Spec.Strategy.RollingUpdate
	if dep.Spec.Strategy.Type != "RollingUpdate" || ru == nil || ru.MaxUnavailable == nil || ru.MaxUnavailable.IntValue() != 0 || ru.MaxSurge == nil || ru.MaxSurge.IntValue() < 1 {
		t.Errorf("strategy = %+v, want RollingUpdate with maxUnavailable 0 and maxSurge ≥ 1", dep.Spec.Strategy)
	}
	if dep.Spec.Replicas == nil || *dep.Spec.Replicas < 2 {
		t.Errorf("replicas = %v, want at least 2", dep.Spec.Replicas)
	}

	pod := dep.Spec.Template.Spec
	c := pod.Containers[0]
	for name, pr := range map[string]struct {
		probe *corev1.Probe
		path  string
	}{"startup": {c.StartupProbe, "/livez"}, "liveness": {c.LivenessProbe, "/livez"}, "readiness": {c.ReadinessProbe, "/readyz"}} {
		if pr.probe == nil || pr.probe.HTTPGet == nil || pr.probe.HTTPGet.Path != pr.path {
			t.Errorf("%s probe = %+v, want an HTTP GET of %s", name, pr.probe, pr.path)
		}
	}
	if c.StartupProbe != nil && c.StartupProbe.PeriodSeconds*c.StartupProbe.FailureThreshold < 10 {
		t.Errorf("the startup probe gives up after %ds, too soon", c.StartupProbe.PeriodSeconds*c.StartupProbe.FailureThreshold)
	}

	req, lim := c.Resources.Requests, c.Resources.Limits
	if req.Cpu().IsZero() || req.Memory().IsZero() || lim.Cpu().IsZero() || lim.Memory().IsZero() {
		t.Errorf("resources = %+v, want CPU and memory requests and limits", c.Resources)
	}
	if req.Memory().Cmp(*lim.Memory()) > 0 || req.Cpu().Cmp(*lim.Cpu()) > 0 {
		t.Errorf("requests above limits: %+v", c.Resources)
	}
	// GOMEMLIMIT below the memory limit, with headroom for what the Go
	// runtime does not count (stacks' OS overhead, cgo, the binary).
	var gomemlimit string
	for _, e := range c.Env {
		if e.Name == "GOMEMLIMIT" {
			gomemlimit = e.Value
		}
	}
	if n, err := resource.ParseQuantity(strings.TrimSuffix(gomemlimit, "B")); err != nil {
		t.Errorf("GOMEMLIMIT %q does not parse: %v", gomemlimit, err)
	} else if ratio := float64(n.Value()) / float64(lim.Memory().Value()); ratio < 0.7 || ratio > 0.95 {
		t.Errorf("GOMEMLIMIT is %.0f%% of the memory limit, want 70–95%%", ratio*100)
	}

	psc, sc := pod.SecurityContext, c.SecurityContext
	dockerfile, _ := os.ReadFile("Dockerfile")
	user := regexp.MustCompile(`(?m)^USER (\d+)`).FindSubmatch(dockerfile)
	if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot || psc.RunAsUser == nil || user == nil || strconv.FormatInt(*psc.RunAsUser, 10) != string(user[1]) {
		t.Errorf("pod securityContext = %+v, want runAsNonRoot and runAsUser = the Dockerfile's USER", psc)
	}
	if psc == nil || psc.SeccompProfile == nil || psc.SeccompProfile.Type != "RuntimeDefault" {
		t.Error("pod securityContext: want seccompProfile RuntimeDefault")
	}
	if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation ||
		sc.Capabilities == nil || len(sc.Capabilities.Drop) != 1 || sc.Capabilities.Drop[0] != "ALL" || len(sc.Capabilities.Add) != 0 {
		t.Errorf("container securityContext = %+v, want read-only root, no privilege escalation, drop ALL", sc)
	}
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		t.Error("the pod mounts a service account token it never uses")
	}

	// The ConfigMap and the Secret are exactly the program's configuration,
	// and the program accepts them; secrets only in the Secret.
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
	if _, ok := cm.Data["DATABASE_URL"]; ok {
		t.Error("DATABASE_URL carries a password: it belongs in the Secret")
	}
	// A managed database is reached over a network the cluster does not
	// own: TLS, with the server's certificate checked.
	if u := secret.StringData["DATABASE_URL"]; !strings.Contains(u, "sslmode=verify-full") {
		t.Errorf("DATABASE_URL %q: want sslmode=verify-full for a database across the network", u)
	}
	src, _ := os.ReadFile("main.go")
	for k := range env {
		if !strings.Contains(string(src), `"`+k+`"`) {
			t.Errorf("the manifests set %s, which parseConfig does not read", k)
		}
	}
	cfg, err := parseConfig(nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatalf("parseConfig rejects the manifests' configuration: %v", err)
	}
	if _, port, _ := strings.Cut(cfg.addr, ":"); c.Ports[0].ContainerPort != int32(atoi(t, port)) {
		t.Errorf("containerPort %d, but ADDR listens on %s", c.Ports[0].ContainerPort, port)
	}

	// The SIGKILL comes after serve.Run's 10 s drain plus the preStop sleep.
	var preStop time.Duration
	if c.Lifecycle != nil && c.Lifecycle.PreStop != nil && c.Lifecycle.PreStop.Sleep != nil {
		preStop = time.Duration(c.Lifecycle.PreStop.Sleep.Seconds) * time.Second
	}
	if preStop == 0 {
		t.Error("no preStop sleep: the listener would close before the endpoints stop sending traffic")
	}
	if grace := time.Duration(*pod.TerminationGracePeriodSeconds) * time.Second; grace <= preStop+10*time.Second {
		t.Errorf("terminationGracePeriodSeconds %v, want more than preStop %v + the 10 s drain", grace, preStop)
	}

	if pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() < 1 || int32(pdb.Spec.MinAvailable.IntValue()) >= *dep.Spec.Replicas {
		t.Errorf("PDB minAvailable %v: want ≥ 1 and below the replicas, or no node could ever be drained", pdb.Spec.MinAvailable)
	}
	if hpa.APIVersion != "autoscaling/v2" || hpa.Spec.MinReplicas == nil || *hpa.Spec.MinReplicas != *dep.Spec.Replicas || len(hpa.Spec.Metrics) == 0 {
		t.Errorf("HPA %s: min %v, want autoscaling/v2 with minReplicas = the Deployment's replicas", hpa.APIVersion, hpa.Spec.MinReplicas)
	}
	if s.Kustomize.Namespace == "" {
		t.Error("kustomization.yaml sets no namespace")
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

package manifest

import (
	"strings"
	"testing"
)

const goodDeployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0.0
          ports: [{name: http, containerPort: 8080}]
          readinessProbe:
            httpGet: {path: /readyz, port: http}
`

func TestLoadDecodesEveryManifest(t *testing.T) {
	for _, dir := range []string{"../deploy/kubernetes", "../../capstone/deploy/kubernetes"} {
		t.Run(dir, func(t *testing.T) {
			s, err := Load(dir)
			if err != nil {
				t.Fatalf("Load(%s): %v", dir, err)
			}
			if len(s.Objects) != len(s.Kustomize.Resources) {
				t.Errorf("%d objects from %d files", len(s.Objects), len(s.Kustomize.Resources))
			}
			if len(s.Deployments) != 1 || len(s.Services) != 1 || len(s.PDBs) != 1 || len(s.HPAs) != 1 || len(s.ConfigMaps) != 1 || len(s.Secrets) != 1 {
				t.Errorf("kinds: %d Deployments, %d Services, %d PDBs, %d HPAs, %d ConfigMaps, %d Secrets; want one each",
					len(s.Deployments), len(s.Services), len(s.PDBs), len(s.HPAs), len(s.ConfigMaps), len(s.Secrets))
			}
			for _, o := range s.Objects {
				if o.Obj.GetObjectKind().GroupVersionKind().Kind == "" {
					t.Errorf("%s decoded without its kind", o.Source)
				}
			}
			for _, e := range s.Validate() {
				t.Errorf("Validate: %v", e)
			}
		})
	}
}

// TestStrictDecoding: each document is one mistake a lenient decoder
// (yaml.Unmarshal into a struct, or kubectl with --validate=false) lets
// through.
func TestStrictDecoding(t *testing.T) {
	for _, tc := range []struct{ name, doc, want string }{
		{"misspelt field", strings.Replace(goodDeployment, "readinessProbe", "readinesProbe", 1), `unknown field "spec.template.spec.containers[0].readinesProbe"`},
		{"duplicate field", strings.Replace(goodDeployment, "  selector:", "  replicas: 2\n  replicas: 3\n  selector:", 1), `"replicas" already set`},
		{"wrong type", strings.Replace(goodDeployment, "  selector:", "  replicas: two\n  selector:", 1), "replicas"},
		{"unknown kind", strings.Replace(goodDeployment, "kind: Deployment", "kind: Deploymnet", 1), "no kind"},
		{"wrong apiVersion", strings.Replace(goodDeployment, "apps/v1", "apps/v1beta9", 1), "no kind"},
		{"not checked here", "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n", "not checked"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s Set
			err := s.Add("x.yaml", []byte(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Add = %v, want an error containing %q", err, tc.want)
			}
		})
	}
	var s Set
	if err := s.Add("ok.yaml", []byte("# a comment only\n---\n"+goodDeployment+"\n---\n")); err != nil || len(s.Deployments) != 1 {
		t.Errorf("Add(good, with an empty document) = %v, %d Deployments; want nil, 1", err, len(s.Deployments))
	}
}

// TestValidateCrossReferences: each set decodes fine, and is still wrong.
func TestValidateCrossReferences(t *testing.T) {
	svc := "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n"
	for _, tc := range []struct{ name, docs, want string }{
		{"good", goodDeployment + "---\n" + svc, ""},
		{"selector misses template", strings.Replace(goodDeployment, "labels: {app: web}\n    spec:", "labels: {app: webx}\n    spec:", 1), "does not match the template's labels"},
		{"probe names an undeclared port", strings.Replace(goodDeployment, "port: http}", "port: admin}", 1), "readinessProbe.port"},
		{"bad name", strings.Replace(goodDeployment, "name: web\n  labels", "name: Web_1\n  labels", 1), "metadata.name"},
		{"bad label value", strings.Replace(goodDeployment, "  labels: {app: web}\nspec", "  labels: {app: -web-}\nspec", 1), "metadata.labels"},
		{"bad container name", strings.Replace(goodDeployment, "- name: web", "- name: Web", 1), "containers[0].name"},
		{"service selects nothing", goodDeployment + "---\n" + strings.Replace(svc, "{app: web}", "{app: api}", 1), "selects the pods of no Deployment"},
		{"service targets a missing port", goodDeployment + "---\n" + strings.Replace(svc, "targetPort: http", "targetPort: 9090", 1), "targetPort"},
		{"service name not a DNS label", goodDeployment + "---\n" + strings.Replace(svc, "name: web}", "name: web.v1}", 1), "metadata.name"},
		{"envFrom a missing ConfigMap", strings.Replace(goodDeployment, "          ports:", "          envFrom: [{configMapRef: {name: web-config}}]\n          ports:", 1), "configMapRef"},
		{"PDB selects nothing", goodDeployment + "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec: {minAvailable: 1, selector: {matchLabels: {app: api}}}\n", "PodDisruptionBudget"},
		{"HPA targets a missing Deployment", goodDeployment + "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}, maxReplicas: 3}\n", "scaleTargetRef"},
		{"HPA min above max", goodDeployment + "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 4, maxReplicas: 3}\n", "minReplicas"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s Set
			if err := s.Add("x.yaml", []byte(tc.docs)); err != nil {
				t.Fatalf("Add: %v", err)
			}
			errs := s.Validate()
			if tc.want == "" {
				if len(errs) > 0 {
					t.Errorf("Validate = %v, want no errors", errs)
				}
				return
			}
			if !strings.Contains(errs.ToAggregate().Error(), tc.want) {
				t.Errorf("Validate = %v, want an error containing %q", errs, tc.want)
			}
		})
	}
}

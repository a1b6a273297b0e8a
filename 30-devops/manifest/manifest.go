// Package manifest loads a directory of Kubernetes manifests the way the
// API server would read them — as the typed objects of k8s.io/api, decoded
// strictly — and checks what a single object cannot: that the objects wire
// to each other (selectors, ports, names they refer to).
//
// A YAML file that merely parses proves little: `readinesProbe:` (one s) is
// valid YAML that kubectl would reject and a lenient decoder drops without a
// word, leaving a Deployment with no readiness probe. The universal
// deserializer in strict mode turns an unknown field, a duplicate field or a
// value of the wrong type into an error.
package manifest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// scheme knows the kinds a stateless web service is deployed with.
var scheme = runtime.NewScheme()

func init() {
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme, appsv1.AddToScheme, policyv1.AddToScheme, autoscalingv2.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			panic(err)
		}
	}
}

// decoder turns YAML or JSON into the registered Go type named by the
// document's apiVersion and kind. EnableStrict: unknown and duplicate fields
// are errors, not warnings.
var decoder = serializer.NewCodecFactory(scheme, serializer.EnableStrict).UniversalDeserializer()

// Object is one decoded manifest and where it came from.
type Object struct {
	Source string // file:document, for messages
	Obj    runtime.Object
}

// Set is a directory's manifests, by kind.
type Set struct {
	Objects     []Object
	Deployments []*appsv1.Deployment
	Services    []*corev1.Service
	ConfigMaps  []*corev1.ConfigMap
	Secrets     []*corev1.Secret
	PDBs        []*policyv1.PodDisruptionBudget
	HPAs        []*autoscalingv2.HorizontalPodAutoscaler
	Kustomize   Kustomization
}

// Kustomization is the part of kustomization.yaml this package reads.
type Kustomization struct {
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Namespace  string   `json:"namespace,omitempty"`
	Resources  []string `json:"resources"`
}

// Load reads dir/kustomization.yaml and decodes every file it lists, in
// order. Any decoding error — in any document of any file — is returned,
// joined with the others.
func Load(dir string) (*Set, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "kustomization.yaml"))
	if err != nil {
		return nil, err
	}
	s := &Set{}
	if err := yaml.UnmarshalStrict(raw, &s.Kustomize); err != nil {
		return nil, fmt.Errorf("kustomization.yaml: %w", err)
	}
	if len(s.Kustomize.Resources) == 0 {
		return nil, errors.New("kustomization.yaml lists no resources")
	}
	var errs []error
	for _, name := range s.Kustomize.Resources {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if err := s.Add(name, b); err != nil {
			errs = append(errs, err)
		}
	}
	return s, errors.Join(errs...)
}

// Add decodes every YAML document of data (a file named name) into s.
func (s *Set) Add(name string, data []byte) error {
	docs, err := splitDocuments(data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var errs []error
	for i, doc := range docs {
		src := fmt.Sprintf("%s#%d", name, i+1)
		obj, gvk, err := decoder.Decode(doc, nil, nil)
		if err != nil {
			// A strict-mode error comes with a decoded object: it is still
			// an error, the object is not what the file meant.
			errs = append(errs, fmt.Errorf("%s: %w", src, err))
			continue
		}
		s.Objects = append(s.Objects, Object{src, obj})
		switch o := obj.(type) {
		case *appsv1.Deployment:
			s.Deployments = append(s.Deployments, o)
		case *corev1.Service:
			s.Services = append(s.Services, o)
		case *corev1.ConfigMap:
			s.ConfigMaps = append(s.ConfigMaps, o)
		case *corev1.Secret:
			s.Secrets = append(s.Secrets, o)
		case *policyv1.PodDisruptionBudget:
			s.PDBs = append(s.PDBs, o)
		case *autoscalingv2.HorizontalPodAutoscaler:
			s.HPAs = append(s.HPAs, o)
		default:
			errs = append(errs, fmt.Errorf("%s: %s is decoded but not checked by this package", src, gvk))
		}
	}
	return errors.Join(errs...)
}

// splitDocuments splits a multi-document YAML stream at its `---` lines and
// drops documents that are only comments or blank.
func splitDocuments(data []byte) ([][]byte, error) {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var docs [][]byte
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		var probe map[string]any
		if err := yaml.Unmarshal(doc, &probe); err != nil {
			return nil, err
		}
		if len(probe) > 0 {
			docs = append(docs, doc)
		}
	}
}

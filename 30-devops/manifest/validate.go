package manifest

import (
	"fmt"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metavalidation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Validate checks the set as the API server and the controllers would see
// it: every object's name and labels are legal (apimachinery's own
// validation), every selector is legal and selects the pods it is meant
// for, every probe and Service port names a port the container declares,
// and every ConfigMap, Secret and Deployment an object refers to is in the
// set. It returns every problem found.
func (s *Set) Validate() field.ErrorList {
	var errs field.ErrorList
	for _, o := range s.Objects {
		meta, ok := o.Obj.(metav1.Object)
		if !ok {
			continue
		}
		name := apivalidation.NameIsDNSSubdomain
		if _, isSvc := o.Obj.(*corev1.Service); isSvc {
			name = apivalidation.NameIsDNS1035Label // a Service name becomes a DNS label
		}
		// Namespaces are kustomization.yaml's business: none in the files.
		errs = append(errs, apivalidation.ValidateObjectMetaAccessor(meta, false, name, field.NewPath(o.Source, "metadata"))...)
	}
	cms, secrets, deps := map[string]bool{}, map[string]bool{}, map[string]*appsv1.Deployment{}
	for _, c := range s.ConfigMaps {
		cms[c.Name] = true
	}
	for _, c := range s.Secrets {
		secrets[c.Name] = true
	}
	for _, d := range s.Deployments {
		deps[d.Name] = d
		errs = append(errs, validateDeployment(d, cms, secrets)...)
	}
	for _, svc := range s.Services {
		p := field.NewPath("Service", svc.Name, "spec")
		if len(svc.Spec.Selector) == 0 {
			errs = append(errs, field.Required(p.Child("selector"), "a Service without a selector sends traffic nowhere"))
			continue
		}
		errs = append(errs, metavalidation.ValidateLabels(svc.Spec.Selector, p.Child("selector"))...)
		sel := labels.SelectorFromSet(svc.Spec.Selector)
		var target *appsv1.Deployment
		for _, d := range s.Deployments {
			if sel.Matches(labels.Set(d.Spec.Template.Labels)) {
				target = d
			}
		}
		if target == nil {
			errs = append(errs, field.Invalid(p.Child("selector"), svc.Spec.Selector, "selects the pods of no Deployment in the set"))
			continue
		}
		for i, port := range svc.Spec.Ports {
			tp := port.TargetPort
			if tp.Type == intstr.Int && tp.IntVal == 0 {
				tp = intstr.FromInt32(port.Port) // targetPort defaults to port
			}
			if !podHasPort(target.Spec.Template.Spec, tp) {
				errs = append(errs, field.NotFound(p.Child("ports").Index(i).Child("targetPort"), tp.String()))
			}
		}
	}
	for _, pdb := range s.PDBs {
		p := field.NewPath("PodDisruptionBudget", pdb.Name, "spec", "selector")
		if !selectsSomeDeployment(pdb.Spec.Selector, s.Deployments) {
			errs = append(errs, field.Invalid(p, pdb.Spec.Selector, "selects the pods of no Deployment in the set"))
		}
	}
	for _, hpa := range s.HPAs {
		p := field.NewPath("HorizontalPodAutoscaler", hpa.Name, "spec")
		ref := hpa.Spec.ScaleTargetRef
		if ref.Kind != "Deployment" || deps[ref.Name] == nil {
			errs = append(errs, field.NotFound(p.Child("scaleTargetRef"), ref.Kind+"/"+ref.Name))
		}
		if hpa.Spec.MinReplicas != nil && *hpa.Spec.MinReplicas > hpa.Spec.MaxReplicas {
			errs = append(errs, field.Invalid(p.Child("minReplicas"), *hpa.Spec.MinReplicas, "more than maxReplicas"))
		}
	}
	return errs
}

func validateDeployment(d *appsv1.Deployment, cms, secrets map[string]bool) field.ErrorList {
	var errs field.ErrorList
	p := field.NewPath("Deployment", d.Name, "spec")
	errs = append(errs, metavalidation.ValidateLabelSelector(d.Spec.Selector, metavalidation.LabelSelectorValidationOptions{}, p.Child("selector"))...)
	errs = append(errs, metavalidation.ValidateLabels(d.Spec.Template.Labels, p.Child("template", "metadata", "labels"))...)
	// The API server refuses a Deployment whose selector does not select
	// its own template: it would create pods it cannot count.
	if !selects(d.Spec.Selector, d.Spec.Template.Labels) {
		errs = append(errs, field.Invalid(p.Child("selector"), d.Spec.Selector, "does not match the template's labels"))
	}
	pod := d.Spec.Template.Spec
	cp := p.Child("template", "spec", "containers")
	if len(pod.Containers) == 0 {
		errs = append(errs, field.Required(cp, "a pod needs a container"))
	}
	for i, c := range pod.Containers {
		ci := cp.Index(i)
		for _, msg := range validation.IsDNS1123Label(c.Name) {
			errs = append(errs, field.Invalid(ci.Child("name"), c.Name, msg))
		}
		for j, port := range c.Ports {
			if port.Name == "" {
				continue
			}
			for _, msg := range validation.IsValidPortName(port.Name) {
				errs = append(errs, field.Invalid(ci.Child("ports").Index(j).Child("name"), port.Name, msg))
			}
		}
		for name, pr := range map[string]*corev1.Probe{"livenessProbe": c.LivenessProbe, "readinessProbe": c.ReadinessProbe, "startupProbe": c.StartupProbe} {
			if pr == nil {
				continue
			}
			var port *intstr.IntOrString
			switch {
			case pr.HTTPGet != nil:
				port = &pr.HTTPGet.Port
			case pr.TCPSocket != nil:
				port = &pr.TCPSocket.Port
			}
			// A named port must be declared; a number need not be.
			if port != nil && port.Type == intstr.String && !containerHasPort(c, *port) {
				errs = append(errs, field.NotFound(ci.Child(name, "port"), port.String()))
			}
		}
		for j, e := range c.EnvFrom {
			ej := ci.Child("envFrom").Index(j)
			if e.ConfigMapRef != nil && !cms[e.ConfigMapRef.Name] && !isTrue(e.ConfigMapRef.Optional) {
				errs = append(errs, field.NotFound(ej.Child("configMapRef"), e.ConfigMapRef.Name))
			}
			if e.SecretRef != nil && !secrets[e.SecretRef.Name] && !isTrue(e.SecretRef.Optional) {
				errs = append(errs, field.NotFound(ej.Child("secretRef"), e.SecretRef.Name))
			}
		}
	}
	return errs
}

func selects(sel *metav1.LabelSelector, podLabels map[string]string) bool {
	if sel == nil {
		return false
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	return err == nil && !s.Empty() && s.Matches(labels.Set(podLabels))
}

func selectsSomeDeployment(sel *metav1.LabelSelector, deps []*appsv1.Deployment) bool {
	return slices.ContainsFunc(deps, func(d *appsv1.Deployment) bool { return selects(sel, d.Spec.Template.Labels) })
}

func podHasPort(pod corev1.PodSpec, port intstr.IntOrString) bool {
	return slices.ContainsFunc(pod.Containers, func(c corev1.Container) bool { return containerHasPort(c, port) })
}

func containerHasPort(c corev1.Container, port intstr.IntOrString) bool {
	return slices.ContainsFunc(c.Ports, func(p corev1.ContainerPort) bool {
		if port.Type == intstr.String {
			return p.Name == port.StrVal
		}
		return p.ContainerPort == port.IntVal
	})
}

func isTrue(b *bool) bool { return b != nil && *b }

// String is a short name for an object, for messages: Kind/name.
func (o Object) String() string {
	meta, ok := o.Obj.(metav1.Object)
	kind := o.Obj.GetObjectKind().GroupVersionKind().Kind
	if !ok {
		return o.Source
	}
	return fmt.Sprintf("%s/%s", kind, meta.GetName())
}

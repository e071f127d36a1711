/**
 * Kinds that live outside namespaces. Everything else is namespaced, and
 * gets namespace `default` when a manifest omits it, as `kubectl apply` does.
 * Keyed by group-kind (see `groupKindOf`), because `Mesh` is cluster-scoped in
 * Kuma and App Mesh but namespaced in Consul.
 */
export const CLUSTER_SCOPED_GROUP_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ComponentStatus',
  'ClusterRole.rbac.authorization.k8s.io',
  'ClusterRoleBinding.rbac.authorization.k8s.io',
  'CustomResourceDefinition.apiextensions.k8s.io',
  'APIService.apiregistration.k8s.io',
  'MutatingWebhookConfiguration.admissionregistration.k8s.io',
  'ValidatingWebhookConfiguration.admissionregistration.k8s.io',
  'ValidatingAdmissionPolicy.admissionregistration.k8s.io',
  'ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io',
  'StorageClass.storage.k8s.io',
  'CSIDriver.storage.k8s.io',
  'CSINode.storage.k8s.io',
  'VolumeAttachment.storage.k8s.io',
  'PriorityClass.scheduling.k8s.io',
  'RuntimeClass.node.k8s.io',
  'IngressClass.networking.k8s.io',
  'GatewayClass.gateway.networking.k8s.io',
  'CertificateSigningRequest.certificates.k8s.io',
  'ClusterIssuer.cert-manager.io',
  'Mesh.kuma.io',
  'MeshGateway.kuma.io',
  'Mesh.appmesh.k8s.aws',
  'CiliumClusterwideNetworkPolicy.cilium.io',
  'CiliumClusterwideEnvoyConfig.cilium.io',
  'CiliumNode.cilium.io',
  'CiliumIdentity.cilium.io',
]);

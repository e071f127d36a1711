import * as gatewayV1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import * as gatewayV1beta1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1';
import * as gatewayV1alpha2 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2';
import * as istioNetworkingV1 from '@kubernetes-models/istio/networking.istio.io/v1';
import * as istioSecurityV1 from '@kubernetes-models/istio/security.istio.io/v1';
import * as istioTelemetryV1 from '@kubernetes-models/istio/telemetry.istio.io/v1';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as rbacV1 from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as coreV1 from 'kubernetes-models/v1';

/** A model class of the kubernetes-models packages: typed constructor plus `validate()`. */
export interface SchemaModel {
  apiVersion: string;
  kind: string;
  new (data?: unknown): { validate(): void };
}

/** The schema packages, per apiVersion; each module exports one class per kind. */
const MODULES: Record<string, Record<string, unknown>> = {
  v1: coreV1,
  'apps/v1': appsV1,
  'batch/v1': batchV1,
  'networking.k8s.io/v1': networkingV1,
  'policy/v1': policyV1,
  'rbac.authorization.k8s.io/v1': rbacV1,
  'gateway.networking.k8s.io/v1': gatewayV1,
  'gateway.networking.k8s.io/v1beta1': gatewayV1beta1,
  'gateway.networking.k8s.io/v1alpha2': gatewayV1alpha2,
  'networking.istio.io/v1': istioNetworkingV1,
  'security.istio.io/v1': istioSecurityV1,
  'telemetry.istio.io/v1': istioTelemetryV1,
};

/**
 * API groups a plan may emit for which no schema package exists. Objects of
 * these groups are reported as "not schema-validated", never passed silently.
 */
export const GROUPS_WITHOUT_SCHEMA: Record<string, string> = {
  'kuma.io': 'Kuma (no npm schema package)',
  'consul.hashicorp.com': 'Consul (no npm schema package)',
  'policy.linkerd.io': 'Linkerd policy (no npm schema package)',
  'linkerd.io': 'Linkerd (no npm schema package)',
  'cilium.io': 'Cilium (no npm schema package)',
  'application-networking.k8s.aws':
    'AWS Gateway API controller (no npm schema package)',
  'appmesh.k8s.aws': 'App Mesh (no npm schema package)',
};

function isModel(value: unknown): value is SchemaModel {
  return (
    typeof value === 'function' &&
    typeof (value as Partial<SchemaModel>).kind === 'string' &&
    typeof (value as Partial<SchemaModel>).apiVersion === 'string' &&
    typeof value.prototype?.validate === 'function'
  );
}

/** The model class for an apiVersion + kind, or undefined when no package carries it. */
export function schemaModelFor(
  apiVersion: string,
  kind: string,
): SchemaModel | undefined {
  const module = MODULES[apiVersion];
  const candidate = module?.[kind];
  return isModel(candidate) &&
    candidate.apiVersion === apiVersion &&
    candidate.kind === kind
    ? candidate
    : undefined;
}

import { Check } from '@backstage-community/plugin-tech-insights-common';
import { SERVICE_MESH_FACT_RETRIEVER_ID, ServiceMeshFacts } from './factSchema';

/** One condition of a JSON rule on the facts of this module. */
export interface ServiceMeshFactCondition {
  fact: keyof ServiceMeshFacts;
  operator: 'equal' | 'notEqual' | 'lessThanInclusive' | 'greaterThanInclusive';
  value: string | number | boolean;
}

/**
 * A check for the JSON rules engine fact checker
 * (`@backstage-community/plugin-tech-insights-backend-module-jsonfc`): the
 * shape of its `TechInsightJsonRuleCheck`, and of an entry of
 * `techInsights.factChecker.checks` once its `id` becomes the key.
 *
 * @public
 */
export interface ServiceMeshTechInsightCheck extends Check {
  type: 'json-rules-engine';
  rule: { conditions: { all: ServiceMeshFactCondition[] } };
}

function check(
  id: string,
  name: string,
  description: string,
  conditions: ServiceMeshFactCondition[],
): ServiceMeshTechInsightCheck {
  return {
    id,
    type: 'json-rules-engine',
    name,
    description,
    factIds: [SERVICE_MESH_FACT_RETRIEVER_ID],
    rule: { conditions: { all: conditions } },
  };
}

/**
 * Mesh checks for Tech Insights scorecards. A check whose facts a service
 * lacks (no assessment, no workload found, no target mesh configured) is
 * not run for it, rather than failed.
 *
 * The jsonfc module reads checks from app-config only, so add these under
 * `techInsights.factChecker.checks` (the README has them as YAML).
 *
 * @public
 */
export const serviceMeshTechInsightsChecks: ServiceMeshTechInsightCheck[] = [
  check(
    'meshwise-strict-mtls',
    'On a mesh with strict mTLS',
    'Every meshed workload of the service accepts mutual TLS only. Fix: a strict policy (Istio PeerAuthentication STRICT, Linkerd all-authenticated, Kuma mTLS STRICT), once every client is in the mesh.',
    [{ fact: 'mtlsMode', operator: 'equal', value: 'strict' }],
  ),
  check(
    'meshwise-not-discontinued',
    'Not on a discontinued mesh',
    'No workload runs in, or is enrolled in, a mesh that is discontinued or archived (AWS App Mesh, Open Service Mesh). Fix: follow the migration plan on the Mesh tab.',
    [{ fact: 'onDiscontinuedMesh', operator: 'equal', value: false }],
  ),
  check(
    'meshwise-ready-for-target',
    'Ready for the target mesh',
    "No blocking finding for the organisation's target mesh (serviceMesh.targetMesh). Fix: the blocking findings listed on the Mesh tab.",
    [{ fact: 'readyForTargetMesh', operator: 'equal', value: true }],
  ),
  check(
    'meshwise-no-stale-proxies',
    'No stale proxies',
    'No workload runs a proxy older than its control plane. Fix: restart the workloads after a control-plane upgrade.',
    [{ fact: 'staleProxies', operator: 'equal', value: 0 }],
  ),
];

/**
 * Plans for the corpus input sets, generated the way generatePlan.test.ts
 * does (parseManifests → buildClusterIndex → selectWorkloads → assessService
 * → generateMigrationPlan), plus accessors on the public plan output only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessService } from '../../../engine/assess/assessService';
import {
  buildClusterIndex,
  ClusterIndex,
} from '../../../engine/cluster/clusterIndex';
import { parseManifests } from '../../../engine/parse/parseManifests';
import {
  selectWorkloads,
  WorkloadQuery,
} from '../../../engine/workloads/selectWorkloads';
import { generateMigrationPlan } from '../../generatePlan';
import { MigrationObject, MigrationPlan, MigrationTarget } from '../../types';
import { validatePlanAgainst } from '../../__testUtils__/validatePlanAgainst';

/** The five target families of the corpus (Kuma stands for GAMMA, gateway-api for VPC Lattice). */
export const CORPUS_TARGETS = [
  'istio-sidecar',
  'linkerd',
  'kuma',
  'gateway-api',
  'consul',
] as const;

export function loadSet(file: string): ClusterIndex {
  const path = join(__dirname, '..', file);
  return buildClusterIndex(
    parseManifests([{ path, content: readFileSync(path, 'utf8') }]).objects,
  );
}

export function planFor(
  index: ClusterIndex,
  query: WorkloadQuery,
  target: MigrationTarget,
  service: string,
): MigrationPlan {
  const workloads = selectWorkloads(index, query);
  if (workloads.length === 0)
    throw new Error(`no workload matches ${JSON.stringify(query)}`);
  return generateMigrationPlan({
    workloads,
    index,
    assessment: assessService(workloads, index),
    target,
    service: { name: service },
  });
}

/** validatePlan with each patch applied to its object from the input. */
export const validate = validatePlanAgainst;

export const objectsOf = (
  plan: MigrationPlan,
  kind: string,
): MigrationObject[] =>
  plan.steps.flatMap(s =>
    s.manifests.flatMap(m => (m.object?.kind === kind ? [m.object] : [])),
  );

export const spec = (object: MigrationObject): any => object.spec;

/** `manualActions[].source` of the plan. */
export const sources = (plan: MigrationPlan): string[] =>
  plan.manualActions.map(a => a.source);

/** The channel note the decisions add to Gateway API manifests, read loosely until the type has it. */
export function channelOf(
  plan: MigrationPlan,
  object: MigrationObject,
): unknown {
  const manifest = plan.steps
    .flatMap(s => s.manifests)
    .find(m => m.object === object);
  return (manifest as { gatewayApiChannel?: unknown } | undefined)
    ?.gatewayApiChannel;
}

/** Indexes of the App Mesh routes (`<object> spec.routes[i]…`) that have a manual action. */
export function routesWithActions(
  plan: MigrationPlan,
  object: string,
): number[] {
  const indexes = sources(plan).flatMap(source => {
    const match =
      source.startsWith(`${object} `) && /spec\.routes\[(\d+)\]/.exec(source);
    return match ? [Number(match[1])] : [];
  });
  return [...new Set(indexes)].sort((a, b) => a - b);
}

/** All rules of all HTTPRoutes of the plan, in order. */
export const httpRules = (plan: MigrationPlan): any[] =>
  objectsOf(plan, 'HTTPRoute').flatMap(route => spec(route).rules);

/** All `http` routes of all Istio VirtualServices of the plan, in order. */
export const istioHttp = (plan: MigrationPlan): any[] =>
  objectsOf(plan, 'VirtualService').flatMap(vs => spec(vs).http ?? []);

/** Kinds of the plan no schema package covers, as reported by validatePlan. */
export const UNCHECKED_BY_TARGET: Record<string, RegExp[]> = {
  kuma: [/^MeshTLS\.kuma\.io .*not schema-validated/],
  consul: [/^ServiceDefaults\.consul\.hashicorp\.com .*not schema-validated/],
};

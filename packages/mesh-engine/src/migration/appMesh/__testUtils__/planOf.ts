import { assessService } from '../../../engine/assess/assessService';
import { buildClusterIndex } from '../../../engine/cluster/clusterIndex';
import { parseManifests } from '../../../engine/parse/parseManifests';
import { selectWorkloads } from '../../../engine/workloads/selectWorkloads';
import { generateMigrationPlan } from '../../generatePlan';
import { expectValidAgainstSchemas } from '../../__testUtils__/validatePlanAgainst';
import {
  MigrationManifest,
  MigrationObject,
  MigrationPlan,
  MigrationTarget,
} from '../../types';

/** The plan for the workloads of `namespace` in the given YAML. */
export function planOf(
  yaml: string,
  target: MigrationTarget,
  service: string,
  namespace = 'shop',
): MigrationPlan {
  const { objects } = parseManifests([{ path: 'test.yaml', content: yaml }]);
  const index = buildClusterIndex(objects);
  const workloads = selectWorkloads(index, { namespace });
  if (workloads.length === 0) throw new Error('no workloads in the test input');
  const plan = generateMigrationPlan({
    workloads,
    index,
    assessment: assessService(workloads, index),
    target,
    service: { name: service },
  });
  // Every plan of these tests passes the API schemas and their rules.
  expectValidAgainstSchemas(plan, index);
  return plan;
}

export const manifestsOf = (plan: MigrationPlan): MigrationManifest[] =>
  plan.steps.flatMap(step => step.manifests);

export const objectsOf = (
  plan: MigrationPlan,
  kind: string,
): MigrationObject[] =>
  manifestsOf(plan).flatMap(m =>
    m.object && m.object.kind === kind ? [m.object] : [],
  );

export const rulesOf = (route: MigrationObject): any[] =>
  (route.spec as any).rules;

/** `apiVersion kind namespace/name` of every object, for duplicate checks. */
export const identities = (plan: MigrationPlan): string[] =>
  manifestsOf(plan).flatMap(m =>
    m.object
      ? [
          `${m.object.apiVersion} ${m.object.kind} ${
            m.object.metadata.namespace ?? ''
          }/${m.object.metadata.name}`,
        ]
      : [],
  );

/** Every Service backendRef of every route in the plan. */
export const serviceBackendRefs = (plan: MigrationPlan): any[] =>
  manifestsOf(plan).flatMap(m => {
    const rules = (m.object?.spec as any)?.rules;
    if (!Array.isArray(rules)) return [];
    return rules.flatMap((rule: any) =>
      (rule.backendRefs ?? []).filter(
        (ref: any) =>
          (ref.group ?? '') === '' && (ref.kind ?? 'Service') === 'Service',
      ),
    );
  });

/** A namespace `shop` on App Mesh, with the given extra documents. */
export function appMeshYaml(...documents: string[]): string {
  return [
    [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: {name: shop, labels: {mesh: m, appmesh.k8s.aws/sidecarInjectorWebhook: enabled}}',
    ].join('\n'),
    ...documents,
  ].join('\n---\n');
}

export function deployment(
  name: string,
  labels: Record<string, string>,
  ports: Array<number | { name: string; containerPort: number }>,
): string {
  const flow = (record: Record<string, string>) =>
    `{${Object.entries(record)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}}`;
  const portList = ports
    .map(p =>
      typeof p === 'number'
        ? `{containerPort: ${p}}`
        : `{name: ${p.name}, containerPort: ${p.containerPort}}`,
    )
    .join(', ');
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: shop}`,
    'spec:',
    `  selector: {matchLabels: ${flow(labels)}}`,
    '  template:',
    `    metadata: {labels: ${flow(labels)}}`,
    `    spec: {containers: [{name: app, image: app:1, ports: [${portList}]}]}`,
  ].join('\n');
}

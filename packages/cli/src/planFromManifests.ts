import {
  MigrationPlan,
  MigrationTarget,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  assessService,
  buildClusterIndex,
  ClusterIndex,
  generateMigrationPlan,
  listWorkloads,
  ManifestFile,
  parseManifests,
  ParseFinding,
  selectWorkloads,
  Workload,
  WORKLOAD_KINDS,
} from '@meshwise/mesh-engine';

export interface PlanRequest {
  labelSelector: string;
  namespace?: string;
  target: MigrationTarget;
  service?: string;
}

export type PlanOutcome = { parseFindings: ParseFinding[] } & (
  | { plan: MigrationPlan; workloads: Workload[] }
  | { error: string }
);

/**
 * The plan of the selected workloads of a manifest set: the same steps as
 * `MeshScanner.migrationPlan` in the backend (select, assess for the
 * target, generate), over the index `meshwise check` builds.
 */
export function planFromManifests(
  files: readonly ManifestFile[],
  request: PlanRequest,
): PlanOutcome {
  const { objects, findings: parseFindings } = parseManifests(files);
  if (objects.length === 0) {
    return {
      parseFindings,
      error: `no Kubernetes objects in the ${files.length} manifest files${
        parseFindings.length > 0 ? ' (see the warnings above)' : ''
      }; point <dir> at the manifests of the service`,
    };
  }
  const index = buildClusterIndex(objects);
  const workloads = selectWorkloads(index, {
    labelSelector: request.labelSelector,
    namespace: request.namespace,
  });
  if (workloads.length === 0) {
    return { parseFindings, error: nothingSelected(index, request) };
  }
  // As the backend: `gateway-api` is no readiness target mesh.
  const assessment = assessService(workloads, index, {
    targetMesh: request.target === 'gateway-api' ? undefined : request.target,
  });
  const plan = generateMigrationPlan({
    workloads,
    index,
    assessment,
    target: request.target,
    service: request.service ? { name: request.service } : undefined,
  });
  return { parseFindings, plan, workloads };
}

/** Labels that usually name a service, most specific first. */
const NAME_LABELS = [
  'backstage.io/kubernetes-id',
  'app.kubernetes.io/name',
  'app',
  'k8s-app',
  'name',
];
const MAX_SUGGESTIONS = 8;

/** What to select instead: a selector for each service-like label found. */
function nothingSelected(index: ClusterIndex, request: PlanRequest): string {
  const where = request.namespace ? ` in namespace ${request.namespace}` : '';
  const head = `no workload matches --selector ${request.labelSelector}${where}`;
  const all = listWorkloads(index);
  if (all.length === 0) {
    return `${head}: the manifests hold no workload (${WORKLOAD_KINDS.join(
      ', ',
    )}); point <dir> at the manifests of the service`;
  }
  const lines: string[] = [head];
  if (request.namespace) {
    const elsewhere = selectWorkloads(index, {
      labelSelector: request.labelSelector,
    });
    const namespaces = [...new Set(elsewhere.map(w => w.namespace))].sort();
    if (namespaces.length > 0) {
      lines.push(
        `It matches workloads in namespace ${namespaces.join(
          ', ',
        )}: use --namespace ${namespaces[0]} or leave --namespace out.`,
      );
      return lines.join('\n');
    }
  }
  const suggestions = new Map<string, string[]>();
  for (const workload of all) {
    const labels = { ...workload.labels, ...workload.template.labels };
    const key = NAME_LABELS.find(name => labels[name]);
    const selector = key
      ? `--selector ${key}=${labels[key]} --namespace ${workload.namespace}`
      : `(no app label) --namespace ${workload.namespace}`;
    suggestions.set(selector, [
      ...(suggestions.get(selector) ?? []),
      workload.id,
    ]);
  }
  lines.push('Workloads in these manifests, by what selects them:');
  const entries = [...suggestions.entries()];
  for (const [selector, ids] of entries.slice(0, MAX_SUGGESTIONS)) {
    lines.push(
      `  ${selector}   # ${ids.slice(0, 3).join(', ')}${
        ids.length > 3 ? ', ...' : ''
      }`,
    );
  }
  if (entries.length > MAX_SUGGESTIONS) {
    lines.push(`  ... and ${entries.length - MAX_SUGGESTIONS} more`);
  }
  return lines.join('\n');
}

import { buildClusterIndex, ClusterIndex } from '../cluster/clusterIndex';
import { findReadinessCheck } from '../checks/registry';
import { runReadinessChecks } from '../checks/runChecks';
import { CheckResult } from '../checks/types';
import { detectMesh } from '../detect/detectMesh';
import { MeshDetection } from '@meshwise/backstage-plugin-service-mesh-common';
import { parseManifests } from '../parse/parseManifests';
import { listWorkloads } from '../workloads/listWorkloads';
import { Workload } from '../workloads/workload';

/** Builds an index from YAML documents written inline in a test. */
export function indexFromYaml(...documents: string[]): ClusterIndex {
  const { objects, findings } = parseManifests([
    { path: 'test.yaml', content: documents.join('\n---\n') },
  ]);
  if (findings.length > 0) {
    throw new Error(
      `test manifest does not parse: ${JSON.stringify(findings)}`,
    );
  }
  return buildClusterIndex(objects);
}

export function workloadById(index: ClusterIndex, id: string): Workload {
  const workload = listWorkloads(index).find(candidate => candidate.id === id);
  if (!workload) {
    throw new Error(
      `no workload ${id}; have ${listWorkloads(index)
        .map(w => w.id)
        .join(', ')}`,
    );
  }
  return workload;
}

export function detect(index: ClusterIndex, id: string): MeshDetection {
  return detectMesh(workloadById(index, id), index);
}

/** Runs one check (by catalogue id) on one workload. */
export function runCheck(
  checkId: string,
  index: ClusterIndex,
  id: string,
): CheckResult[] {
  const check = findReadinessCheck(checkId);
  if (!check) throw new Error(`no check ${checkId}`);
  const workload = workloadById(index, id);
  return runReadinessChecks(workload, detectMesh(workload, index), index, [
    check,
  ]);
}

export function statuses(results: CheckResult[]): string[] {
  return results.map(result => result.status);
}

export function namespace(
  name: string,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): string {
  return [
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    `  name: ${name}`,
    `  labels: ${JSON.stringify(labels)}`,
    `  annotations: ${JSON.stringify(annotations)}`,
  ].join('\n');
}

export interface DeploymentOptions {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** YAML of the pod spec, indented as under `spec:` (2 spaces) */
  podSpec?: string;
}

/** A Deployment whose pod template carries `app: <name>` plus the given labels. */
export function deployment({
  name,
  namespace: ns = 'shop',
  labels = {},
  annotations = {},
  podSpec,
}: DeploymentOptions): string {
  const templateLabels = { app: name, ...labels };
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    '    metadata:',
    `      labels: ${JSON.stringify(templateLabels)}`,
    `      annotations: ${JSON.stringify(annotations)}`,
    '    spec:',
    ...(
      podSpec ??
      `containers:\n- name: app\n  image: example/${name}:1.0\n  ports:\n  - containerPort: 8080`
    )
      .split('\n')
      .map(line => `      ${line}`),
  ].join('\n');
}

export function service(
  name: string,
  ns: string,
  selector: Record<string, string>,
  ports: string,
): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    `  selector: ${JSON.stringify(selector)}`,
    '  ports:',
    ...ports.split('\n').map(line => `  ${line}`),
  ].join('\n');
}

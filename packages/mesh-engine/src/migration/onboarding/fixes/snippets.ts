import { parse as parseYaml } from 'yaml';
import { AssessmentFinding } from '../../../engine/assess/types';
import { ClusterIndex } from '../../../engine/cluster/clusterIndex';
import { asRecord, getPath } from '../../../engine/model/access';
import { KINDS } from '../../../engine/model/kubeObject';
import { Workload } from '../../../engine/workloads/workload';
import { deepMerge, nestAt, templateMetadataPath } from '../../util';
import { PatchSet } from '../patchSet';
import { workloadTarget } from '../targets';
import { FixFunction } from './types';

/**
 * Fixes that apply the finding's own YAML snippet (MR-OPAQUE-MISMATCH,
 * MR-ANNOTATION-AS-LABEL, MR-SERVICE-ASSOCIATION): the check already wrote
 * the fix, so the plan only places it.
 */
export const snippetFix: FixFunction = (finding, context) => {
  if (
    !applySnippet(
      finding,
      context.workloadsOf(finding),
      context.patches,
      context.index,
    )
  )
    context.manual(finding);
  else context.fixed(finding.checkId);
};

/** Applies a finding's YAML snippet: a full object is created, metadata is patched. */
function applySnippet(
  finding: AssessmentFinding,
  workloads: Workload[],
  patches: PatchSet,
  index: ClusterIndex,
): boolean {
  if (!finding.snippet) return false;
  let parsed: unknown;
  try {
    parsed = parseYaml(finding.snippet);
  } catch {
    return false;
  }
  const body = asRecord(parsed);
  if (!body) return false;
  if (typeof body.apiVersion === 'string' && typeof body.kind === 'string') {
    patches.create({
      description: `${body.kind} ${String(getPath(body, 'metadata.name'))}: ${
        finding.remediation
      }`,
      object: body as never,
    });
    return true;
  }
  const metadata = asRecord(body.metadata);
  if (!metadata) return false;
  const key = /metadata\.(labels|annotations)\["([^"]+)"\]/.exec(
    finding.field ?? '',
  )?.[2];
  if (finding.object.kind === 'Service') {
    const service = index.get(
      KINDS.service,
      finding.object.namespace,
      finding.object.name,
    );
    if (!service) return false;
    const patch: Record<string, unknown> = { metadata: { ...metadata } };
    if (finding.checkId === 'MR-ANNOTATION-AS-LABEL' && key) {
      const moveTo = asRecord(metadata.labels) ? 'annotations' : 'labels';
      (patch.metadata as Record<string, unknown>)[moveTo] = { [key]: null };
    }
    patches.add(
      {
        kind: 'Service',
        namespace: service.metadata.namespace,
        name: service.metadata.name,
      },
      'json-merge',
      patch,
      finding.remediation,
    );
    return true;
  }
  if (workloads.length === 0) return false;
  for (const workload of workloads) {
    let patch = nestAt(templateMetadataPath(workload), metadata);
    if (finding.checkId === 'MR-ANNOTATION-AS-LABEL' && key) {
      const moveFrom = asRecord(metadata.labels) ? 'annotations' : 'labels';
      patch = deepMerge(
        patch,
        nestAt(`${templateMetadataPath(workload)}.${moveFrom}`, {
          [key]: null,
        }),
      );
    }
    patches.add(
      workloadTarget(workload),
      'json-merge',
      patch,
      finding.remediation,
    );
  }
  return true;
}

import { Workload } from '../../../engine/workloads/workload';
import { nestAt, templateMetadataPath } from '../../util';
import { workloadTarget } from '../targets';
import { FixFunction } from './types';

/** Fixes of pod labels (MR-LABEL-APP, MR-LABEL-VERSION): meshes name workloads by them. */

export const appLabelFix: FixFunction = (finding, context) => {
  for (const workload of context.workloadsOf(finding)) {
    const value =
      workload.template.labels.name ??
      workload.template.labels['app.kubernetes.io/name'] ??
      workload.name;
    context.patches.add(
      workloadTarget(workload),
      'json-merge',
      nestAt(`${templateMetadataPath(workload)}.labels`, { app: value }),
      `${context.label}add pod label app=${value} (workload identity in telemetry and policies)`,
    );
  }
  context.fixed(finding.checkId);
};

export const versionLabelFix: FixFunction = (finding, context) => {
  for (const workload of context.workloadsOf(finding)) {
    const value = versionFor(workload);
    context.patches.add(
      workloadTarget(workload),
      'json-merge',
      nestAt(`${templateMetadataPath(workload)}.labels`, {
        version: value,
      }),
      `add pod label version=${value} (canonical revision, subsets)`,
    );
  }
  context.fixed(finding.checkId);
};

/** The version a workload already names (a label, else its image tag), else `v1`. */
function versionFor(workload: Workload): string {
  const labels = workload.template.labels;
  const known =
    labels['app.kubernetes.io/version'] ??
    labels['service.istio.io/canonical-revision'];
  if (known) return known;
  const image = workload.template.spec.containers[0]?.image ?? '';
  const tag = /:([\w][\w.-]{0,62})$/.exec(image.split('@')[0])?.[1];
  if (
    tag &&
    tag !== 'latest' &&
    /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(tag)
  )
    return tag;
  return 'v1';
}

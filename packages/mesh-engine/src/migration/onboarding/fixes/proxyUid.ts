import { nestAt, templateSpecPath } from '../../util';
import { workloadTarget } from '../targets';
import { FixFunction } from './types';

/**
 * MR-UID-1337 and MR-UID-OTHER-PROXY: an app container running as a proxy's
 * UID bypasses traffic capture; run it as another UID, at the level the
 * finding names (pod or container securityContext).
 */
export const proxyUidFix: FixFunction = (finding, context) => {
  const field = finding.field ?? '';
  const uid = /runs as UID (\d+)/.exec(finding.message)?.[1];
  const replacement = uid === '1000' ? 1001 : 1000;
  for (const workload of context.workloadsOf(finding)) {
    const specPath = templateSpecPath(workload);
    const relative = field.startsWith(specPath)
      ? field.slice(specPath.length + 1)
      : undefined;
    if (!relative) continue;
    const container =
      /^(containers|initContainers)\[(\d+)\]\.securityContext\.runAsUser$/.exec(
        relative,
      );
    let body: Record<string, unknown> | undefined;
    if (relative === 'securityContext.runAsUser') {
      body = nestAt(`${specPath}.securityContext`, {
        runAsUser: replacement,
      });
    } else if (container) {
      const list =
        container[1] === 'containers'
          ? workload.template.spec.containers
          : workload.template.spec.initContainers;
      const name = list[Number(container[2])]?.name;
      if (name)
        body = nestAt(
          `${specPath}.${container[1]}[name=${name}].securityContext`,
          {
            runAsUser: replacement,
          },
        );
    }
    if (!body) continue;
    context.patches.add(
      workloadTarget(workload),
      'strategic-merge',
      body,
      `run as UID ${replacement} instead of ${uid} (a proxy UID); check file ownership in the image`,
    );
    context.fixed(finding.checkId);
  }
};

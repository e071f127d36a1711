import { Workload } from '../../engine/workloads/workload';

/**
 * `kubectl rollout restart` for each workload that has a rollout; the others
 * (Jobs, bare Pods) are named so the plan can say how they pick up a change.
 */
export function restartCommands(workloads: readonly Workload[]): {
  commands: string[];
  other: string[];
} {
  const commands: string[] = [];
  const other: string[] = [];
  for (const workload of workloads) {
    if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(workload.kind))
      commands.push(
        `kubectl rollout restart ${workload.kind.toLowerCase()}/${
          workload.name
        } -n ${workload.namespace}`,
      );
    else other.push(`${workload.kind} ${workload.name}`);
  }
  return { commands, other };
}

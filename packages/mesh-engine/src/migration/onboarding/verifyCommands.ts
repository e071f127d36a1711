import { ReadinessTargetMesh } from '../../engine/assess/types';
import { PLAYBOOKS } from './playbooks';

/** The verify step's commands: the mesh's playbook, or Gateway API route status. */
export function verifyCommands(
  mesh: ReadinessTargetMesh | 'gateway-api',
  namespaces: string[],
): string[] {
  const playbook = mesh === 'gateway-api' ? undefined : PLAYBOOKS[mesh];
  return namespaces.flatMap(
    ns =>
      playbook?.verify(ns) ?? [
        `kubectl get httproutes,grpcroutes -n ${ns} -o yaml   # status.parents[].conditions Accepted and ResolvedRefs must be True`,
      ],
  );
}

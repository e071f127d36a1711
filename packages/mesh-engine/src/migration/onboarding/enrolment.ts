import { ReadinessTargetMesh } from '../../engine/assess/types';
import { ClusterIndex } from '../../engine/cluster/clusterIndex';
import { KINDS, KubeObject } from '../../engine/model/kubeObject';
import { Workload } from '../../engine/workloads/workload';
import { ManualAction, MigrationManifest } from '../types';
import { PLAYBOOKS } from './playbooks';
import { restartCommands } from './restartCommands';

/** The enrol step: the mesh's playbook enrols, then the shared restart and its explanation. */

export interface EnrolmentResult {
  manifests: MigrationManifest[];
  commands: string[];
  explanation: string[];
  manualActions: ManualAction[];
}

export function planEnrolment(
  mesh: ReadinessTargetMesh,
  workloads: readonly Workload[],
  index: ClusterIndex,
  leavingAppMesh: boolean,
): EnrolmentResult {
  const playbook = PLAYBOOKS[mesh];
  const namespaces = [...new Set(workloads.map(w => w.namespace))];
  const enrolled = playbook.enrol({ namespaces, workloads, index });
  const explanation = [...(enrolled.explanation ?? [])];
  const restartNeeded = playbook.restartsToEnrol || leavingAppMesh;
  const { commands, other } = restartNeeded
    ? restartCommands(workloads)
    : { commands: [], other: [] };
  explanation.push(playbook.restartExplanation(leavingAppMesh));
  if (other.length > 0)
    explanation.push(
      `${other.join(
        ', ',
      )}: no rollout to restart; new pods (next Job run, or recreated Pods) pick up the change.`,
    );
  const others = namespaces.flatMap(ns => otherWorkloads(index, ns, workloads));
  if (playbook.enrolsNamespaces && others.length > 0)
    explanation.push(
      `The namespace label also enrols ${others.slice(0, 10).join(', ')}${
        others.length > 10 ? ` and ${others.length - 10} more` : ''
      } the next time their pods restart.`,
    );
  return {
    manifests: enrolled.manifests ?? [],
    commands,
    explanation,
    manualActions: enrolled.manualActions ?? [],
  };
}

/** The namespace's workloads that are not the service's own. */
function otherWorkloads(
  index: ClusterIndex,
  namespace: string,
  mine: readonly Workload[],
): string[] {
  const ids = new Set(mine.map(w => w.id));
  const kinds = [KINDS.deployment, KINDS.statefulSet, KINDS.daemonSet];
  return kinds.flatMap(kind =>
    index
      .list(kind, namespace)
      .filter(
        (object: KubeObject) =>
          !ids.has(`${object.kind}/${namespace}/${object.metadata.name}`),
      )
      .map(object => `${object.kind} ${object.metadata.name}`),
  );
}

import { ReadinessTargetMesh } from '../../engine/assess/types';
import { ClusterIndex } from '../../engine/cluster/clusterIndex';
import { Workload } from '../../engine/workloads/workload';
import { ManualAction, MigrationManifest } from '../types';
import { PLAYBOOKS } from './playbooks';

/** The harden step (strict mTLS), as the mesh's playbook plans it. */

export interface HardeningResult {
  manifests: MigrationManifest[];
  explanation: string[];
  commands: string[];
  manualActions: ManualAction[];
}

export function planHardening(
  mesh: ReadinessTargetMesh,
  workloads: readonly Workload[],
  index: ClusterIndex,
): HardeningResult {
  const namespaces = [...new Set(workloads.map(w => w.namespace))];
  const steps = PLAYBOOKS[mesh].harden({ namespaces, workloads, index });
  return {
    manifests: steps.manifests ?? [],
    explanation: steps.explanation ?? [],
    commands: steps.commands ?? [],
    manualActions: steps.manualActions ?? [],
  };
}

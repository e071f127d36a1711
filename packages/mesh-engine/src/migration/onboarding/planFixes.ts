import {
  AssessmentFinding,
  ReadinessTargetMesh,
} from '../../engine/assess/types';
import { ClusterIndex } from '../../engine/cluster/clusterIndex';
import { findReadinessCheck } from '../../engine/checks/registry';
import {
  resultAppliesTo,
  resultSeverityFor,
} from '../../engine/checks/runChecks';
import { formatRef, KINDS } from '../../engine/model/kubeObject';
import { readService } from '../../engine/model/service';
import { Workload } from '../../engine/workloads/workload';
import { ManualAction, MigrationManifest } from '../types';
import { FixContext, FIXES } from './fixes';
import { PatchSet } from './patchSet';
import { PLAYBOOKS } from './playbooks';

/**
 * The fix step: picks the findings worth fixing for the target mesh and
 * hands each to its fix function (the playbook's variant first).
 */

/** Findings the plan's own steps take care of (enrolment, restart, mTLS, leaving App Mesh). */
const HANDLED_BY_PLAN = new Set([
  'MR-NS-NOT-ENROLLED',
  'MR-PROXY-MISSING',
  'MR-PROXY-STALE',
  'MR-EOL-MESH',
  'MR-APPMESH-VN',
  'MR-MTLS-NOT-STRICT',
]);

/** Fixes that keep a service portable across meshes; proposed even when the target does not flag them. */
const PORTABLE_FIXES = new Set(['MR-LABEL-APP', 'MR-PORT-PROTOCOL']);

export interface FixResult {
  manifests: MigrationManifest[];
  manualActions: ManualAction[];
  /** Check ids fixed, for the explanation. */
  fixed: string[];
}

function sourceOf(finding: AssessmentFinding): string {
  return `${finding.checkId}: ${formatRef(finding.object)}${
    finding.field ? ` ${finding.field}` : ''
  }`;
}

/**
 * Turns the assessment's findings for the target mesh into patches where the
 * fix is mechanical and manual actions where it is not.
 */
export function planFixes(
  findings: readonly AssessmentFinding[],
  workloads: readonly Workload[],
  index: ClusterIndex,
  mesh: ReadinessTargetMesh,
  options: { leavingAppMesh?: boolean } = {},
): FixResult {
  const patches = new PatchSet();
  const manualActions: ManualAction[] = [];
  const fixed = new Set<string>();
  const byId = new Map(workloads.map(w => [w.id, w]));
  const byMessage = new Map<string, ManualAction>();
  const shared: Omit<FixContext, 'required' | 'label'> = {
    mesh,
    index,
    patches,
    workloadsOf: finding =>
      finding.workloads.flatMap(id => (byId.get(id) ? [byId.get(id)!] : [])),
    serviceOf: finding => {
      const object = index.get(
        KINDS.service,
        finding.object.namespace,
        finding.object.name,
      );
      return object ? readService(object) : undefined;
    },
    portOf: (finding, service) => {
      const match = /spec\.ports\[(\d+)\]/.exec(finding.field ?? '');
      return match
        ? service.ports.find(p => p.index === Number(match[1]))
        : undefined;
    },
    manual: (finding, prefix = '') => {
      const key = `${finding.checkId}\u0000${prefix}${finding.message}`;
      const existing = byMessage.get(key);
      if (existing) {
        existing.source += `; ${sourceOf(finding)}`;
        return;
      }
      const action: ManualAction = {
        what: `${prefix}${finding.message}`,
        why:
          finding.remediation || 'No mechanical fix exists for this finding.',
        source: sourceOf(finding),
      };
      byMessage.set(key, action);
      manualActions.push(action);
    },
    fixed: checkId => fixed.add(checkId),
  };
  const fixesOfMesh = new Map(
    Object.entries({ ...FIXES, ...PLAYBOOKS[mesh].fixes }),
  );

  for (const finding of findings) {
    if (HANDLED_BY_PLAN.has(finding.checkId)) continue;
    if (
      options.leavingAppMesh &&
      finding.checkId === 'MR-FOREIGN-SIDECAR' &&
      finding.message.includes('AWS App Mesh')
    )
      continue;
    const check = findReadinessCheck(finding.checkId);
    if (!check) continue;
    const applies = resultAppliesTo(check, finding, mesh);
    const severity = applies ? resultSeverityFor(check, finding, mesh) : 'info';
    const required = applies && severity !== 'info';
    const wanted =
      required ||
      (applies && finding.checkId === 'MR-LABEL-VERSION') ||
      PORTABLE_FIXES.has(finding.checkId);
    if (!wanted || finding.status === 'pass') continue;
    if (finding.status === 'not-evaluated') {
      if (required) shared.manual(finding, 'Could not be evaluated: ');
      continue;
    }
    const fix = fixesOfMesh.get(finding.checkId);
    const context = {
      ...shared,
      required,
      label: required ? '' : 'recommended: ',
    };
    if (fix) fix(finding, context);
    else context.manual(finding);
  }
  return {
    manifests: patches.manifests(),
    manualActions,
    fixed: [...fixed],
  };
}

import type {
  CapabilityId,
  MeshCapability,
} from '@meshwise/backstage-plugin-service-mesh-common';
import type {
  KnowledgeCell,
  MeshEntry,
  MeshKnowledgeBase,
  OverheadMeasurement,
} from '@meshwise/backstage-plugin-service-mesh-common';
import type { RequirementCriterion } from '@meshwise/backstage-plugin-service-mesh-common';
import {
  OVERHEAD_METRIC_LABELS,
  type LocatedOverheadMeasurement,
  type OverheadComparison,
} from './overhead';
import type { RecommendationReason } from '@meshwise/backstage-plugin-service-mesh-common';

/** Plain-language reasons, each pointing back at the knowledge base. */

export type CellRole =
  | 'platform in use'
  | 'must-have'
  | 'nice-to-have'
  | 'preference';

function overriddenSuffix(cell: KnowledgeCell): string {
  return cell.overridden ? ' (set in app-config)' : '';
}

export function cellReason(
  entry: MeshEntry,
  capability: MeshCapability,
  role: CellRole,
  criterion: RequirementCriterion,
): RecommendationReason {
  const cell = entry.capabilities[capability.id];
  const what = `${capability.title} (${role})`;
  const note = `${cell.note}${overriddenSuffix(cell)}`;
  const ref = { entryId: entry.id, capabilityId: capability.id };
  switch (cell.value) {
    case 'supported':
      return {
        text: `Supports ${what}: ${note}`,
        kind: 'positive',
        criterion,
        ref,
      };
    case 'partial':
      return {
        text: `Only partly supports ${what}: ${note}`,
        kind: 'neutral',
        criterion,
        ref,
      };
    case 'not-supported':
      return {
        text: `Does not support ${what}: ${note}`,
        kind: 'negative',
        criterion,
        ref,
      };
    default:
      return {
        text: `${what} is not verified: ${note}`,
        kind: 'neutral',
        criterion,
        ref,
      };
  }
}

function describeFigure(m: OverheadMeasurement): string {
  const unit = m.unit === 'percent' ? '%' : ` ${m.unit}`;
  return `${m.value}${unit} (${m.component})`;
}

const nameOf = (kb: MeshKnowledgeBase, id: string) =>
  kb.entries.find(e => e.id === id)?.name ?? id;

/** "Istio (sidecar) was 18.5 ms higher than Istio (ambient)" */
function describeRelative(
  { entryId, measurement: m }: LocatedOverheadMeasurement,
  kb: MeshKnowledgeBase,
): string {
  const unit = m.unit === 'percent' ? '%' : ` ${m.unit}`;
  const direction = m.value >= 0 ? 'higher' : 'lower';
  return `${nameOf(kb, entryId)} was ${Math.abs(
    m.value,
  )}${unit} ${direction} than ${nameOf(kb, m.relativeTo!)}`;
}

function provenance(m: OverheadMeasurement): string {
  return [
    m.source.title,
    m.publishedOn,
    m.vendorAffiliated ? 'vendor-affiliated' : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

export function overheadComparisonReason(
  entry: MeshEntry,
  comparison: OverheadComparison,
  kb: MeshKnowledgeBase,
): RecommendationReason {
  const otherId = comparison.entries.find(id => id !== entry.id)!;
  const other = nameOf(kb, otherId);
  const label = OVERHEAD_METRIC_LABELS[comparison.metric];
  let outcome = `Same ${label} as ${other}`;
  let kind: RecommendationReason['kind'] = 'neutral';
  if (comparison.winner === entry.id) {
    outcome = `Lower ${label} than ${other}`;
    kind = 'positive';
  } else if (comparison.winner !== undefined) {
    outcome = `Higher ${label} than ${other}`;
    kind = 'negative';
  }

  // This entry's own figure first: "26.3 MB (...) vs 156.2 MB (...)".
  const [first, second] = [...comparison.evidence].sort(
    (a, b) => Number(b.entryId === entry.id) - Number(a.entryId === entry.id),
  );
  const figures = second
    ? `${describeFigure(first.measurement)} vs ${describeFigure(
        second.measurement,
      )}`
    : describeRelative(first, kb);
  // Point at this entry's own figure when it has one, else at the relative one.
  const own = comparison.evidence.find(e => e.entryId === entry.id) ?? first;
  return {
    text: `${outcome}: ${figures} at ${comparison.load} — ${provenance(
      first.measurement,
    )}.`,
    kind,
    criterion: 'overhead',
    ref: {
      entryId: own.entryId,
      field: 'overhead',
      measurementIndex: own.index,
    },
  };
}

export function capabilityTitle(
  kb: MeshKnowledgeBase,
  id: CapabilityId,
): string {
  return kb.capabilities.find(c => c.id === id)?.title ?? id;
}

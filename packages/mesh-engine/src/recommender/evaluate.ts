import {
  PLATFORMS,
  platformCapability,
} from '@meshwise/backstage-plugin-service-mesh-common';
import type { CapabilityId } from '@meshwise/backstage-plugin-service-mesh-common';
import type {
  MeshCapability,
  MeshEntry,
  MeshEntryId,
  MeshKnowledgeBase,
  SupportValue,
} from '@meshwise/backstage-plugin-service-mesh-common';
import type { RequirementCriterion } from '@meshwise/backstage-plugin-service-mesh-common';
import { overheadStanding, type OverheadComparison } from './overhead';
import {
  capabilityTitle,
  cellReason,
  overheadComparisonReason,
  type CellRole,
} from './reasons';
import type { ResolvedMeshRequirements } from '@meshwise/backstage-plugin-service-mesh-common';
import { sign } from './order';
import type {
  RecommendationStanding,
  RecommendationReason,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** Credit for a hard requirement: an unknown cell is not a pass. */
const REQUIRED_CREDIT: Record<SupportValue, number> = {
  supported: 1,
  partial: 0.5,
  'not-supported': 0,
  unknown: 0,
};

/** Credit for a wish: an unknown cell is neither a pass nor a fail. */
const WISHED_CREDIT: Record<SupportValue, number> = {
  supported: 1,
  partial: 0.5,
  'not-supported': 0,
  unknown: 0.5,
};

/** Modes of one product: experience with one carries over in part. */
const MESH_FAMILIES: ReadonlyArray<readonly MeshEntryId[]> = [
  ['istio-sidecar', 'istio-ambient'],
];

const TENDENCY = { [-1]: 'negative', 0: 'neutral', 1: 'positive' } as const;

const COVERAGE_AREAS = new Set(['traffic', 'security', 'observability']);

export interface EntryEvaluation {
  standing: RecommendationStanding;
  scores: Record<RequirementCriterion, number | null>;
  failedMustHaves: CapabilityId[];
  unverifiedMustHaves: CapabilityId[];
  reasons: RecommendationReason[];
}

interface Context {
  kb: MeshKnowledgeBase;
  requirements: ResolvedMeshRequirements;
  comparisons: readonly OverheadComparison[];
}

function capability(kb: MeshKnowledgeBase, id: CapabilityId): MeshCapability {
  return kb.capabilities.find(c => c.id === id)!;
}

function mean(values: number[]): number | null {
  return values.length === 0
    ? null
    : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Scores a list of cells and explains each one. */
function scoreCells(
  entry: MeshEntry,
  ids: readonly CapabilityId[],
  role: CellRole,
  criterion: RequirementCriterion,
  credit: Record<SupportValue, number>,
  { kb }: Context,
): { score: number | null; reasons: RecommendationReason[] } {
  return {
    score: mean(ids.map(id => credit[entry.capabilities[id].value])),
    reasons: ids.map(id =>
      cellReason(entry, capability(kb, id), role, criterion),
    ),
  };
}

function preferenceScore(
  entry: MeshEntry,
  id: CapabilityId | undefined,
  criterion: RequirementCriterion,
  ctx: Context,
) {
  return id
    ? scoreCells(entry, [id], 'preference', criterion, WISHED_CREDIT, ctx)
    : { score: null, reasons: [] };
}

function experience(entry: MeshEntry, ctx: Context) {
  const known = ctx.requirements.preferences.experience;
  if (known.length === 0) return { score: null, reasons: [] };
  if (known.includes(entry.id)) {
    return {
      score: 1,
      reasons: [
        {
          text: `Your team already runs ${entry.name}.`,
          kind: 'positive' as const,
          criterion: 'experience' as const,
        },
      ],
    };
  }
  const relative = MESH_FAMILIES.find(family => family.includes(entry.id))
    ?.filter(id => id !== entry.id && known.includes(id))
    .map(id => ctx.kb.entries.find(e => e.id === id)?.name ?? id);
  if (relative && relative.length > 0) {
    return {
      score: 0.5,
      reasons: [
        {
          text: `Your team runs ${relative.join(
            ', ',
          )}, another mode of the same project; the APIs carry over in part.`,
          kind: 'positive' as const,
          criterion: 'experience' as const,
        },
      ],
    };
  }
  return { score: 0, reasons: [] };
}

function overhead(entry: MeshEntry, ctx: Context) {
  if (!ctx.requirements.preferences.lowOverhead) {
    return { score: null, reasons: [] };
  }
  const standing = overheadStanding(entry.id, ctx.comparisons);
  const n = standing.comparisons.length;
  const summary: RecommendationReason =
    n === 0
      ? {
          text: `No published head-to-head overhead figures for ${entry.name}, so it scores neutral. Data-plane model: ${entry.dataPlaneModel.value} (${entry.dataPlaneModel.note})`,
          kind: 'neutral',
          criterion: 'overhead',
          ref: { entryId: entry.id, field: 'dataPlaneModel' },
        }
      : {
          text: `Lower overhead in ${standing.wins} of ${n} published head-to-head comparisons (${standing.losses} higher, ${standing.ties} equal). Figures are harness-specific and several are vendor-published.`,
          kind: TENDENCY[sign(standing.wins - standing.losses)],
          criterion: 'overhead',
        };
  return {
    score: standing.score,
    reasons: [
      summary,
      ...standing.comparisons.map(c =>
        overheadComparisonReason(entry, c, ctx.kb),
      ),
    ],
  };
}

function featureCoverage(entry: MeshEntry, { kb }: Context) {
  const rows = kb.capabilities.filter(c => COVERAGE_AREAS.has(c.area));
  const values = rows.map(c => entry.capabilities[c.id].value);
  const count = (v: SupportValue) => values.filter(x => x === v).length;
  return {
    score: mean(values.map(v => REQUIRED_CREDIT[v])),
    reasons: [
      {
        text: `Supports ${count('supported')} of ${
          rows.length
        } traffic, security and observability rows (${count(
          'partial',
        )} partly, ${count('not-supported')} not supported, ${count(
          'unknown',
        )} not verified).`,
        kind: 'neutral' as const,
        criterion: 'featureCoverage' as const,
      },
    ],
  };
}

/**
 * A migration target is only in scope when it serves one of the platforms in
 * use; otherwise it is listed last with the platforms it does serve.
 */
function migrationTargetScope(
  entry: MeshEntry,
  ctx: Context,
): RecommendationReason | null {
  if (entry.kind !== 'migration-target') return null;
  const served = PLATFORMS.filter(p =>
    ['supported', 'partial'].includes(entry.capabilities[p.capabilityId].value),
  );
  const inUse = ctx.requirements.platforms;
  if (served.some(p => inUse.includes(p.id))) return null;

  const predecessors = ctx.kb.entries
    .filter(e => e.lifecycle.successors.includes(entry.id))
    .map(e => e.name);
  const role = predecessors.length
    ? `a migration target for ${predecessors.join(', ')} users`
    : 'a migration target';
  const servedText = served.length
    ? `on ${served.map(p => p.label).join(' and ')}`
    : 'on no recorded platform';
  const yours = inUse.length
    ? `none of your platforms (${inUse
        .map(id => PLATFORMS.find(p => p.id === id)!.label)
        .join(', ')}) is one of them`
    : 'state your platforms to rank it on its merits';
  return {
    text: `${entry.name} is ${role} ${servedText}; ${yours}.`,
    kind: 'negative',
    ...(served.length
      ? { ref: { entryId: entry.id, capabilityId: served[0].capabilityId } }
      : {}),
  };
}

export function evaluateEntry(entry: MeshEntry, ctx: Context): EntryEvaluation {
  const { requirements } = ctx;
  const platformIds = requirements.platforms.map(platformCapability);

  const platforms = scoreCells(
    entry,
    platformIds,
    'platform in use',
    'platforms',
    REQUIRED_CREDIT,
    ctx,
  );
  const mustHave = scoreCells(
    entry,
    requirements.mustHave,
    'must-have',
    'mustHave',
    REQUIRED_CREDIT,
    ctx,
  );
  const niceToHave = scoreCells(
    entry,
    requirements.niceToHave,
    'nice-to-have',
    'niceToHave',
    WISHED_CREDIT,
    ctx,
  );
  const controlPlaneRow: Record<string, CapabilityId | undefined> = {
    managed: 'control-plane-managed',
    'self-hosted': 'control-plane-self-hosted',
  };
  const controlPlane = preferenceScore(
    entry,
    controlPlaneRow[requirements.preferences.controlPlane],
    'controlPlane',
    ctx,
  );
  const openSource = preferenceScore(
    entry,
    requirements.preferences.openSourceLicense
      ? 'open-source-license'
      : undefined,
    'openSource',
    ctx,
  );

  const required = [...platformIds, ...requirements.mustHave];
  const failedMustHaves = required.filter(
    id => entry.capabilities[id].value === 'not-supported',
  );
  const unverifiedMustHaves = required.filter(
    id => entry.capabilities[id].value === 'unknown',
  );

  const scope = migrationTargetScope(entry, ctx);
  let standing: RecommendationStanding = 'qualified';
  if (scope) standing = 'outside-scope';
  else if (failedMustHaves.length > 0) standing = 'fails-must-have';
  else if (unverifiedMustHaves.length > 0) standing = 'not-verified';

  const lifecycle: RecommendationReason[] =
    entry.lifecycle.status === 'deprecated'
      ? [
          {
            text: `${entry.name} is deprecated${
              entry.lifecycle.since ? ` since ${entry.lifecycle.since}` : ''
            }: ${entry.lifecycle.note}`,
            kind: 'negative',
            ref: { entryId: entry.id, field: 'lifecycle' },
          },
        ]
      : [];
  const standingReasons: RecommendationReason[] = [
    ...(failedMustHaves.length
      ? [
          {
            text: `Fails ${
              failedMustHaves.length
            } required item(s): ${failedMustHaves
              .map(id => capabilityTitle(ctx.kb, id))
              .join(', ')}.`,
            kind: 'negative' as const,
          },
        ]
      : []),
    ...(unverifiedMustHaves.length
      ? [
          {
            text: `Not verified for ${
              unverifiedMustHaves.length
            } required item(s): ${unverifiedMustHaves
              .map(id => capabilityTitle(ctx.kb, id))
              .join(', ')}.`,
            kind: 'neutral' as const,
          },
        ]
      : []),
  ];

  const parts = {
    platforms,
    mustHave,
    niceToHave,
    controlPlane,
    overhead: overhead(entry, ctx),
    openSource,
    experience: experience(entry, ctx),
    featureCoverage: featureCoverage(entry, ctx),
  } satisfies Record<
    RequirementCriterion,
    { score: number | null; reasons: RecommendationReason[] }
  >;

  const scores = Object.fromEntries(
    Object.entries(parts).map(([criterion, part]) => [criterion, part.score]),
  ) as Record<RequirementCriterion, number | null>;

  return {
    standing,
    scores,
    failedMustHaves,
    unverifiedMustHaves,
    reasons: [
      ...(scope ? [scope] : []),
      ...lifecycle,
      ...standingReasons,
      ...Object.values(parts).flatMap(part => part.reasons),
    ],
  };
}

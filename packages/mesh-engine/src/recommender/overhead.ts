import type {
  MeshEntryId,
  MeshKnowledgeBase,
  OverheadMeasurement,
  OverheadMetric,
  OverheadUnit,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { compareCodeUnits } from './order';

/**
 * Overhead figures are harness-specific, so they are never turned into one
 * absolute score. Instead we only count head-to-head results that a single
 * study published: two entries measured with the same metric at the same
 * load, or a figure stated relative to another entry.
 */

/** Metrics where lower is better and that describe the data path. */
const SCORED_METRICS: ReadonlySet<OverheadMetric> = new Set<OverheadMetric>([
  'proxy-cpu',
  'proxy-memory',
  'added-latency',
  'added-latency-p50',
  'added-latency-p90',
  'added-latency-p99',
  'added-latency-max',
  'latency-p50',
  'latency-p99',
]);

export const OVERHEAD_METRIC_LABELS: Record<OverheadMetric, string> = {
  'proxy-cpu': 'proxy CPU',
  'proxy-memory': 'proxy memory',
  'control-plane-cpu': 'control-plane CPU',
  'control-plane-memory': 'control-plane memory',
  'mesh-cpu': 'total mesh CPU',
  'added-latency': 'added latency',
  'added-latency-p50': 'median added latency',
  'added-latency-p90': 'p90 added latency',
  'added-latency-p99': 'p99 added latency',
  'added-latency-max': 'maximum added latency',
  'latency-p50': 'median latency',
  'latency-p99': 'p99 latency',
  throughput: 'throughput',
  'throughput-per-core': 'throughput per core',
};

const UNIT_SCALE: Record<OverheadUnit, { base: string; factor: number }> = {
  vCPU: { base: 'vCPU', factor: 1 },
  MB: { base: 'MB', factor: 1 },
  GB: { base: 'MB', factor: 1024 },
  ms: { base: 'ms', factor: 1 },
  'cpu-ms': { base: 'cpu-ms', factor: 1 },
  'cpu-s': { base: 'cpu-ms', factor: 1000 },
  percent: { base: 'percent', factor: 1 },
};

/** A measurement located in the knowledge base. */
export interface LocatedOverheadMeasurement {
  entryId: MeshEntryId;
  index: number;
  measurement: OverheadMeasurement;
}

/** One published head-to-head result between two entries. */
export interface OverheadComparison {
  metric: OverheadMetric;
  load: string;
  /** Absent on a tie. */
  winner?: MeshEntryId;
  entries: [MeshEntryId, MeshEntryId];
  /** The figures it rests on: one per entry, or one relative figure. */
  evidence: LocatedOverheadMeasurement[];
}

export interface OverheadStanding {
  wins: number;
  losses: number;
  ties: number;
  /**
   * (wins + ties/2 + 1) / (comparisons + 2): 0.5 with no evidence, moving
   * towards the win rate as published comparisons accumulate.
   */
  score: number;
  comparisons: OverheadComparison[];
}

function scoredMeasurements(
  kb: MeshKnowledgeBase,
): LocatedOverheadMeasurement[] {
  return kb.entries.flatMap(entry =>
    entry.overhead.flatMap((measurement, index) =>
      measurement.verified && SCORED_METRICS.has(measurement.metric)
        ? [{ entryId: entry.id, index, measurement }]
        : [],
    ),
  );
}

function relativeComparison(
  located: LocatedOverheadMeasurement,
): OverheadComparison {
  const { measurement, entryId } = located;
  const other = measurement.relativeTo!;
  const entries: [MeshEntryId, MeshEntryId] =
    entryId < other ? [entryId, other] : [other, entryId];
  let winner: MeshEntryId | undefined;
  if (measurement.value > 0) winner = other;
  if (measurement.value < 0) winner = entryId;
  return {
    metric: measurement.metric,
    load: measurement.load,
    ...(winner ? { winner } : {}),
    entries,
    evidence: [located],
  };
}

function groupKey({ measurement }: LocatedOverheadMeasurement): string {
  const unit = UNIT_SCALE[measurement.unit].base;
  return [
    measurement.source.url,
    measurement.metric,
    measurement.load,
    unit,
  ].join('|');
}

function normalized({ measurement }: LocatedOverheadMeasurement): number {
  return measurement.value * UNIT_SCALE[measurement.unit].factor;
}

/**
 * Pairs entries measured in the same study, metric and load. An entry with
 * several figures in one group (e.g. ztunnel and waypoint) is represented by
 * its lightest one: the leanest configuration that study published.
 */
function groupedComparisons(
  measurements: LocatedOverheadMeasurement[],
): OverheadComparison[] {
  const groups = new Map<
    string,
    Map<MeshEntryId, LocatedOverheadMeasurement>
  >();
  for (const located of measurements) {
    const key = groupKey(located);
    const byEntry = groups.get(key) ?? new Map();
    const current = byEntry.get(located.entryId);
    if (!current || normalized(located) < normalized(current)) {
      byEntry.set(located.entryId, located);
    }
    groups.set(key, byEntry);
  }

  const comparisons: OverheadComparison[] = [];
  for (const key of [...groups.keys()].sort()) {
    const members = [...groups.get(key)!.values()].sort((a, b) =>
      compareCodeUnits(a.entryId, b.entryId),
    );
    members.forEach((a, i) =>
      members.slice(i + 1).forEach(b => {
        const difference = normalized(a) - normalized(b);
        let winner: MeshEntryId | undefined;
        if (difference < 0) winner = a.entryId;
        if (difference > 0) winner = b.entryId;
        comparisons.push({
          metric: a.measurement.metric,
          load: a.measurement.load,
          ...(winner ? { winner } : {}),
          entries: [a.entryId, b.entryId],
          evidence: [a, b],
        });
      }),
    );
  }
  return comparisons;
}

/** Every published head-to-head overhead result in the knowledge base. */
export function compareOverhead(kb: MeshKnowledgeBase): OverheadComparison[] {
  const ids = new Set(kb.entries.map(entry => entry.id));
  const measurements = scoredMeasurements(kb);
  const relative = measurements
    .filter(m => m.measurement.relativeTo && ids.has(m.measurement.relativeTo))
    .map(relativeComparison);
  const grouped = groupedComparisons(
    measurements.filter(m => !m.measurement.relativeTo),
  );
  // Sorted on content, so the order never depends on the order of entries.
  const sortKey = (c: OverheadComparison) =>
    [
      ...c.entries,
      c.metric,
      c.load,
      ...c.evidence.map(
        e => `${e.measurement.source.url}#${e.entryId}#${e.index}`,
      ),
    ].join('|');
  return [...grouped, ...relative]
    .map(c => ({ c, key: sortKey(c) }))
    .sort((a, b) => compareCodeUnits(a.key, b.key))
    .map(({ c }) => c);
}

export function overheadStanding(
  entryId: MeshEntryId,
  comparisons: readonly OverheadComparison[],
): OverheadStanding {
  const mine = comparisons.filter(c => c.entries.includes(entryId));
  const wins = mine.filter(c => c.winner === entryId).length;
  const ties = mine.filter(c => c.winner === undefined).length;
  const losses = mine.length - wins - ties;
  return {
    wins,
    losses,
    ties,
    score: (wins + ties / 2 + 1) / (mine.length + 2),
    comparisons: mine,
  };
}

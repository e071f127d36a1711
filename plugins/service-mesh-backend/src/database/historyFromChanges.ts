import {
  AdoptionStage,
  StageHistoryPoint,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** One entity with its changes of stage, oldest first. */
export interface EntityChanges {
  /** The series the entity counts in: `''` for one series, else its owner or system. */
  group: string;
  changes: { at: number; stage: string }[];
}

const DAY_MS = 86_400_000;

/**
 * Counts per stage per day rebuilt from each entity's history of changes:
 * on each day, an entity counts in the stage of its last change before the
 * day ended (UTC). The daily roll-up holds the same counts for every entity;
 * this serves callers who may see only some of them.
 */
export function historyFromChanges(
  days: readonly string[],
  entities: readonly EntityChanges[],
  grouped: boolean,
): StageHistoryPoint[] {
  const points: StageHistoryPoint[] = [];
  for (const day of days) {
    const dayEnd = Date.parse(`${day}T00:00:00Z`) + DAY_MS;
    const byGroup = new Map<string, StageHistoryPoint['counts']>();
    for (const { group, changes } of entities) {
      const stage = stageAt(changes, dayEnd);
      if (!stage) continue;
      const counts = byGroup.get(group) ?? {};
      counts[stage] = (counts[stage] ?? 0) + 1;
      byGroup.set(group, counts);
    }
    for (const group of [...byGroup.keys()].sort()) {
      points.push({
        day,
        ...(grouped ? { group } : {}),
        counts: byGroup.get(group)!,
      });
    }
  }
  return points;
}

/** The stage of the last change before `end`, or none when there was none yet. */
function stageAt(
  changes: EntityChanges['changes'],
  end: number,
): AdoptionStage | undefined {
  let stage: string | undefined;
  for (const change of changes) {
    if (change.at >= end) break;
    stage = change.stage;
  }
  return stage as AdoptionStage | undefined;
}

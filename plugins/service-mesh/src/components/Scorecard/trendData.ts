import {
  AdoptionStage,
  StageHistoryPoint,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { STAGE_ORDER } from '../common/StageChip';

export type TrendRow = { day: string } & Partial<Record<AdoptionStage, number>>;

/**
 * One row per day with a count per stage, summed over groups when the
 * history is grouped; stages seen on any day are 0 (not missing) on the
 * others so the stacked areas do not break.
 */
export function trendRows(points: readonly StageHistoryPoint[]): TrendRow[] {
  const stages = trendStages(points);
  const byDay = new Map<string, TrendRow>();
  for (const point of points) {
    let row = byDay.get(point.day);
    if (!row) {
      row = { day: point.day };
      for (const stage of stages) row[stage] = 0;
      byDay.set(point.day, row);
    }
    for (const [stage, count] of Object.entries(point.counts) as Array<
      [AdoptionStage, number | undefined]
    >) {
      row[stage] = (row[stage] ?? 0) + (count ?? 0);
    }
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** The stages with a count on any day, done first (the bottom of the stack). */
export function trendStages(
  points: readonly StageHistoryPoint[],
): AdoptionStage[] {
  const seen = new Set<string>();
  for (const point of points) {
    for (const [stage, count] of Object.entries(point.counts)) {
      if (count) seen.add(stage);
    }
  }
  return [...STAGE_ORDER].reverse().filter(stage => seen.has(stage));
}

/** `YYYY-MM-DD`, `days` before `today` (UTC). */
export function daysBefore(today: Date, days: number): string {
  const date = new Date(today.getTime() - days * 24 * 3600 * 1000);
  return date.toISOString().slice(0, 10);
}

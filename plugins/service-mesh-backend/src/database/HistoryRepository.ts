import { Knex } from 'knex';
import {
  AdoptionStage,
  EntityAssessmentResponse,
  StageHistoryPoint,
  StageHistoryQuery,
  StageHistoryResponse,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { writeDemoHistory } from './demoHistory';
import { historyFromChanges } from './historyFromChanges';
import { chunks, isPostgres, toCount, utcDay } from './rows';

/** The advisory lock roll-ups of the daily counts take turns on (PostgreSQL). */
const ROLL_UP_LOCK = 0x6d657368; // "mesh"

/** An entity's stage and score as stored before an assessment replaces them. */
export type StoredStage = { stage: string; score: number | null };

/**
 * The history of assessments: one row per entity per change of stage or
 * score, the daily roll-up of counts per stage (org-wide, per owner, per
 * system), and the trend queries over both.
 */
export class HistoryRepository {
  readonly #knex: Knex;

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  /**
   * A history row for each assessment whose stage or score differs from the
   * one stored before it, in the transaction that stores the assessments.
   */
  async recordChanges(
    assessments: readonly EntityAssessmentResponse[],
    previous: ReadonlyMap<string, StoredStage>,
    tx: Knex.Transaction,
  ): Promise<void> {
    const history = assessments
      .filter(a => {
        const before = previous.get(a.entity.entityRef);
        return !before || before.stage !== a.stage || before.score !== a.score;
      })
      .map(a => ({
        entity_ref: a.entity.entityRef,
        stage: a.stage,
        previous_stage: previous.get(a.entity.entityRef)?.stage ?? null,
        score: a.score,
        mesh: a.mesh,
        recorded_at: new Date(a.assessedAt),
      }));
    if (history.length > 0) {
      await tx('mesh_assessment_history').insert(history);
    }
  }

  /**
   * Replaces the day's counts per stage (org-wide, per owner, per system).
   * Roll-ups run concurrently (refreshes and scans, on several replicas):
   * on PostgreSQL they take turns on a transaction-scoped advisory lock, and
   * every insert is an upsert, so none collides with another's rows.
   */
  async rollUpDay(day: string): Promise<void> {
    await this.#knex.transaction(async tx => {
      if (isPostgres(this.#knex)) {
        await tx.raw('SELECT pg_advisory_xact_lock(?)', [ROLL_UP_LOCK]);
      }
      await tx('mesh_stage_daily').where({ day }).delete();
      const dimensions: [string, string | null][] = [
        ['all', null],
        ['owner', 'owner'],
        ['system', 'system'],
      ];
      for (const [dimension, column] of dimensions) {
        const query = tx('mesh_assessments')
          .select('stage')
          .count({ count: '*' })
          .groupBy('stage');
        if (column)
          query.select({ key: column }).whereNotNull(column).groupBy(column);
        const counts = (await query) as unknown as {
          stage: string;
          key?: string;
          count: unknown;
        }[];
        const rows = counts.map(c => ({
          day,
          dimension,
          dimension_key: c.key ?? '',
          stage: c.stage,
          count: toCount(c.count),
          demo: false,
        }));
        for (const batch of chunks(rows)) {
          await tx('mesh_stage_daily')
            .insert(batch)
            .onConflict(['day', 'dimension', 'dimension_key', 'stage'])
            .merge(['count', 'demo']);
        }
      }
    });
  }

  /**
   * Counts per stage per day. Without `visibleRefs` (the caller may see
   * every entity) they come from the daily roll-up; with them, they are
   * rebuilt from the history rows of those entities only, on the days the
   * roll-up has, so a restricted caller learns nothing of other entities.
   */
  async history(
    query: StageHistoryQuery,
    visibleRefs?: ReadonlySet<string>,
    today: Date = new Date(),
  ): Promise<StageHistoryResponse> {
    const to = query.to ?? utcDay(today);
    const from =
      query.from ??
      utcDay(new Date(new Date(`${to}T00:00:00Z`).getTime() - 89 * 86_400_000));
    const points = visibleRefs
      ? await this.#historyOfVisible(query, from, to, visibleRefs)
      : await this.#historyFromRollUp(query, from, to);
    return {
      from,
      to,
      ...(query.groupBy ? { groupBy: query.groupBy } : {}),
      points,
    };
  }

  async #historyFromRollUp(
    query: StageHistoryQuery,
    from: string,
    to: string,
  ): Promise<StageHistoryPoint[]> {
    const builder = this.#knex('mesh_stage_daily')
      .select('day', 'dimension_key', 'stage', 'count', 'demo')
      .whereBetween('day', [from, to])
      .orderBy('day')
      .orderBy('dimension_key');
    if (query.owner) {
      builder.where({ dimension: 'owner', dimension_key: query.owner });
    } else if (query.system) {
      builder.where({ dimension: 'system', dimension_key: query.system });
    } else if (query.groupBy) {
      builder.where({ dimension: query.groupBy });
    } else {
      builder.where({ dimension: 'all' });
    }
    const rows: {
      day: string;
      dimension_key: string;
      stage: string;
      count: unknown;
      demo: boolean | number;
    }[] = await builder;

    const points = new Map<string, StageHistoryPoint>();
    for (const row of rows) {
      const group =
        query.groupBy && !query.owner && !query.system
          ? row.dimension_key
          : undefined;
      const key = `${row.day}\u0000${group ?? ''}`;
      let point = points.get(key);
      if (!point) {
        point = { day: row.day, ...(group ? { group } : {}), counts: {} };
        points.set(key, point);
      }
      if (row.demo) point.demo = true;
      point.counts[row.stage as AdoptionStage] = toCount(row.count);
    }
    return [...points.values()];
  }

  async #historyOfVisible(
    query: StageHistoryQuery,
    from: string,
    to: string,
    visibleRefs: ReadonlySet<string>,
  ): Promise<StageHistoryPoint[]> {
    const days: string[] = (
      await this.#knex('mesh_stage_daily')
        .distinct('day')
        .where({ dimension: 'all' })
        .whereBetween('day', [from, to])
        .orderBy('day')
    ).map((row: { day: string }) => row.day);
    if (days.length === 0 || visibleRefs.size === 0) return [];

    // Grouped by the entity's current owner or system (the roll-up uses the
    // one it had on each day; they differ only for a service that moved).
    let column = query.groupBy;
    if (query.owner) column = 'owner';
    else if (query.system) column = 'system';
    const only = query.owner ?? query.system;
    const groups = new Map<string, string>();
    for (const batch of chunks([...visibleRefs])) {
      const rows: { entity_ref: string; key: string | null }[] =
        await this.#knex('mesh_assessments')
          .select(
            'entity_ref',
            column ? { key: column } : this.#knex.raw("'' as key"),
          )
          .whereIn('entity_ref', batch);
      for (const row of rows) {
        if (column && (row.key === null || (only && row.key !== only))) {
          continue;
        }
        groups.set(row.entity_ref, only ? '' : row.key ?? '');
      }
    }

    const changes = new Map<string, { at: number; stage: string }[]>();
    for (const batch of chunks([...groups.keys()])) {
      const rows: {
        entity_ref: string;
        stage: string;
        recorded_at: Date | string | number;
      }[] = await this.#knex('mesh_assessment_history')
        .select('entity_ref', 'stage', 'recorded_at')
        .whereIn('entity_ref', batch)
        .orderBy('recorded_at')
        .orderBy('id');
      for (const row of rows) {
        const list = changes.get(row.entity_ref) ?? [];
        list.push({
          at: new Date(row.recorded_at).getTime(),
          stage: row.stage,
        });
        changes.set(row.entity_ref, list);
      }
    }
    return historyFromChanges(
      days,
      [...groups].map(([ref, group]) => ({
        group,
        changes: changes.get(ref) ?? [],
      })),
      Boolean(query.groupBy && !only),
    );
  }

  /** The day's counts, recomputed for the history when a scan ends. */
  async rollUpToday(now: Date = new Date()): Promise<void> {
    await this.rollUpDay(utcDay(now));
  }

  /**
   * Demo only (`serviceMesh.demo.backfillHistoryDays`): fills the `days`
   * before today that precede the first real roll-up with generated counts,
   * marked as demo data. Returns the number of days written.
   */
  async backfillDemo(days: number, now: Date = new Date()): Promise<number> {
    return this.#knex.transaction(async tx => {
      if (isPostgres(this.#knex)) {
        await tx.raw('SELECT pg_advisory_xact_lock(?)', [ROLL_UP_LOCK]);
      }
      return writeDemoHistory(tx, days, utcDay(now));
    });
  }
}

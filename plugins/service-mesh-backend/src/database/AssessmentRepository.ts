import { Knex } from 'knex';
import {
  AdoptionStage,
  EntityAssessmentResponse,
  ScorecardQuery,
  ScorecardResponse,
  ScorecardRow,
  StageHistoryPoint,
  StageHistoryQuery,
  StageHistoryResponse,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { historyFromChanges } from './historyFromChanges';
import { chunks, isPostgres, toCount, toIso, utcDay } from './rows';
import { StageTotals, StageTotalsCache } from './StageTotalsCache';

type AssessmentRow = {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  owner: string | null;
  system: string | null;
  title: string | null;
  stage: string;
  mesh: string | null;
  score: number | null;
  blocking_count: number;
  assessment: string;
  assessed_at: Date | string;
};

const SORT_COLUMNS: Record<NonNullable<ScorecardQuery['sort']>, string> = {
  name: 'name',
  owner: 'owner',
  system: 'system',
  stage: 'stage',
  mesh: 'mesh',
  score: 'score',
  blockingCount: 'blocking_count',
  assessedAt: 'assessed_at',
};

/** Sort columns declared not null: no empty values to put last. */
const NOT_NULL_COLUMNS = new Set([
  'name',
  'stage',
  'blocking_count',
  'assessed_at',
]);

/** The advisory lock roll-ups of the daily counts take turns on (PostgreSQL). */
const ROLL_UP_LOCK = 0x6d657368; // "mesh"

/**
 * Current assessments (one row per entity, the full answer as JSON plus the
 * columns the scorecard filters and sorts on), their history of changes and
 * the daily roll-up of counts per stage.
 */
export class AssessmentRepository {
  readonly #knex: Knex;
  readonly #totals: StageTotalsCache;

  constructor(knex: Knex, options: { totalsMaxAgeMs?: number } = {}) {
    this.#knex = knex;
    this.#totals = new StageTotalsCache({ maxAgeMs: options.totalsMaxAgeMs });
  }

  /**
   * Stores new assessments and, for each whose stage or score changed, a
   * history row. One transaction: readers never see half a scan.
   */
  async save(assessments: EntityAssessmentResponse[]): Promise<void> {
    await this.#knex.transaction(async tx => {
      for (const batch of chunks(assessments)) {
        const previous = new Map<
          string,
          { stage: string; score: number | null }
        >(
          (
            await tx('mesh_assessments')
              .select('entity_ref', 'stage', 'score')
              .whereIn(
                'entity_ref',
                batch.map(a => a.entity.entityRef),
              )
          ).map(row => [row.entity_ref, row]),
        );
        const history = batch
          .filter(a => {
            const before = previous.get(a.entity.entityRef);
            return (
              !before || before.stage !== a.stage || before.score !== a.score
            );
          })
          .map(a => ({
            entity_ref: a.entity.entityRef,
            stage: a.stage,
            previous_stage: previous.get(a.entity.entityRef)?.stage ?? null,
            score: a.score,
            mesh: a.mesh,
            recorded_at: new Date(a.assessedAt),
          }));
        await tx('mesh_assessments')
          .insert(batch.map(toRow))
          .onConflict('entity_ref')
          .merge();
        if (history.length > 0) {
          await tx('mesh_assessment_history').insert(history);
        }
      }
    });
    this.#totals.clear();
  }

  /** Entity refs (with owner) of the assessments matching a bulk filter. */
  async entitiesMatching(
    filter: { owner?: string; system?: string; stages?: string[] },
    tx: Knex | Knex.Transaction = this.#knex,
  ): Promise<{ entityRef: string; owner?: string }[]> {
    const builder = tx('mesh_assessments').select('entity_ref', 'owner');
    if (filter.owner) builder.where({ owner: filter.owner });
    if (filter.system) builder.where({ system: filter.system });
    if (filter.stages?.length) builder.whereIn('stage', filter.stages);
    const rows: { entity_ref: string; owner: string | null }[] =
      await builder.orderBy('entity_ref');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      ...(row.owner ? { owner: row.owner } : {}),
    }));
  }

  /** Drops assessments of entities that left the catalog. */
  async removeAllExcept(entityRefs: ReadonlySet<string>): Promise<number> {
    const stored: { entity_ref: string }[] = await this.#knex(
      'mesh_assessments',
    ).select('entity_ref');
    const gone = stored
      .map(row => row.entity_ref)
      .filter(ref => !entityRefs.has(ref));
    for (const batch of chunks(gone)) {
      await this.#knex('mesh_assessments')
        .whereIn('entity_ref', batch)
        .delete();
    }
    if (gone.length > 0) this.#totals.clear();
    return gone.length;
  }

  async get(
    entityRef: string,
    tx: Knex | Knex.Transaction = this.#knex,
  ): Promise<EntityAssessmentResponse | undefined> {
    const row: AssessmentRow | undefined = await tx('mesh_assessments')
      .where({ entity_ref: entityRef })
      .first();
    return row ? JSON.parse(row.assessment) : undefined;
  }

  /** Several stored assessments by entity ref, read in batches. */
  async getMany(
    entityRefs: readonly string[],
    tx: Knex | Knex.Transaction = this.#knex,
  ): Promise<Map<string, EntityAssessmentResponse>> {
    const result = new Map<string, EntityAssessmentResponse>();
    for (const batch of chunks(entityRefs)) {
      const rows: Pick<AssessmentRow, 'entity_ref' | 'assessment'>[] = await tx(
        'mesh_assessments',
      )
        .select('entity_ref', 'assessment')
        .whereIn('entity_ref', batch);
      for (const row of rows) {
        result.set(row.entity_ref, JSON.parse(row.assessment));
      }
    }
    return result;
  }

  /**
   * The stored assessment as the JSON text it was saved as: the assessment
   * route sends it as is, without parsing and serialising it again.
   */
  async getJson(entityRef: string): Promise<string | undefined> {
    const row: Pick<AssessmentRow, 'assessment'> | undefined = await this.#knex(
      'mesh_assessments',
    )
      .select('assessment')
      .where({ entity_ref: entityRef })
      .first();
    return row?.assessment;
  }

  /**
   * The scorecard page. `visibleRefs`, when given, limits the rows to the
   * entities the caller may see in the catalog.
   */
  async scorecard(
    query: ScorecardQuery,
    visibleRefs?: ReadonlySet<string>,
  ): Promise<ScorecardResponse> {
    const filtered = () => {
      const builder = this.#knex('mesh_assessments');
      if (query.owner?.length) builder.whereIn('owner', query.owner);
      if (query.system?.length) builder.whereIn('system', query.system);
      if (query.stage?.length) builder.whereIn('stage', query.stage);
      if (query.mesh?.length) {
        const meshes = query.mesh.filter(m => m !== 'none');
        builder.where(inner => {
          if (meshes.length) inner.whereIn('mesh', meshes);
          if (query.mesh!.includes('none')) inner.orWhereNull('mesh');
        });
      }
      if (query.q?.trim()) {
        // `%` and `_` are searched for, not wildcards: escaped with `\`,
        // declared as the escape character (SQLite has no default one).
        const text = query.q.trim().toLocaleLowerCase('en-US');
        const pattern = `%${text.replace(/[\\%_]/g, '\\$&')}%`;
        builder.where(inner => {
          for (const column of ['name', 'title', 'owner', 'system']) {
            inner.orWhereRaw(`lower(coalesce(??, '')) like ? escape '\\'`, [
              column,
              pattern,
            ]);
          }
        });
      }
      if (visibleRefs) builder.whereIn('entity_ref', [...visibleRefs]);
      return builder;
    };

    const countStages = async () => {
      const stageCounts: { stage: string; count: unknown }[] = await filtered()
        .select('stage')
        .count({ count: '*' })
        .groupBy('stage');
      const counted: StageTotals = {};
      for (const { stage, count } of stageCounts) {
        counted[stage as AdoptionStage] = toCount(count);
      }
      return counted;
    };
    // Counts of what a caller may see depend on the caller: not cached.
    const { owner, system, stage, mesh, q } = query;
    const totals = visibleRefs
      ? await countStages()
      : await this.#totals.get({ owner, system, stage, mesh, q }, countStages);
    const totalCount = Object.values(totals).reduce((a, b) => a + b, 0);

    const sortColumn = SORT_COLUMNS[query.sort ?? 'name'];
    const order = query.order ?? 'asc';
    const ordered = (builder: Knex.QueryBuilder) =>
      (NOT_NULL_COLUMNS.has(sortColumn)
        ? // A plain order: the (name, entity_ref) index serves the default
          // order without a sort of every row.
          builder.orderBy(sortColumn, order)
        : // Empty values last in either direction. Written out because
          // knex's SQLite dialect drops the column's direction when given
          // `nulls`.
          builder.orderByRaw(
            `(?? is null) asc, ?? ${order === 'desc' ? 'desc' : 'asc'}`,
            [sortColumn, sortColumn],
          )
      ).orderBy('entity_ref', 'asc');
    // The page's refs first, then only those rows: every row carries its
    // whole assessment as JSON, and the page of a 10,000-service scorecard
    // must not read them all.
    const page = ordered(filtered().select('entity_ref'))
      .offset(query.offset ?? 0)
      .limit(query.limit ?? 50);
    const rows: AssessmentRow[] = await ordered(
      this.#knex('mesh_assessments')
        .select(
          'entity_ref',
          'kind',
          'namespace',
          'name',
          'owner',
          'system',
          'title',
          'stage',
          'mesh',
          'score',
          'blocking_count',
          'assessed_at',
        )
        .whereIn('entity_ref', page),
    );

    return { items: rows.map(toScorecardRow), totalCount, totals };
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
        }));
        for (const batch of chunks(rows)) {
          await tx('mesh_stage_daily')
            .insert(batch)
            .onConflict(['day', 'dimension', 'dimension_key', 'stage'])
            .merge(['count']);
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
      .select('day', 'dimension_key', 'stage', 'count')
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
}

function toRow(a: EntityAssessmentResponse): AssessmentRow {
  return {
    entity_ref: a.entity.entityRef,
    kind: a.entity.kind,
    namespace: a.entity.namespace,
    name: a.entity.name,
    owner: a.entity.owner ?? null,
    system: a.entity.system ?? null,
    title: a.entity.title ?? null,
    stage: a.stage,
    mesh: a.mesh,
    score: a.score,
    blocking_count: a.blockingCount,
    assessment: JSON.stringify(a),
    assessed_at: new Date(a.assessedAt),
  };
}

function toScorecardRow(row: AssessmentRow): ScorecardRow {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    ...(row.title ? { title: row.title } : {}),
    ...(row.owner ? { owner: row.owner } : {}),
    ...(row.system ? { system: row.system } : {}),
    stage: row.stage as AdoptionStage,
    mesh: (row.mesh as ScorecardRow['mesh']) ?? null,
    score: row.score,
    blockingCount: row.blocking_count,
    assessedAt: toIso(row.assessed_at)!,
  };
}

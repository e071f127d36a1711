import { Knex } from 'knex';
import {
  AdoptionStage,
  EntityAssessmentResponse,
  ScorecardQuery,
  ScorecardResponse,
  ScorecardRow,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { HistoryRepository, StoredStage } from './HistoryRepository';
import { chunks, rowBatches, toCount, toIso } from './rows';
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
  inputs_fingerprint?: string | null;
  checked_at?: Date | string | number | null;
};

/** What a stored assessment was computed from, to skip it when unchanged. */
export interface StoredInputs {
  /** The fingerprint of its configuration, parts and clusters' freshness. */
  inputs?: string;
  assessedAt: Date;
}

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

/**
 * Current assessments: one row per entity, the full answer as JSON plus the
 * columns the scorecard filters and sorts on. Their history is kept by the
 * `HistoryRepository`, written in the same transaction.
 */
export class AssessmentRepository {
  readonly #knex: Knex;
  readonly #history: HistoryRepository;
  readonly #totals: StageTotalsCache;

  constructor(
    knex: Knex,
    history: HistoryRepository,
    options: { totalsMaxAgeMs?: number } = {},
  ) {
    this.#knex = knex;
    this.#history = history;
    this.#totals = new StageTotalsCache({ maxAgeMs: options.totalsMaxAgeMs });
  }

  /**
   * Stores new assessments and, for each whose stage or score changed, a
   * history row. One transaction (`tx`, or one of its own): readers never
   * see half a batch. `fingerprints` are what each was merged from (by
   * entity ref); an assessment without one is merged again by the next scan.
   */
  async save(
    assessments: EntityAssessmentResponse[],
    fingerprints?: ReadonlyMap<string, string>,
    tx?: Knex.Transaction,
  ): Promise<void> {
    const write = async (trx: Knex.Transaction) => {
      const batches = rowBatches(
        assessments,
        a => ({
          ...toRow(a),
          inputs_fingerprint: fingerprints?.get(a.entity.entityRef) ?? null,
        }),
        row => row.assessment,
      );
      for await (const { items: batch, rows } of batches) {
        const previous = new Map<string, StoredStage>(
          (
            await trx('mesh_assessments')
              .select('entity_ref', 'stage', 'score')
              .whereIn(
                'entity_ref',
                batch.map(a => a.entity.entityRef),
              )
          ).map(row => [row.entity_ref, row]),
        );
        await trx('mesh_assessments')
          .insert(rows)
          .onConflict('entity_ref')
          .merge();
        await this.#history.recordChanges(batch, previous, trx);
      }
    };
    if (tx) await write(tx);
    else await this.#knex.transaction(write);
    this.#totals.clear();
  }

  /** The fingerprints of the inputs of these entities' stored assessments. */
  async storedInputs(
    entityRefs: readonly string[],
  ): Promise<Map<string, StoredInputs>> {
    const result = new Map<string, StoredInputs>();
    for (const batch of chunks(entityRefs)) {
      const rows: Pick<
        AssessmentRow,
        'entity_ref' | 'inputs_fingerprint' | 'assessed_at'
      >[] = await this.#knex('mesh_assessments')
        .select('entity_ref', 'inputs_fingerprint', 'assessed_at')
        .whereIn('entity_ref', batch);
      for (const row of rows) {
        result.set(row.entity_ref, {
          ...(row.inputs_fingerprint ? { inputs: row.inputs_fingerprint } : {}),
          assessedAt: new Date(row.assessed_at),
        });
      }
    }
    return result;
  }

  /**
   * Marks these entities' stored assessments as checked at `at`: a scan
   * found their inputs unchanged, so they still hold. One statement per
   * batch of refs (a scan marks thousands); a later mark is never moved back.
   */
  async markChecked(entityRefs: readonly string[], at: Date): Promise<void> {
    for (const batch of chunks(entityRefs)) {
      await this.#knex('mesh_assessments')
        .update({ checked_at: at })
        .whereIn('entity_ref', batch)
        .andWhere(inner =>
          inner.whereNull('checked_at').orWhere('checked_at', '<', at),
        );
    }
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
   * route sends it as is, without parsing and serialising it again. When a
   * scan checked it later than it was assessed (its inputs were unchanged),
   * `checkedAt` is added to the text.
   */
  async getJson(entityRef: string): Promise<string | undefined> {
    const row:
      | Pick<AssessmentRow, 'assessment' | 'assessed_at' | 'checked_at'>
      | undefined = await this.#knex('mesh_assessments')
      .select('assessment', 'assessed_at', 'checked_at')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    const checkedAt = toIso(row.checked_at ?? null);
    if (
      !checkedAt ||
      Date.parse(checkedAt) <= new Date(row.assessed_at).getTime()
    ) {
      return row.assessment;
    }
    return withCheckedAt(row.assessment, checkedAt);
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
}

/**
 * Adds `checkedAt` to the JSON text of a stored assessment without parsing
 * it: the text is `JSON.stringify` of an object that has no `checkedAt`
 * (`toRow` leaves it out), so it ends with its closing brace and the field
 * can go just before it.
 */
export function withCheckedAt(json: string, checkedAt: string): string {
  const end = json.lastIndexOf('}');
  if (end < 0) return json;
  const head = json.slice(0, end);
  const comma = head.trimEnd().endsWith('{') ? '' : ',';
  return `${head}${comma}"checkedAt":${JSON.stringify(checkedAt)}${json.slice(
    end,
  )}`;
}

function toRow(a: EntityAssessmentResponse): AssessmentRow {
  // Served from the row's `checked_at`, never stored in the JSON.
  const { checkedAt: _checkedAt, ...stored } = a;
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
    assessment: JSON.stringify(stored),
    assessed_at: new Date(a.assessedAt),
    // Checked when assessed: a later scan that finds it unchanged moves it.
    checked_at: new Date(a.assessedAt),
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

/** Conversions shared by the repositories: SQLite and PostgreSQL differ here. */

import { Knex } from 'knex';
import { Pause, timeSlicer } from '../scanner/yieldToEventLoop';

/** Whether the store runs on PostgreSQL (`pg`, or a client named after it). */
export function isPostgres(knex: Knex): boolean {
  const client = String(knex.client.config.client);
  return client === 'pg' || client.includes('postgres');
}

/** Timestamps come back as Date (pg) or as text/epoch numbers (SQLite). */
export function toIso(value: Date | string | number | null): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value).toISOString();
}

/** Counts come back as numbers (SQLite) or strings (pg bigint). */
export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** YYYY-MM-DD in UTC. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Splits work into batches that stay under every driver's parameter limit. */
export function chunks<T>(items: readonly T[], size = 200): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/**
 * About how much JSON one insert statement carries. Serialising rows and
 * sending them holds the event loop: a hundred large assessments in one
 * statement held it for 50-100 ms.
 */
export const STATEMENT_JSON_BYTES = 512 * 1024;

/**
 * `items` with their rows, in batches of one statement each: at most
 * `maxRows`, and about `maxBytes` of the rows' JSON (`jsonOf`). Each row is
 * built (serialised) between turns of the event loop.
 */
export async function* rowBatches<T, R>(
  items: readonly T[],
  toRow: (item: T) => R,
  jsonOf: (row: R) => string,
  options: { maxRows?: number; maxBytes?: number; pause?: Pause } = {},
): AsyncGenerator<{ items: T[]; rows: R[] }> {
  const {
    maxRows = 200,
    maxBytes = STATEMENT_JSON_BYTES,
    pause = timeSlicer(),
  } = options;
  let batch = { items: [] as T[], rows: [] as R[] };
  let bytes = 0;
  for (const item of items) {
    const row = toRow(item);
    batch.items.push(item);
    batch.rows.push(row);
    bytes += jsonOf(row).length;
    if (batch.rows.length >= maxRows || bytes >= maxBytes) {
      yield batch;
      batch = { items: [], rows: [] };
      bytes = 0;
    }
    await pause();
  }
  if (batch.rows.length > 0) yield batch;
}

/** A unique index refused the write (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The first key of the advisory locks taken per entity ("mesh" in ASCII). */
const ENTITY_LOCK_SPACE = 0x6d657368;

/**
 * Locks these entities until the end of the transaction (PostgreSQL
 * advisory locks, in a fixed order so that two transactions never wait for
 * each other). Part writes and assessment merges of one entity then take
 * turns across replicas. SQLite has one writer: nothing to lock.
 */
export async function lockEntities(
  tx: Knex.Transaction,
  entityRefs: readonly string[],
): Promise<void> {
  if (!isPostgres(tx) || entityRefs.length === 0) return;
  // In the order of the lock keys (`OFFSET 0` keeps the sorted subquery
  // from being flattened), whatever the refs' order.
  await tx.raw(
    `SELECT pg_advisory_xact_lock(?, key) FROM (
       SELECT DISTINCT hashtext(ref) AS key FROM unnest(?::text[]) AS ref
       ORDER BY key OFFSET 0
     ) AS keys`,
    [ENTITY_LOCK_SPACE, [...new Set(entityRefs)]],
  );
}
